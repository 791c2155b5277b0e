// Hyperparameter sweeps: parsing grids and ranges (errors name the bad part), the settings they
// expand to, results that are the same for any number of jobs, and successive halving keeping
// the best trials of a problem whose best setting is known.

#include <QtTest>
#include <algorithm>
#include <set>

#include "core/base/errors.h"
#include "core/validation/cross_validation.h"
#include "core/validation/sweep.h"
#include "core/validation/sweep_space.h"
#include "tests/test_support.h"

using namespace bps;

class tst_Sweep : public QObject {
    Q_OBJECT
private slots:
    void gridIsEveryCombination();
    void randomDrawsStayInTheirRanges();
    void badSpecsNameTheBadPart_data();
    void badSpecsNameTheBadPart();
    void sameResultsForAnyJobs();
    void pruningKeepsTheBestTrials();
    void bestModelIsTheBestTrials();
    void eachTrialIsReportedWithItsCurve();
    void foldScoresNeverChooseTheirEpoch();
};

void tst_Sweep::gridIsEveryCombination() {
    const SweepSpace space =
        parseSweepSpace("lr=1e-3,1e-2,1e-1; hidden=8,16,32,16x8; activation=tanh,relu", false);
    const std::vector<SweepSetting> settings = gridSettings(space);
    QCOMPARE(int(settings.size()), 24);
    QCOMPARE(settings.front().describe(), std::string("lr=1e-3 hidden=8 activation=tanh"));
    QCOMPARE(settings[1].describe(), std::string("lr=1e-3 hidden=8 activation=relu"));
    QCOMPARE(settings.back().describe(), std::string("lr=1e-1 hidden=16x8 activation=relu"));
    const TrainingConfig config = applySetting(TrainingConfig{}, settings.back());
    QCOMPARE(config.live.learningRate, 0.1);
    QCOMPARE(config.hidden, (std::vector<int>{16, 8}));
    QVERIFY(config.activation == Activation::Relu);
    QVERIFY(applySetting(TrainingConfig{}, gridSettings(parseSweepSpace("hidden=none", false))[0])
                .hidden.empty());
}

void tst_Sweep::randomDrawsStayInTheirRanges() {
    const SweepSpace space =
        parseSweepSpace("lr=log:1e-4..1; l2=0..1e-2; batch=32,64,256; epochs=5..20", true);
    const auto settings = randomSettings(space, 200, 7);
    QCOMPARE(int(settings.size()), 200);
    std::set<int> batches;
    int smallRates = 0;
    for (const SweepSetting& s : settings) {
        const TrainingConfig c = applySetting(TrainingConfig{}, s);
        QVERIFY(c.live.learningRate >= 1e-4 && c.live.learningRate <= 1.0);
        QVERIFY(c.live.l2 >= 0 && c.live.l2 <= 1e-2);
        QVERIFY(c.epochs >= 5 && c.epochs <= 20);
        batches.insert(c.live.batchSize);
        smallRates += c.live.learningRate < 1e-2;
    }
    QCOMPARE(batches, (std::set<int>{32, 64, 256}));
    // Log-uniform: half the draws below 1e-2 (a linear draw would give 1%).
    QVERIFY2(smallRates > 70 && smallRates < 130, qPrintable(QString::number(smallRates)));
    QCOMPARE(randomSettings(space, 5, 7)[4].describe(), settings[4].describe());
}

void tst_Sweep::badSpecsNameTheBadPart_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("ranges");
    QTest::addColumn<QString>("message");
    QTest::newRow("number") << "lr=1e-3,abc" << false
                            << "sweep 'lr=1e-3,abc': 'abc': expected a number";
    QTest::newRow("unknown") << "lr=0.1; rate=2" << false
                             << "sweep 'rate=2': unknown parameter 'rate'; known: lr, l2, "
                                "momentum, batch, hidden, activation, optimizer, epochs, "
                                "init_scale";
    QTest::newRow("no equals") << "lr" << false
                               << "sweep 'lr': expected name=values, like lr=1e-3,1e-2";
    QTest::newRow("range in grid") << "l2=0..1" << false
                                   << "sweep 'l2=0..1': a grid lists values; ranges are for "
                                      "--random";
    QTest::newRow("log of zero") << "l2=log:0..1" << true
                                 << "sweep 'l2=log:0..1': a log range needs a positive low end";
    QTest::newRow("reversed") << "lr=1..0.1" << true
                              << "sweep 'lr=1..0.1': the range's low end must be below its "
                                 "high end";
    QTest::newRow("out of limits") << "lr=-1" << false
                                   << "sweep 'lr=-1': '-1': learning rate must be a positive "
                                      "number";
    QTest::newRow("hidden") << "hidden=16x" << false
                            << "sweep 'hidden=16x': '16x': expected layer sizes like 16 or 32x16 "
                               "(or none)";
    QTest::newRow("twice") << "lr=1; lr=2" << false << "sweep 'lr=2': 'lr' is given twice";
    QTest::newRow("empty") << " ; " << false << "the sweep names no parameter";
}

