// Cumulative gains and lift against a small case worked by hand.

#include <QtTest>

#include "core/evaluation/gains.h"
#include "tests/common/test_vectors.h"

using namespace bps;
using bps::test::vec;

class tst_Gains : public QObject {
    Q_OBJECT
private slots:
    void fullCurveByHand();
    void decilesByHand();
    void perfectRankingReachesAllPositivesFirst();
};

void tst_Gains::fullCurveByHand() {
    // Highest first: 0.9 (+), 0.8 and 0.8 tied (+, -), 0.3 (-), 0.1 (+).
    const std::vector<GainsPoint> g =
        cumulativeGains(vec({0.1, 0.8, 0.9, 0.3, 0.8}), vec({1, 0, 1, 0, 1}));
    QCOMPARE(g.size(), std::size_t{5});  // origin + 4 distinct scores
    QCOMPARE(g[0].fractionTargeted, 0.0);
    QCOMPARE(g[1].fractionTargeted, 0.2);
    QCOMPARE(g[1].fractionCaptured, 1.0 / 3);
    QCOMPARE(g[1].lift, (1.0 / 3) / 0.2);
    QCOMPARE(g[2].fractionTargeted, 0.6);
    QCOMPARE(g[2].fractionCaptured, 2.0 / 3);
    QCOMPARE(g[2].threshold, 0.8);
    QCOMPARE(g[4].fractionTargeted, 1.0);
    QCOMPARE(g[4].fractionCaptured, 1.0);
    QCOMPARE(g[4].lift, 1.0);
}

void tst_Gains::decilesByHand() {
    // 10 rows, 4 positive, cut into 5 groups of 2.
    const Eigen::VectorXd s = vec({0.95, 0.9, 0.85, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1});
    const Eigen::VectorXd y = vec({1, 1, 0, 1, 0, 0, 0, 0, 1, 0});
    const std::vector<GainsGroup> d = gainsByGroup(s, y, 5);
    QCOMPARE(d.size(), std::size_t{5});
    QCOMPARE(d[0].positives, std::int64_t{2});
    QCOMPARE(d[0].responseRate, 1.0);
    QCOMPARE(d[0].lift, 2.5);  // 1.0 / 0.4
    QCOMPARE(d[1].cumulativeGain, 0.75);
    QCOMPARE(d[1].cumulativeLift, 0.75 / 0.4);
    QCOMPARE(d[2].positives, std::int64_t{0});
    QCOMPARE(d[4].cumulativeGain, 1.0);
    QCOMPARE(d[4].cumulativeLift, 1.0);
    QCOMPARE(d[4].lowestScore, 0.1);
}

void tst_Gains::perfectRankingReachesAllPositivesFirst() {
    const std::vector<GainsPoint> g = cumulativeGains(vec({0.9, 0.8, 0.2, 0.1}), vec({1, 1, 0, 0}));
    QCOMPARE(g[2].fractionTargeted, 0.5);
    QCOMPARE(g[2].fractionCaptured, 1.0);
    QCOMPARE(g[2].lift, 2.0);
}

QTEST_GUILESS_MAIN(tst_Gains)
#include "tst_gains.moc"
