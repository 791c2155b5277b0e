// thinMinMax: the chart's point budget must hold for any history length, and thinning must keep
// each bucket's extremes so spikes and dips stay visible. MinMaxSeries (the cost chart's curves)
// must give exactly what thinMinMax gives, from its block summaries.

#include <QtTest>
#include <cmath>
#include <random>
#include <vector>

#include "ui/charts/min_max_series.h"
#include "ui/charts/series_thinning.h"

using bps::thinMinMax;

class tst_SeriesThinning : public QObject {
    Q_OBJECT
private slots:
    void budgetAndShape_data();
    void budgetAndShape();
    void keepsBucketExtremes();
    void keepsXOrder();
    void skipsNonFinite();
    void minMaxSeriesEqualsThinMinMax();
};

namespace {
std::vector<QPointF> noisyCurve(int n) {
    std::vector<QPointF> points;
    points.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        points.emplace_back(i + 1, 1.0 / (1 + 0.01 * i) + 0.05 * std::sin(i * 0.7));
    return points;
}
}  // namespace

void tst_SeriesThinning::budgetAndShape_data() {
    QTest::addColumn<int>("points");
    QTest::addColumn<int>("budget");
    QTest::addColumn<int>("expected");  // -1: at most the budget, at least budget - 2
    QTest::newRow("empty") << 0 << 2000 << 0;
    QTest::newRow("one point") << 1 << 2000 << 1;
    QTest::newRow("fewer than budget") << 1500 << 2000 << 1500;
    QTest::newRow("exactly the budget") << 2000 << 2000 << 2000;
    QTest::newRow("one over budget") << 2001 << 2000 << -1;
    QTest::newRow("many points") << 1'000'000 << 2000 << -1;
    QTest::newRow("odd budget") << 10'000 << 999 << -1;
    QTest::newRow("tiny budget") << 100 << 1 << -1;  // treated as 2
}

void tst_SeriesThinning::budgetAndShape() {
    QFETCH(int, points);
    QFETCH(int, budget);
    QFETCH(int, expected);
    const auto curve = noisyCurve(points);
    const QList<QPointF> thinned = thinMinMax(curve, budget);
    const int limit = std::max(budget, 2);
    if (expected >= 0) {
        QCOMPARE(thinned.size(), expected);
    } else {
        QVERIFY2(
            thinned.size() <= limit,
            qPrintable(
                QStringLiteral("%1 points for a budget of %2").arg(thinned.size()).arg(limit)));
        QVERIFY2(thinned.size() >= limit - 2 - 1,
                 qPrintable(QStringLiteral("only %1 points for a budget of %2")
                                .arg(thinned.size())
                                .arg(limit)));
    }
}

void tst_SeriesThinning::keepsBucketExtremes() {
    // A flat line with one spike and one dip far from any bucket edge.
    std::vector<QPointF> curve;
    for (int i = 0; i < 100'000; ++i) curve.emplace_back(i, 1.0);
    curve[12'345].setY(50.0);
    curve[67'891].setY(-3.0);
    const QList<QPointF> thinned = thinMinMax(curve, 200);
    QVERIFY2(thinned.contains(QPointF(12'345, 50.0)), "the spike was thinned away");
    QVERIFY2(thinned.contains(QPointF(67'891, -3.0)), "the dip was thinned away");
    // The global extremes of the thinned curve are those of the full one.
    double lo = INFINITY, hi = -INFINITY;
    for (const QPointF& p : thinned) {
        lo = std::min(lo, p.y());
        hi = std::max(hi, p.y());
    }
    QCOMPARE(lo, -3.0);
    QCOMPARE(hi, 50.0);
}

void tst_SeriesThinning::keepsXOrder() {
    const auto curve = noisyCurve(50'000);
    const QList<QPointF> thinned = thinMinMax(curve, 2000);
    for (qsizetype i = 1; i < thinned.size(); ++i)
        QVERIFY2(thinned[i - 1].x() < thinned[i].x(),
                 qPrintable(QStringLiteral("x goes back at %1").arg(i)));
}

void tst_SeriesThinning::skipsNonFinite() {
    std::vector<QPointF> curve{{1, 0.5}, {2, NAN}, {3, 0.25}, {4, INFINITY}};
    const QList<QPointF> small = thinMinMax(curve, 100);
    QCOMPARE(small.size(), 2);
    std::vector<QPointF> nans(10'000, QPointF(0, NAN));
    for (std::size_t i = 0; i < nans.size(); ++i) nans[i].setX(static_cast<double>(i));
    QVERIFY2(thinMinMax(nans, 100).isEmpty(), "NaN-only input must give no points");
}

// Lengths around the block size and the budget, budgets that make buckets shorter and longer
// than a block, NaN runs, plateaus (ties) and spikes: every prefix as the curve grows.
void tst_SeriesThinning::minMaxSeriesEqualsThinMinMax() {
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<QPointF> curve;
    bps::MinMaxSeries series;
    int compared = 0;
    for (int i = 0; i < 70'000; ++i) {
        double y = 1.0 / (1 + 0.001 * i) + 0.01 * std::sin(i * 0.3);
        // Plateaus at the lowest and highest values, longer than a block: ties between blocks.
        if (i % 1000 >= 30 && i % 1000 < 230) y = -1;
        if (i % 3000 >= 1500 && i % 3000 < 1700) y = 20;
        if (unit(rng) < 0.002) y = 10 * unit(rng);           // spikes
        if (i % 5000 >= 4800 || unit(rng) < 0.001) y = NAN;  // runs of NaN and single NaNs
        if (i == 33'333) y = INFINITY;
        curve.emplace_back(i + 1, y);
        series.append(curve.back());
        const int n = i + 1;
        if (n < 300 || n % 997 == 0 || n == 70'000) {
            for (int budget : {1, 2, 7, 64, 130, 2000}) {
                const QList<QPointF> want = thinMinMax(curve, budget);
                const QList<QPointF> got = series.thinned(budget);
                if (got != want)
                    QFAIL(qPrintable(QStringLiteral("%1 points, budget %2: %3 vs %4 points")
                                         .arg(n)
                                         .arg(budget)
                                         .arg(got.size())
                                         .arg(want.size())));
                ++compared;
            }
        }
    }
    QVERIFY(compared > 1500);
    series.clear();
    QVERIFY(series.empty());
    QVERIFY(series.thinned(2000).isEmpty());
}

QTEST_GUILESS_MAIN(tst_SeriesThinning)
#include "tst_series_thinning.moc"