void tst_Sweep::badSpecsNameTheBadPart() {
    QFETCH(QString, spec);
    QFETCH(bool, ranges);
    QFETCH(QString, message);
    QString what;
    try {
        parseSweepSpace(spec.toStdString(), ranges);
    } catch (const DataError& e) {
        what = e.what();
    }
    QCOMPARE(what, message);
}

namespace {
std::vector<SweepSetting> grid(const char* spec) {
    return gridSettings(parseSweepSpace(spec, false));
}
}  // namespace

// Seeds, folds and pruning all on: every number but the seconds is the same for 1 and 3 jobs.
void tst_Sweep::sameResultsForAnyJobs() {
    const Dataset data = test::syntheticDataset(Task::Binary, 500, 4, 2, 12);
    TrainingConfig base;
    base.epochs = 9;
    SweepOptions options;
    options.folds = 3;
    options.seeds = 2;
    options.prune = true;
    options.jobs = 1;
    const auto settings = grid("lr=1e-3,1e-2,1e-1; hidden=4,8");
    const SweepResult one = runSweep(data, base, settings, options);
    options.jobs = 3;
    const SweepResult three = runSweep(data, base, settings, options);
    QCOMPARE(int(one.trials.size()), 12);
    QCOMPARE(one.bestTrial, three.bestTrial);
    QCOMPARE(one.bestSetting, three.bestSetting);
    for (std::size_t i = 0; i < one.trials.size(); ++i) {
        const SweepTrial& a = one.trials[i];
        const SweepTrial& b = three.trials[i];
        QCOMPARE(a.score, b.score);
        QCOMPARE(a.metrics.rocAuc, b.metrics.rocAuc);
        QCOMPARE(a.epochs, b.epochs);
        QCOMPARE(a.pruned, b.pruned);
        QCOMPARE(a.config.seed, base.seed + std::uint64_t(a.seedIndex));
    }
}

// Nine learning rates from 1e-7 to 1e-2 on a problem Adam learns in a few epochs at 1e-2 and
// hardly starts on below: the larger the rate, the lower the loss after any number of epochs.
// Halving by 3 (27 epochs: rungs of 3, 9, 27) must carry the three largest rates to the second rung
// and the largest to the end, and name the same best setting as the full sweep.
void tst_Sweep::pruningKeepsTheBestTrials() {
    const Dataset data = test::syntheticDataset(Task::Binary, 800, 4, 2, 21);
    TrainingConfig base;
    base.epochs = 27;
    base.live.batchSize = 64;
    const auto settings = grid("lr=1e-7,3e-7,1e-6,3e-6,1e-5,3e-5,1e-4,3e-4,1e-2");
    SweepOptions options;
    options.jobs = 2;
    const SweepResult full = runSweep(data, base, settings, options);
    options.prune = true;
    const SweepResult pruned = runSweep(data, base, settings, options);
    QCOMPARE(full.bestSetting, 8);
    QCOMPARE(pruned.bestSetting, full.bestSetting);
    std::vector<int> epochs;
    for (const SweepTrial& t : pruned.trials) epochs.push_back(t.epochs);
    QCOMPARE(epochs, (std::vector<int>{3, 3, 3, 3, 3, 3, 9, 9, 27}));
    for (const SweepTrial& t : pruned.trials) QCOMPARE(t.pruned, t.index != 8);
    // The trial that ran to the end is the same run as in the full sweep.
    QCOMPARE(pruned.trials[8].score, full.trials[8].score);
}

