// A run of millions of epochs keeps bounded memory in the window: the controller's history (File
// > Export History) keeps a regular sample and the newest epoch, and the cost chart keeps its
// curve's extremes and end (issue 15). Synthetic reports, no training.

#include <QLineSeries>
#include <QtTest>
#include <algorithm>
#include <vector>

#include "ui/charts/cost_chart.h"
#include "ui/training/epoch_history.h"

using namespace bps;

namespace {
EpochReport report(int epoch) {
    EpochReport r;
    r.epoch = epoch;
    r.trainLoss = 1.0 / epoch;
    r.validationLoss = 2.0 / epoch;
    r.layers.resize(3);  // dropped when stored
    return r;
}
}  // namespace

class tst_LongHistory : public QObject {
    Q_OBJECT
private slots:
    void historyStaysBounded_data();
    void historyStaysBounded();
    void chartKeepsEndAndExtremes();
};

void tst_LongHistory::historyStaysBounded_data() {
    QTest::addColumn<int>("epochs");
    QTest::addColumn<int>("stride");
    QTest::newRow("short") << 1000 << 1;
    QTest::newRow("at the bound") << int(EpochHistory::kMaxStored) << 1;
    QTest::newRow("one past") << int(EpochHistory::kMaxStored) + 1 << 2;
    QTest::newRow("two million") << 2'000'000 << 32;
    QTest::newRow("two million and one") << 2'000'001 << 32;
}

void tst_LongHistory::historyStaysBounded() {
    QFETCH(int, epochs);
    QFETCH(int, stride);
    EpochHistory history;
    std::size_t largest = 0;
    for (int e = 1; e <= epochs; ++e) {
        history.append(report(e));
        largest = std::max(largest, history.reports().size());
    }
    const auto& kept = history.reports();
    QVERIFY2(largest <= EpochHistory::kMaxStored, qPrintable(QString::number(largest)));
    QCOMPARE(history.appendedCount(), std::size_t(epochs));
    QCOMPARE(history.stride(), std::size_t(stride));
    QCOMPARE(kept.front().epoch, 1);
    QCOMPARE(kept.back().epoch, epochs);  // the newest is always there
    QCOMPARE(kept.back().trainLoss, 1.0 / epochs);
    QVERIFY(kept.back().layers.empty());
    // All but the newest are epochs 1, 1 + stride, 1 + 2 stride, ...
    for (std::size_t i = 0; i + 1 < kept.size(); ++i) QCOMPARE(kept[i].epoch, 1 + int(i) * stride);
    QCOMPARE(kept.size(), std::size_t((epochs - 1) / stride + 1 + ((epochs - 1) % stride != 0)));
}

void tst_LongHistory::chartKeepsEndAndExtremes() {
    constexpr int kEpochs = 2'000'000, kChunk = 20'000;
    constexpr int kLowAt = 777'777, kHighAt = 1'234'567;
    CostChart chart;
    chart.beginRun(Task::Binary, 0.5);
    std::vector<EpochReport> chunk;
    std::size_t largest = 0;
    for (int begin = 1; begin <= kEpochs; begin += kChunk) {
        chunk.clear();
        for (int e = begin; e < begin + kChunk; ++e) {
            EpochReport r;
            r.epoch = e;
            r.trainLoss = 0.3 + 0.1 * ((e % 7) / 7.0);
            if (e == kLowAt) r.trainLoss = 0.01;
            if (e == kHighAt) r.trainLoss = 9.0;
            if (e == kEpochs) r.trainLoss = 0.5;  // the top of the last bucket: drawn if stored
            r.validationLoss = 0.4;
            chunk.push_back(r);
        }
        chart.appendEpochs(chunk);
        largest = std::max(largest, chart.storedPointCount());
    }
    QVERIFY2(largest <= MinMaxSeries::kMaxPoints, qPrintable(QString::number(largest)));
    const QList<QPointF> drawn = chart.trainSeries()->points();
    QVERIFY(drawn.size() <= CostChart::kPointBudget);
    QCOMPARE(drawn.back(), QPointF(kEpochs, 0.5));
    QVERIFY(std::any_of(drawn.begin(), drawn.end(),
                        [](const QPointF& p) { return p.x() == kLowAt && p.y() == 0.01; }));
    QVERIFY(std::any_of(drawn.begin(), drawn.end(),
                        [](const QPointF& p) { return p.x() == kHighAt && p.y() == 9.0; }));
}

QTEST_MAIN(tst_LongHistory)
#include "tst_long_history.moc"
