// MainWindow's actions: their creation, the menus and the toolbar that hold them, and the
// enabled state and text that follow the training state.

#include <QAction>
#include <QDockWidget>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStyle>
#include <QToolBar>

#include "ui/panels/data_panel.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/theme_menu.h"

namespace bps {

void MainWindow::createActions() {
    const auto action = [this](const QString& text, QStyle::StandardPixmap icon,
                               const QKeySequence& key, const QString& tip) {
        auto* a = new QAction(style()->standardIcon(icon), text, this);
        a->setShortcut(key);
        a->setToolTip(key.isEmpty() ? tip
                                    : QStringLiteral("%1 (%2)").arg(
                                          tip, key.toString(QKeySequence::NativeText)));
        a->setStatusTip(tip);
        return a;
    };
    m_openAction = action(tr("&Open CSV…"), QStyle::SP_DialogOpenButton, QKeySequence::Open,
                          tr("Open a CSV file to train on"));
    m_sampleAction = action(tr("Open &Sample (HTRU2 pulsars)"), QStyle::SP_FileIcon, {},
                            tr("Load the bundled HTRU2 pulsar data set"));
    m_openModelAction = action(tr("Open &Model…"), QStyle::SP_DirOpenIcon, {},
                               tr("Load a model file to continue training it or export it"));
    m_exportAction = action(tr("&Export Weights…"), QStyle::SP_DialogSaveButton,
                            QKeySequence(tr("Ctrl+E")), tr("Save the trained model to a file"));
    m_predictAction = action(tr("&Predict with Model…"), QStyle::SP_FileDialogContentsView, {},
                             tr("Write the model's predictions for the loaded data as CSV"));
    m_saveChartAction = action(tr("Save &Chart…"), QStyle::SP_DriveFDIcon, {},
                               tr("Save the cost chart as PNG or SVG"));
    m_exportHistoryAction = action(tr("Export &History…"), QStyle::SP_FileDialogDetailedView, {},
                                   tr("Save the cost per epoch as CSV"));
    m_reportAction = action(tr("Save &Report…"), QStyle::SP_FileDialogInfoView, {},
                            tr("Save one HTML page with the data, curves, metrics, confusion "
                               "matrix, ROC, calibration, importance and settings"));
    m_reportAction->setObjectName(QStringLiteral("saveReportAction"));
    m_quitAction = action(tr("&Quit"), QStyle::SP_DialogCloseButton, QKeySequence::Quit,
                          tr("Quit Backprop Studio"));
    m_startAction = action(tr("&Start"), QStyle::SP_MediaPlay, QKeySequence(tr("Ctrl+R")),
                           tr("Start training (continues from the current weights; Reset "
                              "weights to begin afresh)"));
    // Not Space: a focused spin box, line edit or button owns that key (typing a space there
    // blanked the box instead of pausing). Ctrl+P means nothing to any editor.
    m_pauseAction = action(tr("&Pause"), QStyle::SP_MediaPause, QKeySequence(tr("Ctrl+P")),
                           tr("Pause or resume training"));
    m_stopAction = action(tr("S&top"), QStyle::SP_MediaStop, QKeySequence(tr("Ctrl+.")),
                          tr("Stop training and keep the weights"));
    m_resetAction =
        action(tr("&Reset Weights"), QStyle::SP_BrowserReload, QKeySequence(tr("Ctrl+Shift+R")),
               tr("Start over from freshly initialised weights"));
    m_startAction->setObjectName(QStringLiteral("startAction"));
    m_pauseAction->setObjectName(QStringLiteral("pauseAction"));
    m_resetAction->setObjectName(QStringLiteral("resetWeightsAction"));
    // A state, not a command: a checkable text button without an icon.
    m_logScaleAction = new QAction(tr("&Log Scale"), this);
    m_logScaleAction->setShortcut(QKeySequence(tr("Ctrl+L")));
    m_logScaleAction->setToolTip(tr("Show the cost on a logarithmic axis (Ctrl+L)"));
    m_logScaleAction->setCheckable(true);
    m_clearRunsAction = action(tr("&Clear Earlier Runs"), QStyle::SP_DialogResetButton, {},
                               tr("Remove the faded curves of earlier runs"));
    m_aboutAction = action(tr("&About Backprop Studio"), QStyle::SP_MessageBoxInformation, {},
                           tr("About this program"));

    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseFile);
    connect(m_sampleAction, &QAction::triggered, this, &MainWindow::openSample);
    connect(m_openModelAction, &QAction::triggered, this, &MainWindow::chooseModel);
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::chooseExport);
    connect(m_predictAction, &QAction::triggered, this, &MainWindow::choosePredict);
    connect(m_saveChartAction, &QAction::triggered, this, &MainWindow::saveChart);
    connect(m_exportHistoryAction, &QAction::triggered, this, &MainWindow::exportHistory);
    connect(m_reportAction, &QAction::triggered, this, &MainWindow::chooseReport);
    connect(m_reportJob, &ReportJob::finished, this, &MainWindow::reportFinished);
    connect(m_quitAction, &QAction::triggered, this, &MainWindow::close);
    connect(m_startAction, &QAction::triggered, this, &MainWindow::startTraining);
    connect(m_pauseAction, &QAction::triggered, this, &MainWindow::togglePause);
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopTraining);
    connect(m_resetAction, &QAction::triggered, this, &MainWindow::resetWeights);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Backprop Studio"),
                           tr("<b>Backprop Studio %1</b><p>Train small neural networks on CSV "
                              "data and watch them learn.</p><p>Sample data: HTRU2, R. J. Lyon "
                              "et al., MNRAS 459 (1), 2016, CC BY 4.0.</p>")
                               .arg(QStringLiteral(BPS_VERSION)));
    });
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addAction(m_sampleAction);
    file->addSeparator();
    createProjectActions(file);
    file->addSeparator();
    file->addAction(m_openModelAction);
    file->addAction(m_exportAction);
    file->addAction(m_predictAction);
    file->addSeparator();
    file->addAction(m_saveChartAction);
    file->addAction(m_exportHistoryAction);
    file->addAction(m_reportAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* training = menuBar()->addMenu(tr("&Training"));
    training->addActions({m_startAction, m_pauseAction, m_stopAction});
    training->addSeparator();
    training->addAction(m_resetAction);
    training->addSeparator();
    training->addAction(m_cvAction);
    training->addAction(createSweepAction());

    QMenu* tools = menuBar()->addMenu(tr("T&ools"));
    tools->addActions({m_rangeTestAction, m_gradientCheckAction, m_overfitAction});

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_logScaleAction);
    view->addAction(m_clearRunsAction);
    view->addMenu(createThemeMenu(this));
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());

    menuBar()->addMenu(tr("&Help"))->addAction(m_aboutAction);
}

