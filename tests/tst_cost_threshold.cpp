// The cost-minimising threshold: found exactly in a case worked by hand, the accuracy-maximising
// one when costs are equal, and never beaten by any other threshold.

#include <QtTest>
#include <random>

#include "core/evaluation/cost_threshold.h"
#include "core/evaluation/metrics.h"
#include "tests/common/test_vectors.h"

using namespace bps;
using bps::test::vec;

namespace {
const Eigen::VectorXd kScores = vec({0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9});
const Eigen::VectorXd kLabels = vec({0, 0, 1, 0, 1, 0, 1, 1});
}  // namespace

class tst_CostThreshold : public QObject {
    Q_OBJECT
private slots:
    void knownCase_data();
    void knownCase();
    void equalCostsMaximiseAccuracy();
    void curveCoversEveryDecision();
    void noThresholdBeatsTheMinimum();
    void nanScoresAreNeverPositive();
};

void tst_CostThreshold::knownCase_data() {
    QTest::addColumn<double>("fp");
    QTest::addColumn<double>("fn");
    QTest::addColumn<double>("tpBenefit");
    QTest::addColumn<double>("threshold");
    QTest::addColumn<double>("cost");
    // FN costs 5: catch every positive, t = 0.3 (TP 4, FP 2: 2 / 8). t = 0.2 costs 3 / 8.
    QTest::newRow("missing is dear") << 1.0 << 5.0 << 0.0 << 0.3 << 2.0 / 8;
    // FP costs 5: t = 0.8 (TP 2, FN 2: 2 / 8); t = 0.6 has a false positive (5 + 1) / 8.
    QTest::newRow("alarm is dear") << 5.0 << 1.0 << 0.0 << 0.8 << 2.0 / 8;
    // Each TP earns 3, FP costs 1, FN 0: t = 0.3 gives 2 - 12 = -10; t = 0.1 gives 4 - 12 = -8.
    QTest::newRow("benefit") << 1.0 << 0.0 << 3.0 << 0.3 << -10.0 / 8;
}

void tst_CostThreshold::knownCase() {
    QFETCH(double, fp);
    QFETCH(double, fn);
    QFETCH(double, tpBenefit);
    QFETCH(double, threshold);
    QFETCH(double, cost);
    const CostPoint best = minimumCostThreshold(kScores, kLabels, {fp, fn, tpBenefit, 0});
    QCOMPARE(best.threshold, threshold);
    QCOMPARE(best.expectedCost, cost);
    const CostPoint again = costAt(kScores, kLabels, {fp, fn, tpBenefit, 0}, best.threshold);
    QCOMPARE(again.expectedCost, best.expectedCost);
}

void tst_CostThreshold::equalCostsMaximiseAccuracy() {
    // Two errors at 0.3, 0.6 and 0.8 (three at 0.4): the tie goes to the one closest to 0.5.
    const CostPoint best = minimumCostThreshold(kScores, kLabels, {});
    QCOMPARE(best.threshold, 0.6);
    QCOMPARE(best.expectedCost, 2.0 / 8);
    const Metrics m = computeMetrics(Task::Binary, kScores, kLabels, 2, 0, best.threshold);
    for (const CostPoint& p : costCurve(kScores, kLabels, {})) {
        const Metrics other = computeMetrics(Task::Binary, kScores, kLabels, 2, 0, p.threshold);
        QVERIFY2(other.accuracy <= m.accuracy, qPrintable(QString::number(p.threshold)));
        QCOMPARE(p.expectedCost, 1 - other.accuracy);
    }
}

void tst_CostThreshold::curveCoversEveryDecision() {
    const std::vector<CostPoint> curve = costCurve(kScores, kLabels, {});
    QCOMPARE(curve.size(), std::size_t{9});  // 8 distinct scores and "nothing positive"
    QCOMPARE(curve.front().threshold, 0.1);
    QCOMPARE(curve.front().falsePositives, std::int64_t{4});
    QCOMPARE(curve.back().threshold, 0.95);
    QCOMPARE(curve.back().truePositives + curve.back().falsePositives, std::int64_t{0});
    // A score of exactly 0 or 1 is no model threshold: left out, its decision is still covered.
    const std::vector<CostPoint> ends = costCurve(vec({0.0, 0.5, 1.0}), vec({0, 1, 1}), {});
    QCOMPARE(ends.size(), std::size_t{1});
    QCOMPARE(ends.front().threshold, 0.5);
}

void tst_CostThreshold::noThresholdBeatsTheMinimum() {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    Eigen::VectorXd s(500), y(500);
    for (int i = 0; i < 500; ++i) {
        s(i) = std::round(u(rng) * 200) / 200;  // ties on purpose
        y(i) = u(rng) < s(i) ? 1 : 0;
    }
    const Costs costs{2.0, 7.0, 1.5, 0.25};
    const CostPoint best = minimumCostThreshold(s, y, costs);
    for (int k = 1; k < 1000; ++k) {
        const CostPoint p = costAt(s, y, costs, k / 1000.0);
        QVERIFY2(p.expectedCost >= best.expectedCost - 1e-12, qPrintable(QString::number(k)));
    }
}

void tst_CostThreshold::nanScoresAreNeverPositive() {
    const std::vector<CostPoint> curve = costCurve(vec({kNaN, 0.4, 0.6}), vec({1, 0, 1}), {});
    QCOMPARE(curve.front().falseNegatives, std::int64_t{1});
    QCOMPARE(curve.front().truePositives, std::int64_t{1});
    const CostPoint best = minimumCostThreshold(vec({kNaN, 0.4, 0.6}), vec({1, 0, 1}), {});
    QCOMPARE(best.threshold, 0.6);
    QCOMPARE(best.expectedCost, 1.0 / 3);
}

QTEST_GUILESS_MAIN(tst_CostThreshold)
#include "tst_cost_threshold.moc"
