#include "ui/window/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

#include "ui/charts/cost_chart.h"
#include "ui/charts/health_chart.h"
#include "ui/explain/importance_panel.h"
#include "ui/files/file_export.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/panels/probability_quality_panel.h"
#include "ui/panels/restart_banner.h"
#include "ui/panels/results_panel.h"
#include "ui/training/redraw_throttle.h"
#include "ui/training/training_status.h"
#include "ui/validation/cv_window.h"
#include "ui/window/settings_store.h"

// The sample and icons are compiled into the static bps_ui library, where the linker drops
// their initialiser unless something refers to it. Q_INIT_RESOURCE must sit outside a namespace.
static void initResources() { Q_INIT_RESOURCE(resources); }

namespace bps {

namespace {
// Below this width the Diagnosis dock shares the left dock area with the Hyperparameters dock as
// a tab, so the cost chart gets the width of a dock back (at 800 x 500 it was ~270 px wide, its
// axes unreadable); at this width or more it goes back to the right.
constexpr int kNarrowWindow = 1000;

class NarrowWindowDocks : public QObject {
public:
    NarrowWindowDocks(QMainWindow* window, QDockWidget* left, QDockWidget* right)
        : QObject(window), m_window(window), m_left(left), m_right(right) {
        window->installEventFilter(this);
    }
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched != m_window || event->type() != QEvent::Resize) return false;
        const bool narrow = m_window->width() < kNarrowWindow;
        if (narrow && !m_tabbed && m_left->isVisible() && m_right->isVisible() &&
            !m_left->isFloating() && !m_right->isFloating()) {
            m_window->tabifyDockWidget(m_left, m_right);
            m_left->raise();
            m_tabbed = true;
        } else if (!narrow && m_tabbed) {
            m_window->addDockWidget(Qt::RightDockWidgetArea, m_right);
            m_right->show();
            m_tabbed = false;
        }
        return false;
    }

private:
    QMainWindow* m_window;
    QDockWidget* m_left;
    QDockWidget* m_right;
    bool m_tabbed = false;  // by this filter, not by the user
};
}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_loader(new CsvLoader(this)),
      m_controller(new TrainingController(this)) {
    initResources();
    setWindowTitle(tr("Backprop Studio"));
    setAcceptDrops(true);
    createActions();
    createCentre();
    createDock();
    createDiagnosisDock();
    createValidation();
    createMenus();
    createToolBar();
    createStatusBar();
    connectTraining();
    connectDiagnosis();
    for (RedrawThrottle* throttle : redrawThrottles()) throttle->setInterval(kRedrawInterval);
    createDecisionMap();

    m_panel->setConfig(SettingsStore::config());
    m_logScaleAction->setChecked(SettingsStore::logScale());
    resize(1280, 800);
    restoreGeometry(SettingsStore::windowGeometry());
    restoreState(SettingsStore::windowState());
    new NarrowWindowDocks(this, findChild<QDockWidget*>(QStringLiteral("hyperparameterDock")),
                          findChild<QDockWidget*>(QStringLiteral("diagnosisDock")));

    connect(m_loader, &CsvLoader::loaded, this, &MainWindow::dataArrived);
    connect(m_loader, &CsvLoader::failed, this, [this](const QString&, const QString& message) {
        m_loadProgress->hide();
        statusBar()->showMessage(tr("Could not load the file; the previous data stays loaded."),
                                 8000);
        emit loadFailed(message);
    });
    connect(m_loader, &CsvLoader::progressChanged, m_loadProgress, &QProgressBar::setValue);
    connect(this, &MainWindow::loadFailed, this, &MainWindow::showError);
    connect(this, &MainWindow::errorOccurred, this, &MainWindow::showError);
    updateActions();
}

// Members are QObject children; the controller's thread stops and joins in its destructor.
MainWindow::~MainWindow() = default;

std::vector<RedrawThrottle*> MainWindow::redrawThrottles() const {
    return {m_chart->redrawThrottle(), m_health->redrawThrottle(), m_diagnosisThrottle,
            m_status->redrawThrottle()};
}

void MainWindow::flushRedraws() {
    for (RedrawThrottle* throttle : redrawThrottles()) throttle->flush();
}

