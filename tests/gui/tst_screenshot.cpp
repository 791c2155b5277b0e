// A screenshot of the main window after two short runs (offscreen grab()), saved into the build
// directory as a test artefact (main_window.png, plus the log-scale view and the other tabs) and,
// when BPS_SCREENSHOT_OUT names a file, there too (docs/screenshot.png is made that way). It
// must not be blank: the chart holds curves and the train curve's colour. Then the seed network's
// failure with its findings in the Diagnosis dock (diagnosis.png; BPS_DIAGNOSIS_SHOT_OUT) and the
// range test in the Tools tab (tools.png). The main window once more in View > Theme > Dark
// (main_window_dark.png; BPS_DARK_SHOT_OUT).

#include <QAbstractAxis>
#include <QDir>
#include <QImage>
#include <QLineSeries>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QtTest>
#include <memory>
#include <set>

#include "tests/common/gui_test_setup.h"
#include "ui/charts/cost_chart.h"
#include "ui/charts/health_chart.h"
#include "ui/panels/diagnosis_panel.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/panels/log_value_control.h"
#include "ui/panels/tools_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/theme.h"

using namespace bps;

namespace {
// The theme's palette change and a tab switch post their layout and repaint requests: handle
// them before grabbing, instead of waiting some milliseconds for them.
void settle() {
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    // Outside an event loop deleteLater() waits for ever; an axis the chart replaced (the log
    // scale switched off) would otherwise still be drawn in the grab.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}
}  // namespace

class tst_Screenshot : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void mainWindowShowsCurves();
    void diagnosisAndTools();

private:
    void configure(int epochs, int batchSize, double learningRate);
    std::unique_ptr<MainWindow> m_window;
};

void tst_Screenshot::initTestCase() {
    test::useTestSettings(QStringLiteral("tst_screenshot"));
    m_window = test::shownMainWindow();
    QVERIFY(m_window);
}

void tst_Screenshot::configure(int epochs, int batchSize, double learningRate) {
    TrainingConfig c;
    c.epochs = epochs;
    c.live.batchSize = batchSize;
    c.live.learningRate = learningRate;
    m_window->hyperparameters()->setConfig(c);
}