// The kept model is the best trial's: its validation metrics are the trial's.
void tst_Sweep::bestModelIsTheBestTrials() {
    const Dataset data = test::syntheticDataset(Task::Regression, 400, 3, 0, 5);
    TrainingConfig base;
    base.epochs = 10;
    SweepOptions options;
    options.keepBestModel = true;
    options.jobs = 2;
    const SweepResult result = runSweep(data, base, grid("lr=1e-3,3e-2; hidden=4,none"), options);
    QVERIFY(result.bestModel.has_value());
    QVERIFY(result.bestModel->validation.has_value());
    const SweepTrial& best = result.trials[std::size_t(result.bestTrial)];
    QCOMPARE(result.bestModel->validation->r2, best.metrics.r2);
    QCOMPARE(result.bestModel->config, best.config);
}

// trialDone sees every piece of work (a trial per rung) with the trial as it stands; the curves
// hold the validation loss of each epoch, end at the trial's last epoch and stay bounded.
void tst_Sweep::eachTrialIsReportedWithItsCurve() {
    const Dataset data = test::syntheticDataset(Task::Binary, 300, 3, 0, 8);
    TrainingConfig base;
    base.epochs = 9;
    SweepOptions options;
    options.jobs = 2;
    options.prune = true;
    std::vector<SweepTrial> reported;
    options.trialDone = [&](const SweepTrial& t) { reported.push_back(t); };
    const SweepResult result = runSweep(data, base, grid("lr=1e-3,1e-2,1e-1"), options);
    // Three trials at rung 1 (3 epochs), the best one on to 9 epochs.
    QCOMPARE(int(reported.size()), 4);
    const SweepTrial& last = reported.back();
    const SweepTrial& final = result.trials[std::size_t(last.index)];
    QCOMPARE(last.score, final.score);
    QCOMPARE(last.epochs, 9);
    QCOMPARE(int(final.curve.size()), 9);
    QCOMPARE(final.curve.back().first, 9);
    QCOMPARE(final.curve.back().second, final.score);
    for (const SweepTrial& t : result.trials) QCOMPARE(t.curve.back().first, t.epochs);

    base.epochs = 2 * kMaxSweepCurvePoints + 1;
    options.prune = false;
    options.trialDone = {};
    const SweepResult longRun =
        runSweep(test::syntheticDataset(Task::Binary, 40, 2, 0, 3), base, grid("lr=1e-2"), options);
    const auto& curve = longRun.trials.front().curve;
    QVERIFY2(int(curve.size()) <= kMaxSweepCurvePoints + 1,
             qPrintable(QString::number(curve.size())));
    QCOMPARE(curve.back().first, base.epochs);
}

// With early stopping and --folds, a fold's held-out rows must not pick the epoch they score:
// the trial's score is crossValidate's (which stops on a share of the fold's training rows) for
// the same config and folds, not that of a run stopped on the held-out rows.
void tst_Sweep::foldScoresNeverChooseTheirEpoch() {
    const Dataset data = test::syntheticDataset(Task::Binary, 400, 4, 0, 21);
    TrainingConfig base;
    base.epochs = 60;
    base.earlyStoppingPatience = 3;
    base.validationFraction = 0.25;
    SweepOptions options;
    options.folds = 3;
    options.jobs = 1;
    const SweepResult sweep = runSweep(data, base, grid("lr=3e-2"), options);
    QCOMPARE(int(sweep.trials.size()), 1);
    CrossValidationOptions cv;
    cv.folds = 3;
    cv.jobs = 1;
    cv.baselines = false;
    const CrossValidation folds = crossValidate(data, sweep.trials[0].config, cv);
    std::vector<Metrics> metrics;
    for (const FoldOutcome& f : folds.folds) metrics.push_back(f.network);
    QCOMPARE(sweep.trials[0].score, meanMetrics(metrics).loss);
    // Early stopping did stop a fold before the last epoch, so the choice of rows mattered.
    QVERIFY(std::any_of(folds.folds.begin(), folds.folds.end(),
                        [](const FoldOutcome& f) { return f.epochs < 60; }));
}

QTEST_APPLESS_MAIN(tst_Sweep)
#include "tst_sweep.moc"
