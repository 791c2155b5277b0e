// The cost chart's earlier runs: kept only while the data set, target and loss stay the same, and
// never fitted into the axes, which follow the current run.

#include <QChart>
#include <QLineSeries>
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
    void hoverHasScreenTolerance_data();
    void hoverHasScreenTolerance();
    void markerTextStaysInsideThePlot();
    void curvesAreDrawnAtTwoPointsPerPixel();
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

void tst_CostChart::hoverHasScreenTolerance_data() {
    QTest::addColumn<double>("scale");  // of the costs: the tolerance is in pixels, not cost
    QTest::newRow("costs near 1") << 1.0;
    QTest::newRow("costs near 1e-4") << 1e-4;
    QTest::newRow("costs near 1e4") << 1e4;
}

// The read-out appears a few pixels off the line (it used to need the exact 1-px line) and not
// far from it.
void tst_CostChart::hoverHasScreenTolerance() {
    QFETCH(double, scale);
    CostChart chart;
    chart.resize(700, 450);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.beginRun(Task::Binary, kNaN);
    std::vector<EpochReport> reports(60);
    for (int i = 0; i < 60; ++i) {
        reports[static_cast<std::size_t>(i)].epoch = i + 1;
        reports[static_cast<std::size_t>(i)].trainLoss = scale * (1.0 - i / 120.0);
        reports[static_cast<std::size_t>(i)].validationLoss = scale * (0.3 - i / 600.0);
    }
    chart.appendEpochs(reports);
    QCoreApplication::processEvents();  // lays out the plot area

    // Epoch 30's train point, in the view's (viewport) pixels.
    const QPointF value(30, scale * (1.0 - 29 / 120.0));
    const QPointF inChart = chart.chart()->mapToPosition(value, chart.trainSeries());
    const QPoint onLine = chart.mapFromScene(chart.chart()->mapToScene(inChart));
    QTest::mouseMove(chart.viewport(), onLine + QPoint(0, 4));
    QVERIFY2(chart.hoverText().contains(QStringLiteral("Epoch 30")),
             qPrintable(QStringLiteral("4 px below the line: '%1'").arg(chart.hoverText())));
    QTest::mouseMove(chart.viewport(), onLine + QPoint(2, -3));
    QVERIFY2(chart.hoverText().contains(QStringLiteral("Epoch 30")),
             qPrintable(QStringLiteral("3 px above the line: '%1'").arg(chart.hoverText())));
    // Halfway between the train and the validation line: far from both.
    const QPointF lower = chart.chart()->mapToPosition(QPointF(30, scale * (0.3 - 29 / 600.0)),
                                                       chart.validationSeries());
    const QPointF between(inChart.x(), (inChart.y() + lower.y()) / 2);
    QTest::mouseMove(chart.viewport(), chart.mapFromScene(chart.chart()->mapToScene(between)));
    QVERIFY2(chart.hoverText().isEmpty(), qPrintable(chart.hoverText()));
}

// A live change near the end of the run: its text is drawn left of the marker, not cut off at
// the chart's right edge ("lr 0.0003 → 0" for "lr 0.0003 → 0.003").
void tst_CostChart::markerTextStaysInsideThePlot() {
    CostChart chart;
    chart.resize(700, 450);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.beginRun(Task::Binary, 0.6);
    std::vector<EpochReport> reports(400);
    for (int i = 0; i < 400; ++i) {
        EpochReport& r = reports[static_cast<std::size_t>(i)];
        r.epoch = i + 1;
        r.trainLoss = r.validationLoss = 0.5 / (1 + i);
        r.live.learningRate = i < 395 ? 0.0003 : 0.003;
    }
    chart.appendEpochs(reports);
    QCoreApplication::processEvents();
    QCOMPARE(chart.markerCount(), 1);
    const QRectF label = chart.newestMarkerLabel();
    const QRectF area = chart.chart()->plotArea();
    QVERIFY2(
        !label.isEmpty() && label.right() <= area.right(),
        qPrintable(
            QStringLiteral("label ends at %1, plot at %2").arg(label.right()).arg(area.right())));
}

// 20,000 epochs in a plot a few hundred pixels wide: each curve is drawn with two points per
// pixel column (its lowest and highest there), not the 2,000 of the budget's ceiling; a wider
// window draws more, and the extremes are kept either way.
void tst_CostChart::curvesAreDrawnAtTwoPointsPerPixel() {
    CostChart chart;
    chart.resize(500, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.beginRun(Task::Binary, 0.6);
    addEpochs(chart, 20'000);
    chart.flushRedraw();
    const auto plotWidth = [&] { return chart.chart()->plotArea().width(); };
    QVERIFY2(plotWidth() > 0 && 2 * plotWidth() < CostChart::kPointBudget,
             qPrintable(QString::number(plotWidth())));
    const auto drawn = [&] { return int(chart.trainSeries()->count()); };
    const int narrow = drawn();
    QVERIFY2(narrow <= 2 * plotWidth() + 2 && narrow > plotWidth(),
             qPrintable(QString("%1 points, plot %2 px").arg(narrow).arg(plotWidth())));
    QCOMPARE(chart.trainSeries()->points().front(), QPointF(1, 1.0));  // the highest cost
    QCOMPARE(chart.validationSeries()->count(), narrow);
    chart.resize(1400, 400);
    QTRY_VERIFY(drawn() > narrow + 200);
    QVERIFY(drawn() <= CostChart::kPointBudget);
}

QTEST_MAIN(tst_CostChart)
#include "tst_cost_chart.moc"
