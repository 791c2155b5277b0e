// The cost chart's earlier runs: kept only while the data set, target and loss stay the same, and
// never fitted into the axes, which follow the current run.

#include <QValueAxis>
#include <QtTest>
#include <vector>

#include "ui/charts/cost_chart.h"

using namespace bps;

namespace {
// `count` epochs of a falling cost.
void addEpochs(CostChart& chart, int count) {
    std::vector<EpochReport> reports(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        reports[static_cast<std::size_t>(i)].epoch = i + 1;
        reports[static_cast<std::size_t>(i)].trainLoss = 1.0 / (i + 1);
        reports[static_cast<std::size_t>(i)].validationLoss = 1.2 / (i + 1);
    }
    chart.appendEpochs(reports);
}
}  // namespace

class tst_CostChart : public QObject {
    Q_OBJECT
private slots:
    void earlierRunsNeedTheSameDataAndLoss_data();
    void earlierRunsNeedTheSameDataAndLoss();
    void axesFollowTheCurrentRun();
};

void tst_CostChart::earlierRunsNeedTheSameDataAndLoss_data() {
    QTest::addColumn<QString>("nextKey");
    QTest::addColumn<int>("nextTask");
    QTest::addColumn<int>("earlierRuns");  // after the next run begins
    const int binary = static_cast<int>(Task::Binary);
    QTest::newRow("same data and loss") << "a.csv|y" << binary << 2;
    QTest::newRow("another data set") << "b.csv|y" << binary << 0;
    QTest::newRow("another target") << "a.csv|z" << binary << 0;
    QTest::newRow("another loss") << "a.csv|y" << static_cast<int>(Task::Regression) << 0;
}

void tst_CostChart::earlierRunsNeedTheSameDataAndLoss() {
    QFETCH(QString, nextKey);
    QFETCH(int, nextTask);
    QFETCH(int, earlierRuns);
    CostChart chart;
    chart.setDataKey("a.csv|y");
    chart.beginRun(Task::Binary, 0.6);
    addEpochs(chart, 50);
    chart.beginRun(Task::Binary, 0.6);
    addEpochs(chart, 50);
    QCOMPARE(chart.earlierRunCount(), 1);

    chart.setDataKey(nextKey);
    // Opening another file or target drops the earlier runs before any new run starts.
    QCOMPARE(chart.earlierRunCount(), nextKey == "a.csv|y" ? 1 : 0);
    chart.beginRun(static_cast<Task>(nextTask), 0.6);
    QCOMPARE(chart.earlierRunCount(), earlierRuns);
}

void tst_CostChart::axesFollowTheCurrentRun() {
    CostChart chart;
    chart.setDataKey("a.csv|y");
    chart.beginRun(Task::Binary, 0.6);
    addEpochs(chart, 78'000);
    QVERIFY2(chart.xAxis()->max() >= 78'000, qPrintable(QString::number(chart.xAxis()->max())));
    chart.beginRun(Task::Binary, 0.6);
    addEpochs(chart, 40);
    QCOMPARE(chart.earlierRunCount(), 1);
    QVERIFY2(chart.xAxis()->max() >= 40 && chart.xAxis()->max() <= 100,
             qPrintable(QString::number(chart.xAxis()->max())));
}

QTEST_MAIN(tst_CostChart)
#include "tst_cost_chart.moc"
