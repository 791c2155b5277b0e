// The reliability diagram, Brier score and expected calibration error: perfectly calibrated
// synthetic scores lie on the diagonal, badly calibrated ones do not; hand-worked small cases.

#include <QtTest>
#include <cmath>
#include <random>

#include "core/evaluation/calibration.h"
#include "tests/common/test_vectors.h"

using namespace bps;
using bps::test::vec;

namespace {

// n scores uniform on [0, 1] and outcomes drawn with exactly that probability (or p^power).
void synthetic(int n, double power, Eigen::VectorXd& p, Eigen::VectorXd& y) {
    std::mt19937_64 rng(17);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    p.resize(n);
    y.resize(n);
    for (int i = 0; i < n; ++i) {
        p(i) = u(rng);
        y(i) = u(rng) < std::pow(p(i), power) ? 1.0 : 0.0;
    }
}

}  // namespace

class tst_Calibration : public QObject {
    Q_OBJECT
private slots:
    void calibratedScoresLieOnTheDiagonal_data();
    void calibratedScoresLieOnTheDiagonal();
    void miscalibratedScoresAreCaught();
    void brierAndEceByHand();
    void quantileBinsHaveEqualCounts();
    void wilsonIntervalKnownValue();
    void nanScoresAreSkipped();
    void multiclassOneVersusRest();
};

void tst_Calibration::calibratedScoresLieOnTheDiagonal_data() {
    QTest::addColumn<int>("binning");
    QTest::newRow("uniform") << static_cast<int>(Binning::Uniform);
    QTest::newRow("quantile") << static_cast<int>(Binning::Quantile);
}

void tst_Calibration::calibratedScoresLieOnTheDiagonal() {
    QFETCH(int, binning);
    Eigen::VectorXd p, y;
    synthetic(100000, 1.0, p, y);
    const Reliability r = reliability(p, y, 10, static_cast<Binning>(binning));
    QCOMPARE(r.bins.size(), std::size_t{10});
    QCOMPARE(r.rows, std::int64_t{100000});
    for (const ReliabilityBin& b : r.bins) {
        // Each bin's observed frequency is a binomial proportion around its mean prediction:
        // within three standard deviations at that count (fixed seed, so this is deterministic).
        const double sd = std::sqrt(b.meanPredicted * (1 - b.meanPredicted) / b.count);
        QVERIFY2(std::abs(b.observedFrequency - b.meanPredicted) <= 3 * sd,
                 qPrintable(QString("bin [%1, %2]: observed %3, predicted %4, sd %5")
                                .arg(b.lower)
                                .arg(b.upper)
                                .arg(b.observedFrequency)
                                .arg(b.meanPredicted)
                                .arg(sd)));
        QVERIFY(b.wilsonLow <= b.observedFrequency && b.observedFrequency <= b.wilsonHigh);
    }
    QVERIFY2(r.ece < 0.01, qPrintable(QString::number(r.ece)));
    // E[(p - y)^2] = E[p (1 - p)] = 1/6 for p uniform and y ~ Bernoulli(p).
    QVERIFY2(std::abs(r.brier - 1.0 / 6) < 0.005, qPrintable(QString::number(r.brier)));
}

void tst_Calibration::miscalibratedScoresAreCaught() {
    // Outcomes happen with probability p^2: the scores are too high, by up to 1/4 at p = 1/2.
    Eigen::VectorXd p, y;
    synthetic(100000, 2.0, p, y);
    const Reliability r = reliability(p, y);
    // ECE -> integral of p - p^2 over [0, 1] = 1/6.
    QVERIFY2(std::abs(r.ece - 1.0 / 6) < 0.01, qPrintable(QString::number(r.ece)));
    const ReliabilityBin& middle = r.bins[5];  // [0.5, 0.6)
    QVERIFY(middle.wilsonHigh < middle.meanPredicted);
}

