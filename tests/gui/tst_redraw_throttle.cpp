// The live views' redraw throttle, counted on simulated time (tests/common/manual_clock.h):
// at most one redraw per wait however many requests arrive, the newest data drawn when the wait
// ends, a longer wait after an expensive redraw, nothing drawn on a hidden tab until it is
// shown, and in the main window every epoch of a run on screen once it ends.

#include <QLineSeries>
#include <QSignalSpy>
#include <QTabWidget>
#include <QtTest>

#include "tests/common/gui_test_setup.h"
#include "tests/common/manual_clock.h"
#include "ui/charts/cost_chart.h"
#include "ui/charts/health_chart.h"
#include "ui/panels/diagnosis_panel.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/training/redraw_throttle.h"
#include "ui/training/training_status.h"

using namespace bps;
using namespace std::chrono_literals;

class tst_RedrawThrottle : public QObject {
    Q_OBJECT
private slots:
    void withoutIntervalEveryRequestRedraws();
    void atMostOneRedrawPerInterval();
    void theTimerDrawsTheNewestData();
    void flushDrawsWhatIsPending();
    void anExpensiveRedrawWaitsLonger();
    void aHiddenTabWaitsUntilShown();
    void theWindowDrawsEveryEpochWhenTheRunEnds();
};

void tst_RedrawThrottle::withoutIntervalEveryRequestRedraws() {
    QWidget widget;
    int drawn = 0;
    RedrawThrottle throttle(&widget, [&] { ++drawn; });
    for (int i = 0; i < 25; ++i) throttle.request();
    QCOMPARE(drawn, 25);
    QCOMPARE(throttle.redrawCount(), 25);
    QVERIFY(!throttle.pending());
}

void tst_RedrawThrottle::atMostOneRedrawPerInterval() {
    QWidget widget;
    int drawn = 0;
    RedrawThrottle throttle(&widget, [&] { ++drawn; });
    test::ManualClock time;
    throttle.setClock(time.clock());
    throttle.setInterval(100ms);
    throttle.request();  // the first one at once
    QCOMPARE(drawn, 1);
    for (int i = 0; i < 30; ++i) throttle.request();  // 30 deliveries within the interval
    QCOMPARE(drawn, 1);
    QVERIFY(throttle.pending());
    time.advance(99ms);
    throttle.request();
    QCOMPARE(drawn, 1);
    time.advance(1ms);
    throttle.request();
    QCOMPARE(drawn, 2);
    QVERIFY(!throttle.pending());
    // 1,000 requests over 10 simulated seconds, one every 10 ms: one redraw per 100 ms.
    for (int i = 0; i < 1000; ++i) {
        time.advance(10ms);
        throttle.request();
    }
    QCOMPARE(drawn, 2 + 100);
}