void tst_Screenshot::mainWindowShowsCurves() {
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(QStringLiteral(BPS_SAMPLE_CSV));
    QVERIFY2(loaded.wait(10'000), "the sample did not load");
    TrainingController* c = m_window->controller();
    // An earlier run with a high learning rate, faded behind the current one.
    configure(60, 256, 1.0);
    m_window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, 20'000);
    m_window->resetWeights();
    configure(400, 64, 0.0003);
    m_window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->history().size() >= 120, 20'000);
    m_window->hyperparameters()->learningRate()->setValue(0.003);
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, 20'000);
    CostChart* chart = m_window->costChart();
    // The final epochs reach the chart after the run has gone idle: wait for them, then for the
    // layout they posted.
    QTRY_VERIFY2_WITH_TIMEOUT(chart->trainSeries()->count() == 400,
                              "the current curve is incomplete", 20'000);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    // Both docks and the charts fit a 1280-pixel-wide screen: no tab forces the window wider.
    QVERIFY2(m_window->width() <= 1280, qPrintable(QString::number(m_window->width())));
    QCOMPARE(chart->earlierRunCount(), 1);
    QCOMPARE(chart->markerCount(), 1);
    const QImage shot = m_window->grab().toImage();
    QVERIFY(!shot.isNull());
    const QString path = QDir::currentPath() + QStringLiteral("/main_window.png");
    QVERIFY2(shot.save(path), qPrintable(path));
    if (const QByteArray out = qgetenv("BPS_SCREENSHOT_OUT"); !out.isEmpty())
        QVERIFY2(shot.save(QString::fromLocal8Bit(out)), out.constData());

    // Not blank: the chart area holds many colours (curves, grid, text), and the train curve's
    // blue is among them.
    const QImage chartShot = chart->grab().toImage();
    std::set<QRgb> colours;
    bool blue = false;
    for (int y = 0; y < chartShot.height(); y += 2)
        for (int x = 0; x < chartShot.width(); x += 2) {
            const QRgb p = chartShot.pixel(x, y);
            colours.insert(p);
            if (qBlue(p) > 150 && qRed(p) < 80 && qGreen(p) < 150) blue = true;
        }
    QVERIFY2(colours.size() > 50, qPrintable(QStringLiteral("%1 colours").arg(colours.size())));
    QVERIFY2(blue, "no train-curve blue in the chart");

    // Log scale swaps the y axis under every series.
    chart->setLogScale(true);
    bool logAxis = false;
    for (QAbstractAxis* axis : chart->trainSeries()->attachedAxes())
        logAxis = logAxis || axis->type() == QAbstractAxis::AxisTypeLogValue;
    QVERIFY2(logAxis, "the train curve is not on a log axis");
    // The chart lays its new axes out in events it posts: handled before the grab.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QVERIFY(m_window->grab().save(QDir::currentPath() + QStringLiteral("/main_window_log.png")));
    chart->setLogScale(false);

    // The same view in the dark theme: the charts' background is dark too.
    applyTheme(Theme::Dark);
    settle();
    const QImage dark = m_window->grab().toImage();
    QVERIFY(dark.save(QDir::currentPath() + QStringLiteral("/main_window_dark.png")));
    if (const QByteArray out = qgetenv("BPS_DARK_SHOT_OUT"); !out.isEmpty())
        QVERIFY2(dark.save(QString::fromLocal8Bit(out)), out.constData());
    const QImage darkChart = chart->grab().toImage();
    QVERIFY2(darkChart.pixelColor(4, 4).lightness() < 80,
             qPrintable(darkChart.pixelColor(4, 4).name()));
    applyTheme(Theme::System);
    settle();

    // The other tabs, as artefacts to look at.
    for (int tab : {1, 2}) {
        m_window->tabs()->setCurrentIndex(tab);
        settle();
        const QString name =
            tab == 1 ? QStringLiteral("/data_tab.png") : QStringLiteral("/results_tab.png");
        QVERIFY(m_window->grab().save(QDir::currentPath() + name));
    }
}

void tst_Screenshot::diagnosisAndTools() {
    m_window->tabs()->setCurrentIndex(0);
    TrainingConfig c;
    c.epochs = 60;
    c.standardize = false;
    c.initScale = 1e-4;
    c.live.learningRate = 1e-4;
    c.optimizer = OptimizerKind::Sgd;
    m_window->hyperparameters()->setConfig(c);
    m_window->resetWeights();
    m_window->startTraining();
    TrainingController* controller = m_window->controller();
    QTRY_VERIFY_WITH_TIMEOUT(controller->state() == TrainingController::State::Idle, 20'000);
    settle();  // the final result's posted redraws, before the picture
    QCOMPARE(m_window->diagnosisPanel()->codes().value(0), QStringLiteral("tiny_initialisation"));
    QCOMPARE(m_window->healthCharts()->layerCount(), 2);
    const QImage shot = m_window->grab().toImage();
    QVERIFY(shot.save(QDir::currentPath() + QStringLiteral("/diagnosis.png")));
    if (const QByteArray out = qgetenv("BPS_DIAGNOSIS_SHOT_OUT"); !out.isEmpty())
        QVERIFY2(shot.save(QString::fromLocal8Bit(out)), out.constData());

    m_window->hyperparameters()->setConfig(TrainingConfig{});
    QSignalSpy finished(m_window->toolRunner(), &ToolRunner::finished);
    for (auto tool : {ToolOutcome::Tool::RangeTest, ToolOutcome::Tool::GradientCheck,
                      ToolOutcome::Tool::Overfit}) {
        m_window->runTool(tool);
        QVERIFY(finished.wait(20'000));
    }
    QVERIFY(m_window->toolsPanel()->suggestedRate() > 0);
    settle();
    QVERIFY(m_window->grab().save(QDir::currentPath() + QStringLiteral("/tools.png")));
}

QTEST_MAIN(tst_Screenshot)
#include "tst_screenshot.moc"
