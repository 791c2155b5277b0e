// The diagnostic tools from the GUI: each runs off the UI thread (the call returns at once and
// the event loop keeps turning), reports progress, delivers its result to the Tools panel (range
// test suggestion within bounds and one click to apply it, gradient check passing on the real
// network, tiny batch overfitted) and can be cancelled; closing the window mid-tool is prompt.
// Promptness is counted in the tool's steps after the cancel, not timed.

#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QThread>
#include <QTimer>
#include <QtTest>
#include <atomic>
#include <memory>

#include "core/csv/csv_reader.h"
#include "tests/common/gui_test_setup.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/panels/log_value_control.h"
#include "ui/panels/tools_panel.h"
#include "ui/training/tool_runner.h"
#include "ui/window/main_window.h"

using namespace bps;
using Tool = ToolOutcome::Tool;

class tst_ToolRunner : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void rangeTestSuggestsARateAndApplies();
    void gradientCheckPassesOnTheNetwork();
    void overfitReachesLowLoss();
    void runsOffTheUiThreadAndCancels();
    void closingWhileAToolRunsIsPrompt();

private:
    ToolOutcome runFromMenu(Tool tool);
    std::unique_ptr<MainWindow> m_window;
};

void tst_ToolRunner::initTestCase() { test::useTestSettings(QStringLiteral("tst_tool_runner")); }