void tst_RedrawThrottle::theTimerDrawsTheNewestData() {
    QWidget widget;
    int value = 0, shown = -1;
    RedrawThrottle throttle(&widget, [&] { shown = value; });
    test::ManualClock time;
    throttle.setClock(time.clock());
    throttle.setInterval(100ms);
    throttle.request();
    QCOMPARE(shown, 0);
    for (value = 1; value <= 5; ++value) throttle.request();
    --value;
    QCOMPARE(shown, 0);
    // No further request: the single-shot timer at the interval's end draws the last one.
    QTRY_COMPARE_WITH_TIMEOUT(shown, 5, 10'000);
    QCOMPARE(throttle.redrawCount(), 2);
    QVERIFY(!throttle.pending());
}

void tst_RedrawThrottle::flushDrawsWhatIsPending() {
    QWidget widget;
    int drawn = 0;
    RedrawThrottle throttle(&widget, [&] { ++drawn; });
    test::ManualClock time;
    throttle.setClock(time.clock());
    throttle.setInterval(100ms);
    throttle.flush();  // nothing pending: nothing to draw
    QCOMPARE(drawn, 0);
    throttle.request();
    throttle.request();
    QCOMPARE(drawn, 1);
    throttle.flush();
    QCOMPARE(drawn, 2);
    QVERIFY(!throttle.pending());
    throttle.flush();
    QCOMPARE(drawn, 2);
}

void tst_RedrawThrottle::anExpensiveRedrawWaitsLonger() {
    QWidget widget;
    int drawn = 0;
    RedrawThrottle throttle(&widget, [&] { ++drawn; });
    // Each reading moves the time on by 30 ms: the redraw (read before and after) takes 30 ms.
    test::ManualClock time(30ms);
    throttle.setClock(time.clock());
    throttle.setInterval(100ms);
    throttle.request();
    QCOMPARE(drawn, 1);
    QCOMPARE(throttle.currentWait(), RedrawThrottle::kCostFactor * 30ms);  // 600 ms, not 100
    // The redraw ended at 60 ms (readings at 0, 30, 60); requests read 90, 120, ..., 630 ms.
    while (time.now() < SteadyTime(1h + 60ms + 600ms)) throttle.request();
    QCOMPARE(drawn, 1);
    throttle.request();  // reads 660 ms: 600 ms after the redraw ended
    QCOMPARE(drawn, 2);
}

void tst_RedrawThrottle::aHiddenTabWaitsUntilShown() {
    QTabWidget tabs;
    auto* front = new QWidget;
    auto* back = new QWidget;
    tabs.addTab(front, QStringLiteral("front"));
    tabs.addTab(back, QStringLiteral("back"));
    tabs.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tabs));
    int drawn = 0;
    RedrawThrottle throttle(back, [&] { ++drawn; });
    throttle.setInterval(100ms);
    test::ManualClock time;
    throttle.setClock(time.clock());
    for (int i = 0; i < 10; ++i) {
        time.advance(1s);
        throttle.request();
    }
    QCOMPARE(drawn, 0);
    QVERIFY(throttle.pending());
    tabs.setCurrentWidget(back);
    QTRY_COMPARE_WITH_TIMEOUT(drawn, 1, 10'000);
    QVERIFY(!throttle.pending());
}

void tst_RedrawThrottle::theWindowDrawsEveryEpochWhenTheRunEnds() {
    test::useTestSettings(QStringLiteral("tst_redraw_throttle"));
    const auto shown = test::shownMainWindow();
    QVERIFY(shown);
    MainWindow& window = *shown;
    QCOMPARE(window.redrawThrottles().size(), std::size_t{4});
    // Simulated time that never moves and a long interval: after the first redraw nothing is
    // drawn during the run, whatever the machine's speed, so the end alone must draw the rest.
    test::ManualClock time;
    for (RedrawThrottle* throttle : window.redrawThrottles()) {
        QCOMPARE(throttle->interval(), MainWindow::kRedrawInterval);
        throttle->setClock(time.clock());
        throttle->setInterval(1h);
    }
    QSignalSpy loaded(&window, &MainWindow::dataLoaded);
    window.loadFile(QStringLiteral(BPS_SAMPLE_CSV));
    QVERIFY(loaded.wait(10'000));
    TrainingConfig config;
    config.epochs = 300;
    window.hyperparameters()->setConfig(config);
    // Every delivery is counted: the run must bring more of them than it gets redraws.
    int deliveries = 0;
    connect(window.controller(), &TrainingController::epochsAdded, this, [&] { ++deliveries; });
    window.startTraining();
    QSignalSpy replaced(window.costChart()->trainSeries(), &QXYSeries::pointsReplaced);
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isActive(), 60'000);
    QVERIFY2(deliveries >= 2, qPrintable(QString::number(deliveries)));
    // The new run's empty curve (beginRun draws at once), the first delivery, and the end.
    QCOMPARE(replaced.count(), 3);
    const int last = window.controller()->lastReport().epoch;  // 300 unless it stopped early
    QVERIFY(last > 0);
    QCOMPARE(window.costChart()->trainSeries()->count(), last);
    QCOMPARE(window.trainingStatus()->epochText(), QStringLiteral("Epoch %1 / 300").arg(last));
    QVERIFY2(window.diagnosisPanel()->headline().contains(QString::number(last)),
             qPrintable(window.diagnosisPanel()->headline()));
    QCOMPARE(window.healthCharts()->epochCount(), static_cast<std::size_t>(last));
}

QTEST_MAIN(tst_RedrawThrottle)
#include "tst_redraw_throttle.moc"