void MainWindow::createCentre() {
    m_chart = new CostChart;
    // A tool bar, not a row of buttons: in a narrow window the actions that do not fit move to
    // its » menu instead of making the tab (and so the window) wider.
    auto* chartTools = new QToolBar;
    chartTools->setObjectName(QStringLiteral("chartTools"));
    chartTools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    const int icon = style()->pixelMetric(QStyle::PM_SmallIconSize);
    chartTools->setIconSize(QSize(icon, icon));
    chartTools->addActions({m_logScaleAction, m_clearRunsAction});
    auto* gap = new QWidget;
    gap->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    chartTools->addWidget(gap);
    chartTools->addActions({m_saveChartAction, m_exportHistoryAction});
    auto* trainingTab = new QWidget;
    auto* trainingLayout = new QVBoxLayout(trainingTab);
    trainingLayout->addWidget(chartTools);
    // The health charts under the cost chart, as wide as it; the splitter lets either grow.
    m_health = new HealthCharts;
    auto* charts = new QSplitter(Qt::Vertical);
    charts->setObjectName(QStringLiteral("chartSplitter"));
    charts->setChildrenCollapsible(false);
    charts->addWidget(m_chart);
    charts->addWidget(m_health);
    charts->setStretchFactor(0, 3);
    charts->setStretchFactor(1, 2);
    // The cost chart keeps the larger share, enough for its axis title at 1280 x 800.
    charts->setSizes({360, 250});
    trainingLayout->addWidget(charts, 1);

    m_dataPanel = new DataPanel;
    m_results = new ResultsPanel;
    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(trainingTab, tr("Training"));
    m_tabs->addTab(m_dataPanel, tr("Data"));
    // In a scroll area: the metrics and the ROC chart side by side are wide, and with the
    // Diagnosis dock open they would otherwise make the window wider than a laptop screen.
    auto* resultsScroll = new QScrollArea;
    resultsScroll->setWidget(m_results);
    resultsScroll->setWidgetResizable(true);
    resultsScroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(resultsScroll, tr("Results"));
    // Calibration, gains and the cost threshold of the same result (issue #17).
    auto* qualityScroll = new QScrollArea;
    qualityScroll->setWidget(m_results->probabilityPanel());
    qualityScroll->setWidgetResizable(true);
    qualityScroll->setFrameShape(QFrame::NoFrame);
    // A short name: six tabs must fit beside both docks at 1280 px.
    const int quality = m_tabs->addTab(qualityScroll, tr("Probabilities"));
    m_tabs->setTabToolTip(quality, tr("Probability quality: calibration, gains and lift, and "
                                      "the threshold that costs least"));
    m_results->probabilityPanel()->setGuard([this](const QString& path) {
        return m_data ? refuseLoadedInput(path, m_data->path) : QString();
    });
    connect(m_results->probabilityPanel(), &ProbabilityQualityPanel::saveFailed, this,
            &MainWindow::errorOccurred);
    createImportanceTab();

    m_banner = new RestartBanner;
    auto* centre = new QWidget;
    auto* layout = new QVBoxLayout(centre);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(centre);

    connect(m_logScaleAction, &QAction::toggled, this, [this](bool on) {
        m_chart->setLogScale(on);
        SettingsStore::setLogScale(on);
    });
    connect(m_clearRunsAction, &QAction::triggered, m_chart, &CostChart::clearEarlierRuns);
    connect(m_banner, &RestartBanner::restartRequested, this, &MainWindow::restartTraining);
    // Also emitted by every new data set (DataPanel::setData), after m_data is set.
    connect(m_dataPanel, &DataPanel::selectionChanged, this, [this] {
        if (m_controller->isActive()) m_banner->addReason(tr("column roles changed"));
        dataOrSelectionChanged();
    });
}

void MainWindow::createDock() {
    m_panel = new HyperparameterPanel;
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_panel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Narrower than the panel if need be (a small screen, QT_SCALE_FACTOR=2), then it scrolls
    // sideways too instead of cutting off its right edge or pushing the window wider.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    scroll->setMinimumWidth(220);
    auto* dock = new QDockWidget(tr("Hyperparameters"));
    dock->setObjectName(QStringLiteral("hyperparameterDock"));
    dock->setWidget(scroll);
    dock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    // Wide enough for the whole panel when the window has room.
    resizeDocks({dock},
                {m_panel->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width() + 8},
                Qt::Horizontal);

    connect(m_panel, &HyperparameterPanel::configChanged, this,
            [this] { SettingsStore::setConfig(m_panel->config()); });
    connect(m_panel, &HyperparameterPanel::liveChanged, m_controller, &TrainingController::setLive);
    connect(m_panel, &HyperparameterPanel::epochsChanged, m_controller,
            &TrainingController::setEpochLimit);
    connect(m_panel, &HyperparameterPanel::structureChanged, this, [this](const QString& what) {
        m_controller->resetWeights();
        updateActions();
        if (m_controller->isActive()) m_banner->addReason(what);
    });
}

void MainWindow::createStatusBar() {
    m_loadProgress = new QProgressBar;
    m_loadProgress->setRange(0, 100);
    m_loadProgress->setFixedWidth(140);
    m_loadProgress->setFormat(tr("Loading %p%"));
    m_loadProgress->hide();
    m_status = new TrainingStatus;
    statusBar()->addPermanentWidget(m_loadProgress);
    statusBar()->addPermanentWidget(m_status);
}

