// The defaults that adapt to the table: what the rule sets for small and large tables, that
// settings the user gave are kept, and that on a small noisy table the adapted defaults
// cross-validate better than the fixed ones did.

#include <QtTest>
#include <cmath>

#include "core/base/random.h"
#include "core/model/adaptive_defaults.h"
#include "core/validation/cross_validation.h"

using namespace bps;

namespace {

// Friedman's first regression problem (as sklearn's make_friedman1): 10 uniform inputs, 5 of
// them used, plus noise.
Dataset friedman(int rows, double noise, std::uint64_t seed) {
    Rng rng(seed);
    Dataset d;
    d.task = Task::Regression;
    d.target = "y";
    d.x.resize(rows, 10);
    d.y.resize(rows);
    for (int j = 0; j < 10; ++j) d.features.push_back("x" + std::to_string(j + 1));
    for (int r = 0; r < rows; ++r) {
        for (int j = 0; j < 10; ++j) d.x(r, j) = rng.uniform();
        d.y(r) = 10 * std::sin(M_PI * d.x(r, 0) * d.x(r, 1)) + 20 * std::pow(d.x(r, 2) - 0.5, 2) +
                 10 * d.x(r, 3) + 5 * d.x(r, 4) + noise * rng.normal();
    }
    return d;
}

double meanR2(const Dataset& data, const TrainingConfig& config) {
    CrossValidationOptions options;
    options.jobs = 1;
    options.baselines = false;
    double sum = 0;
    const CrossValidation cv = crossValidate(data, config, options);
    for (const FoldOutcome& fold : cv.folds) sum += fold.network.r2;
    return sum / static_cast<double>(cv.folds.size());
}

}  // namespace

class tst_AdaptiveDefaults : public QObject {
    Q_OBJECT
private slots:
    void ruleForTheRowCount_data();
    void ruleForTheRowCount();
    void patienceIsAShareOfTheEpochs();
    void givenSettingsAreKept();
    void noEarlyStoppingWithoutValidationRows();
    void describesWhatChanged();
    void beatsTheFixedDefaultsOnASmallNoisyTable();
};

void tst_AdaptiveDefaults::ruleForTheRowCount_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("hidden");
    QTest::addColumn<double>("l2");
    QTest::addColumn<int>("batch");
    QTest::addColumn<double>("validation");
    QTest::addColumn<int>("patience");
    QTest::newRow("tiny") << 60 << 64 << 0.003 << 64 << 0.2 << 40;
    QTest::newRow("iris-sized") << 150 << 64 << 0.003 << 64 << 0.1 << 40;
    QTest::newRow("just small") << 1999 << 64 << 0.003 << 64 << 0.1 << 40;
    QTest::newRow("just large") << 2000 << 16 << 0.0 << 256 << 0.2 << 20;
    QTest::newRow("htru2-sized") << 17898 << 16 << 0.0 << 256 << 0.2 << 20;
}

void tst_AdaptiveDefaults::ruleForTheRowCount() {
    QFETCH(int, rows);
    QFETCH(int, hidden);
    QFETCH(double, l2);
    QFETCH(int, batch);
    QFETCH(double, validation);
    QFETCH(int, patience);
    const TrainingConfig c = adaptDefaults(TrainingConfig{}, {}, std::size_t(rows)).config;
    QCOMPARE(c.hidden, std::vector<int>{hidden});
    QCOMPARE(c.live.l2, l2);
    QCOMPARE(c.live.batchSize, batch);
    QCOMPARE(c.validationFraction, validation);
    QCOMPARE(c.earlyStoppingPatience, patience);
    // What the rule does not touch stays the fixed default.
    QCOMPARE(c.live.learningRate, TrainingConfig{}.live.learningRate);
    QCOMPARE(c.epochs, TrainingConfig{}.epochs);
    QVERIFY(c.validate().empty());
}

void tst_AdaptiveDefaults::patienceIsAShareOfTheEpochs() {
    TrainingConfig config;
    config.epochs = 1000;
    QCOMPARE(adaptDefaults(config, {}, 300).config.earlyStoppingPatience, 200);
    QCOMPARE(adaptDefaults(config, {}, 30000).config.earlyStoppingPatience, 100);
    config.epochs = 3;
    QCOMPARE(adaptDefaults(config, {}, 30000).config.earlyStoppingPatience, kMinimumPatience);
}

void tst_AdaptiveDefaults::givenSettingsAreKept() {
    TrainingConfig config;
    config.hidden = {8, 4};
    config.live.l2 = 0;
    config.live.batchSize = 256;
    config.validationFraction = 0.3;
    config.earlyStoppingPatience = 0;  // "--early-stopping 0": off, as asked
    const AdaptedDefaults all = adaptDefaults(config, {true, true, true, true, true}, 150);
    QCOMPARE(all.config, config);
    QVERIFY(all.changes.empty());
    QVERIFY(describeAdaptedDefaults(all).empty());

    GivenSettings onlyHidden;
    onlyHidden.hidden = true;
    const TrainingConfig some = adaptDefaults(config, onlyHidden, 150).config;
    QCOMPARE(some.hidden, (std::vector<int>{8, 4}));
    QCOMPARE(some.live.batchSize, 64);
    QCOMPARE(some.earlyStoppingPatience, 40);
}

void tst_AdaptiveDefaults::noEarlyStoppingWithoutValidationRows() {
    TrainingConfig config;
    config.validationFraction = 0;
    GivenSettings given;
    given.validationFraction = true;
    QCOMPARE(adaptDefaults(config, given, 150).config.earlyStoppingPatience, 0);
}

void tst_AdaptiveDefaults::describesWhatChanged() {
    const std::string line = describeAdaptedDefaults(adaptDefaults(TrainingConfig{}, {}, 398));
    QCOMPARE(line,
             std::string("Defaults adapted to 398 rows, fewer than 2000: hidden 64, l2 0.003, "
                         "batch 64, validation 0.1, early stopping after 40 epochs without "
                         "improvement (best weights kept)"));
}

// Seeded and single-threaded, so the scores are the same on every run; the margin is what was
// measured (see the commit), with room for floating-point differences between machines.
void tst_AdaptiveDefaults::beatsTheFixedDefaultsOnASmallNoisyTable() {
    const Dataset data = friedman(300, 2.0, 7);
    const double fixed = meanR2(data, TrainingConfig{});
    const double adapted =
        meanR2(data, adaptDefaults(TrainingConfig{}, {}, std::size_t(data.rows())).config);
    qInfo("5-fold mean R2: fixed defaults %.4f, adapted %.4f", fixed, adapted);
    QVERIFY2(adapted > fixed + 0.05,
             qPrintable(QString("adapted %1, fixed %2").arg(adapted).arg(fixed)));
}

QTEST_GUILESS_MAIN(tst_AdaptiveDefaults)
#include "tst_adaptive_defaults.moc"