void MainWindow::createToolBar() {
    QToolBar* bar = addToolBar(tr("Training"));
    bar->setObjectName(QStringLiteral("trainingToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_openAction);
    bar->addSeparator();
    bar->addActions({m_startAction, m_pauseAction, m_stopAction, m_resetAction});
    bar->addSeparator();
    bar->addAction(m_exportAction);
}

void MainWindow::updateActions() {
    const auto state = m_controller->state();
    const bool idle = state == TrainingController::State::Idle;
    m_startAction->setEnabled(idle && m_data);
    // Say what Start will do: go on from the current weights, or begin from fresh ones.
    const bool continues =
        m_data && m_controller->willContinue(m_dataPanel->selection(), m_panel->config());
    m_startAction->setText(continues ? tr("&Continue") : tr("&Start"));
    m_startAction->setStatusTip(continues ? tr("Continue training from the current weights "
                                               "(Reset Weights to begin afresh)")
                                          : tr("Start training from freshly initialised weights"));
    // Driven by the controller's state, which follows the thread's paused and resumed signals.
    m_pauseAction->setEnabled(!idle);
    m_pauseAction->setText(state == TrainingController::State::Paused ? tr("&Resume")
                                                                      : tr("&Pause"));
    m_pauseAction->setIcon(style()->standardIcon(
        state == TrainingController::State::Paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_stopAction->setEnabled(!idle);
    m_resetAction->setEnabled(m_data != nullptr);
    m_openModelAction->setEnabled(idle);
    m_exportAction->setEnabled(m_controller->model() != nullptr);
    m_predictAction->setEnabled(m_controller->model() != nullptr && m_data != nullptr);
    m_exportHistoryAction->setEnabled(!m_controller->history().empty() || !idle);
    m_reportAction->setEnabled(m_controller->model() != nullptr && m_data != nullptr &&
                               !m_reportJob->isRunning());
    const bool toolsReady = m_data != nullptr && !m_toolRunner->isRunning();
    for (QAction* a : {m_rangeTestAction, m_gradientCheckAction, m_overfitAction})
        a->setEnabled(toolsReady);
    m_cvAction->setEnabled(m_data != nullptr);
}
}  // namespace bps