void tst_Calibration::brierAndEceByHand() {
    const Eigen::VectorXd p = vec({0.1, 0.9, 0.8, 0.3}), y = vec({0, 1, 0, 1});
    const Reliability r = reliability(p, y, 2, Binning::Uniform);
    // (0.01 + 0.01 + 0.64 + 0.49) / 4
    QCOMPARE(r.brier, 0.2875);
    QCOMPARE(r.bins.size(), std::size_t{2});
    QCOMPARE(r.bins[0].count, std::int64_t{2});  // 0.1, 0.3
    QCOMPARE(r.bins[0].positives, std::int64_t{1});
    QCOMPARE(r.bins[0].meanPredicted, 0.2);
    QCOMPARE(r.bins[1].meanPredicted, 0.85);
    QCOMPARE(r.bins[1].observedFrequency, 0.5);
    // 2/4 * |0.5 - 0.2| + 2/4 * |0.5 - 0.85|
    QCOMPARE(r.ece, 0.5 * 0.3 + 0.5 * 0.35);
    // A uniform bin that gets no row stays, empty.
    const Reliability ten = reliability(p, y, 10, Binning::Uniform);
    QCOMPARE(ten.bins[5].count, std::int64_t{0});
    QVERIFY(std::isnan(ten.bins[5].meanPredicted));
    QCOMPARE(ten.bins[9].count, std::int64_t{1});  // 0.9 is in [0.9, 1]
}

void tst_Calibration::quantileBinsHaveEqualCounts() {
    Eigen::VectorXd p, y;
    synthetic(1003, 1.0, p, y);
    const Reliability r = reliability(p, y, 10, Binning::Quantile);
    QCOMPARE(r.bins.size(), std::size_t{10});
    std::int64_t total = 0;
    for (std::size_t b = 0; b < r.bins.size(); ++b) {
        QVERIFY2(r.bins[b].count == 100 || r.bins[b].count == 101,
                 qPrintable(QString::number(r.bins[b].count)));
        if (b > 0) QVERIFY(r.bins[b].lower >= r.bins[b - 1].upper);
        total += r.bins[b].count;
    }
    QCOMPARE(total, std::int64_t{1003});
    // Fewer rows than bins: one bin per row.
    QCOMPARE(reliability(vec({0.2, 0.7}), vec({0, 1}), 10, Binning::Quantile).bins.size(),
             std::size_t{2});
}

void tst_Calibration::wilsonIntervalKnownValue() {
    // 5 of 10: 0.5 -/+ 0.26340 (Wilson 1927; statsmodels proportion_confint(5, 10,
    // method="wilson")).
    const Interval w = wilsonInterval(5, 10);
    QVERIFY2(std::abs(w.low - 0.236593) < 1e-6, qPrintable(QString::number(w.low, 'g', 10)));
    QVERIFY2(std::abs(w.high - 0.763407) < 1e-6, qPrintable(QString::number(w.high, 'g', 10)));
    const Interval none = wilsonInterval(0, 20);
    QCOMPARE(none.low, 0.0);
    QVERIFY(none.high > 0.1 && none.high < 0.2);
    QVERIFY(std::isnan(wilsonInterval(0, 0).low));
}

void tst_Calibration::nanScoresAreSkipped() {
    const Reliability r = reliability(vec({0.1, kNaN, 0.9}), vec({0, 1, 1}));
    QCOMPARE(r.rows, std::int64_t{2});
    QCOMPARE(r.skipped, std::int64_t{1});
    QCOMPARE(r.brier, (0.01 + 0.01) / 2);
}

void tst_Calibration::multiclassOneVersusRest() {
    Eigen::MatrixXd p(4, 3);
    p << 0.7, 0.2, 0.1,  //
        0.1, 0.8, 0.1,   //
        0.2, 0.2, 0.6,   //
        0.5, 0.4, 0.1;
    const Eigen::VectorXd y = vec({0, 1, 2, 1});
    const std::vector<Reliability> r = perClassReliability(p, y, 10);
    QCOMPARE(r.size(), std::size_t{3});
    // Class 1 against the rest: scores 0.2, 0.8, 0.2, 0.4 for outcomes 0, 1, 0, 1.
    QCOMPARE(r[1].brier, (0.04 + 0.04 + 0.04 + 0.36) / 4);
    QCOMPARE(r[0].bins[7].positives, std::int64_t{1});  // the 0.7 of a class-0 row
}

QTEST_GUILESS_MAIN(tst_Calibration)
#include "tst_calibration.moc"