void MainWindow::connectTraining() {
    TrainingController* c = m_controller;
    connect(c, &TrainingController::stateChanged, this, [this](TrainingController::State state) {
        if (state == TrainingController::State::Idle) m_banner->dismiss();
        // The run's last epochs were delivered before this: show them all, exactly.
        if (state != TrainingController::State::Running) flushRedraws();
        updateActions();
    });
    connect(c, &TrainingController::runStarted, this,
            [this](const TrainingStart& info, bool continued) {
                m_runDataKey = dataKey();
                m_importance->clear();  // explains the model this run replaces
                if (!continued) {
                    m_chart->beginRun(info.task, info.baselineLoss);
                    m_health->beginRun();
                    m_results->resetThreshold();  // fresh weights: a new model
                }
                QString message = continued ? tr("Continuing from the current weights (Reset "
                                                 "Weights begins afresh); the diagnosis does not "
                                                 "judge their initialisation")
                                            : tr("Training on %L1 rows, validating on %L2")
                                                  .arg(info.trainRows)
                                                  .arg(info.validationRows);
                if (!info.warnings.isEmpty()) message += " — " + info.warnings.join("; ");
                statusBar()->showMessage(message, 10000);
            });
    connect(c, &TrainingController::epochsAdded, this,
            [this](const QList<EpochReport>& reports, const HealthBatchPtr& health) {
                const std::span all(reports.constData(), static_cast<std::size_t>(reports.size()));
                m_chart->appendEpochs(all);
                if (health) m_health->appendEpochs(all, *health);
            });
    connect(c, &TrainingController::progressChanged, m_status, &TrainingStatus::showProgress);
    connect(c, &TrainingController::resultAvailable, this, [this](const TrainingResultPtr& r) {
        // A run on data no longer on screen (another file was opened) describes another
        // problem: its model stays exportable, its metrics are not shown as this data's.
        if (m_runDataKey == dataKey()) {
            m_results->setResult(r);
            if (r->final) {
                showResultSummary(*r);
                explainModel();
            }
        }
        updateActions();
    });
    connect(c, &TrainingController::failed, this, [this](const QString& message) {
        emit errorOccurred(tr("Training could not start: %1").arg(message));
    });
}

QString MainWindow::dataKey() const {
    if (!m_data) return {};
    return m_data->path + QLatin1Char('\n') +
           QString::fromStdString(m_dataPanel->selection().target);
}

void MainWindow::dataOrSelectionChanged() {
    m_results->resetThreshold();
    m_controller->setRangeTestRate(kNaN);  // the range test ran on other data
    const QString key = dataKey();
    m_chart->setDataKey(key);
    m_results->setDataKey(key);  // results of another data set or target are stale
    m_importance->clear();
    updateActions();  // whether Start continues depends on the selection
}

void MainWindow::showResultSummary(const TrainingResult& r) {
    QString text;
    switch (r.reason) {
        case StopReason::Diverged:
            text = tr("Training diverged (%1). Try a lower learning rate.").arg(r.divergence);
            break;
        case StopReason::EarlyStopping:
            text = tr("Early stopping at epoch %1: the validation cost stopped improving.")
                       .arg(r.epoch);
            break;
        case StopReason::Stopped:
            text = tr("Stopped at epoch %1.").arg(r.epoch);
            break;
        default:
            text = tr("Training finished after epoch %1.").arg(r.epoch);
            break;
    }
    // The Results tab's number, at its threshold, so the two never disagree.
    const Metrics& shown = m_results->metrics();
    if (r.model.validation && r.model.task != Task::Regression && shown.task == r.model.task)
        text += tr(" Validation accuracy %1.").arg(shown.accuracy, 0, 'f', 4);
    statusBar()->showMessage(text);
}

void MainWindow::startTraining() {
    const QString error = m_controller->start(m_data, m_dataPanel->selection(), m_panel->config());
    if (!error.isEmpty())
        emit errorOccurred(error);
    else
        statusBar()->showMessage(tr("Preparing the data…"));
    m_banner->dismiss();
}

void MainWindow::togglePause() {
    // A second press before the thread has paused cancels the pause.
    if (m_controller->state() == TrainingController::State::Paused ||
        m_controller->pauseRequested())
        m_controller->resume();
    else
        m_controller->pause();
}

void MainWindow::stopTraining() { m_controller->stop(); }

void MainWindow::resetWeights() {
    m_controller->resetWeights();
    updateActions();  // Start no longer continues
    if (m_controller->isActive())
        restartTraining();
    else
        statusBar()->showMessage(tr("The next start begins from freshly initialised weights."),
                                 8000);
}

void MainWindow::restartTraining() {
    m_controller->resetWeights();
    startTraining();
}

void MainWindow::showError(const QString& message) {
    statusBar()->showMessage(message, 10000);
    if (m_dialogs) QMessageBox::warning(this, tr("Backprop Studio"), message);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    SettingsStore::setWindowLayout(saveGeometry(), saveState());
    SettingsStore::setConfig(m_panel->config());
    // End the run after the current mini-batch, skipping the final result nobody will see; the
    // thread is joined when the window is destroyed.
    m_controller->shutdown();
    m_toolRunner->cancel();
    if (m_cvWindow) m_cvWindow->close();  // stops its run; the app quits with this window
    m_loader->cancel();
    event->accept();
}

}  // namespace bps