void tst_ToolRunner::init() {
    m_window = test::shownMainWindow();
    QVERIFY(m_window);
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(QStringLiteral(BPS_SAMPLE_CSV));
    QVERIFY2(loaded.wait(10'000), "the sample did not load");
}

void tst_ToolRunner::cleanup() { m_window.reset(); }

ToolOutcome tst_ToolRunner::runFromMenu(Tool tool) {
    QSignalSpy finished(m_window->toolRunner(), &ToolRunner::finished);
    // The button in the Tools panel is what a user clicks (the Tools menu does the same).
    QPushButton* button = m_window->toolsPanel()->runButton(tool);
    if (!button || !button->isEnabled()) return {};
    button->click();
    if (!finished.wait(20'000)) return {};
    return finished.at(0).at(0).value<ToolOutcome>();
}

void tst_ToolRunner::rangeTestSuggestsARateAndApplies() {
    const ToolOutcome out = runFromMenu(Tool::RangeTest);
    const auto* r = std::get_if<RangeTestResult>(&out.result);
    QVERIFY2(r, qPrintable("no range test result: " + out.error));
    QVERIFY(!out.cancelled);
    QVERIFY2(r->suggestedRate >= 1e-3 && r->suggestedRate <= 1e-1,
             qPrintable(QString::number(r->suggestedRate)));
    ToolsPanel* panel = m_window->toolsPanel();
    QCOMPARE(m_window->diagnosisTabs()->currentIndex(), 1);  // the result is in view
    QVERIFY(panel->rangeSeries()->count() > 50);
    QCOMPARE(panel->suggestedRate(), r->suggestedRate);
    QVERIFY(!panel->applyRateButton()->isHidden());
    panel->applyRateButton()->click();
    QCOMPARE(m_window->hyperparameters()->learningRate()->value(), r->suggestedRate);
}

void tst_ToolRunner::gradientCheckPassesOnTheNetwork() {
    TrainingConfig c;
    c.hidden = {8, 4};
    m_window->hyperparameters()->setConfig(c);
    const ToolOutcome out = runFromMenu(Tool::GradientCheck);
    const auto* r = std::get_if<GradientCheckResult>(&out.result);
    QVERIFY2(r, qPrintable("no gradient check result: " + out.error));
    QVERIFY2(r->passed, qPrintable(QString::number(r->maxRelativeError)));
    QCOMPARE(r->layers.size(), std::size_t(3));  // the panel's network: 8, 4, output
    QTableWidget* table = m_window->toolsPanel()->gradientTable();
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("pass"));
    QVERIFY(table->item(0, 1)->text().toDouble() <= 1e-6);
}

void tst_ToolRunner::overfitReachesLowLoss() {
    const ToolOutcome out = runFromMenu(Tool::Overfit);
    const auto* r = std::get_if<OverfitResult>(&out.result);
    QVERIFY2(r, qPrintable("no overfit result: " + out.error));
    QVERIFY2(r->passed && r->finalLoss < 0.05,
             qPrintable(QString("%1 -> %2").arg(r->initialLoss).arg(r->finalLoss)));
    QCOMPARE(r->rows, 16);
    QVERIFY(m_window->toolsPanel()->overfitLabel()->text().contains("16 rows"));
}

void tst_ToolRunner::runsOffTheUiThreadAndCancels() {
    ToolRunner runner;
    // The tool's steps, counted and placed where they run (ToolRunner::setStepObserver).
    const auto steps = std::make_shared<std::atomic<int>>(0);
    const auto elsewhere = std::make_shared<std::atomic<bool>>(true);
    QThread* const uiThread = QThread::currentThread();
    runner.setStepObserver([steps, elsewhere, uiThread](int, int) {
        ++*steps;
        if (QThread::currentThread() == uiThread) *elsewhere = false;
    });
    const std::shared_ptr<const CsvTable> table(m_window->data(), &m_window->data()->table);
    QSignalSpy progress(&runner, &ToolRunner::progressChanged);
    QSignalSpy finished(&runner, &ToolRunner::finished);
    // A million mini-batches: far more than run before the cancel below, wherever run() returns.
    QVERIFY(
        runner.run(Tool::RangeTest, {table, m_window->dataPanel()->selection(), {}}, 1'000'000));
    QVERIFY(runner.isRunning());
    QVERIFY2(!runner.run(Tool::Overfit, {table, {}, {}}), "a second tool started alongside");
    // The event loop keeps turning (timers fire) while progress comes in.
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, [&] { ++ticks; });
    timer.start(10);
    QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 3, 30'000);
    QVERIFY(ticks >= 1);
    QVERIFY(progress.last().at(0).toInt() > 0);
    QCOMPARE(progress.last().at(1).toInt(), 1'000'000);
    runner.cancel();
    const int atCancel = steps->load();
    QVERIFY2(finished.wait(30'000), "no outcome after cancel");
    // The step after the cancel sees it and ends the tool: at most that one step follows.
    QVERIFY2(steps->load() - atCancel <= 1,
             qPrintable(QStringLiteral("%1 steps after cancel()").arg(steps->load() - atCancel)));
    QVERIFY2(atCancel < 1'000'000, "run() returned only when the tool had ended");
    QVERIFY2(elsewhere->load(), "the tool ran on the UI thread");
    QVERIFY(finished.at(0).at(0).value<ToolOutcome>().cancelled);
    QVERIFY(!runner.isRunning());
}

// Closing the window cancels the tool; destroying it waits for the tool, which has taken at most
// one step since the close.
void tst_ToolRunner::closingWhileAToolRunsIsPrompt() {
    ToolRunner* runner = m_window->toolRunner();
    const auto steps = std::make_shared<std::atomic<int>>(0);
    runner->setStepObserver([steps](int, int) { ++*steps; });
    QSignalSpy progress(runner, &ToolRunner::progressChanged);
    const std::shared_ptr<const CsvTable> table(m_window->data(), &m_window->data()->table);
    QVERIFY(
        runner->run(Tool::RangeTest, {table, m_window->dataPanel()->selection(), {}}, 1'000'000));
    QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 1, 30'000);
    m_window->close();
    const int atClose = steps->load();
    m_window.reset();  // the runner cancels and joins its thread
    QVERIFY2(steps->load() - atClose <= 1,
             qPrintable(QStringLiteral("%1 steps after closing").arg(steps->load() - atClose)));
}

QTEST_MAIN(tst_ToolRunner)
#include "tst_tool_runner.moc"
