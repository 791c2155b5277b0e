// The main window's diagnosis side: the Diagnosis dock (live findings with one-click fixes, and
// the tools), the Tools menu, and applying a fix to the settings.

#include <QAction>
#include <QDockWidget>
#include <QScrollArea>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>

#include "core/model/limits.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/diagnosis_panel.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/panels/suggested_fix.h"
#include "ui/panels/tools_panel.h"
#include "ui/training/redraw_throttle.h"
#include "ui/window/main_window.h"

namespace bps {

void MainWindow::createDiagnosisDock() {
    m_diagnosis = new DiagnosisPanel;
    m_tools = new ToolsPanel;
    m_toolRunner = new ToolRunner(this);
    auto* toolsScroll = new QScrollArea;
    toolsScroll->setWidget(m_tools);
    toolsScroll->setWidgetResizable(true);
    toolsScroll->setFrameShape(QFrame::NoFrame);
    toolsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_diagnosisTabs = new QTabWidget;
    m_diagnosisTabs->setDocumentMode(true);
    m_diagnosisTabs->addTab(m_diagnosis, tr("Findings"));
    m_diagnosisTabs->addTab(toolsScroll, tr("Tools"));
    auto* dock = new QDockWidget(tr("Diagnosis"));
    dock->setObjectName(QStringLiteral("diagnosisDock"));
    dock->setWidget(m_diagnosisTabs);
    // Narrow enough that both docks and the charts fit an 800-pixel-wide window.
    dock->setMinimumWidth(200);
    dock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    resizeDocks({dock}, {320}, Qt::Horizontal);

    const auto action = [this](const QString& text, const QString& tip) {
        auto* a = new QAction(text, this);
        a->setToolTip(tip);
        a->setStatusTip(tip);
        return a;
    };
    m_rangeTestAction =
        action(tr("Learning-Rate &Range Test"),
               tr("Find a learning rate: train briefly while the rate grows and see where the "
                  "loss falls fastest"));
    m_gradientCheckAction =
        action(tr("&Gradient Check"),
               tr("Compare backpropagation with finite differences, layer by layer"));
    m_overfitAction = action(tr("&Overfit a Tiny Batch"),
                             tr("Check that the network can drive the loss on %1 rows to zero")
                                 .arg(limits::kOverfitRows));
}

void MainWindow::connectDiagnosis() {
    using Tool = ToolOutcome::Tool;
    connect(m_rangeTestAction, &QAction::triggered, this, [this] { runTool(Tool::RangeTest); });
    connect(m_gradientCheckAction, &QAction::triggered, this,
            [this] { runTool(Tool::GradientCheck); });
    connect(m_overfitAction, &QAction::triggered, this, [this] { runTool(Tool::Overfit); });

    connect(m_controller, &TrainingController::runStarted, m_diagnosis,
            [this] { m_diagnosis->beginRun(); });
    // Every delivery brings a diagnosis; the cards follow at the live views' pace.
    m_diagnosisThrottle = new RedrawThrottle(
        m_diagnosis, [this] { m_diagnosis->setDiagnosis(m_controller->diagnosis()); });
    connect(m_controller, &TrainingController::diagnosisUpdated, m_diagnosisThrottle,
            &RedrawThrottle::request);
    connect(m_diagnosis, &DiagnosisPanel::fixRequested, this, &MainWindow::applyFix);

    connect(m_tools, &ToolsPanel::runRequested, this, &MainWindow::runTool);
    connect(m_tools, &ToolsPanel::cancelRequested, m_toolRunner, &ToolRunner::cancel);
    connect(m_tools, &ToolsPanel::applyRateRequested, this, [this](double rate) {
        applyFix(SuggestedFix{SuggestedFix::Kind::SetLearningRate, rate});
    });
    connect(m_toolRunner, &ToolRunner::started, this, [this](Tool tool) {
        m_tools->toolStarted(tool);
        updateActions();
    });
    connect(m_toolRunner, &ToolRunner::progressChanged, m_tools, &ToolsPanel::showProgress);
    connect(m_toolRunner, &ToolRunner::finished, this, [this](const ToolOutcome& outcome) {
        // The diagnosis proposes the tested rate first when a later run's rate is too high.
        if (const auto* range = std::get_if<RangeTestResult>(&outcome.result))
            if (range->suggestedRate > 0) m_controller->setRangeTestRate(range->suggestedRate);
        m_tools->showOutcome(outcome);
        updateActions();
    });
    connect(m_loader, &CsvLoader::loaded, m_tools, [this] { m_tools->setToolsEnabled(true); });
}

void MainWindow::runTool(ToolOutcome::Tool tool) {
    if (!m_data) {
        emit errorOccurred(tr("Open a CSV file first."));
        return;
    }
    if (const std::string problem = m_panel->config().validate(); !problem.empty()) {
        emit errorOccurred(QString::fromStdString(problem));
        return;
    }
    // Show where the result will appear, whichever way the tool was started.
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("diagnosisDock"))) dock->show();
    m_diagnosisTabs->setCurrentIndex(1);
    const std::shared_ptr<const CsvTable> table(m_data, &m_data->table);
    if (!m_toolRunner->run(tool, {table, m_dataPanel->selection(), m_panel->config()}))
        statusBar()->showMessage(tr("A tool is still running; wait for it or cancel it."), 5000);
}

void MainWindow::applyFix(const SuggestedFix& fix) {
    const TrainingConfig before = m_panel->config();
    const TrainingConfig after = withFix(before, fix);
    const QString change = describeConfigChange(before, after);
    QString text;
    if (change.isEmpty() && fix.kind == SuggestedFix::Kind::DefaultInitialisation) {
        // The setting is right but the weights are not from it: fresh weights are the fix.
        m_controller->resetWeights();
        updateActions();
        text = tr("Already set: %1. Weights reset: the next start begins from a fresh "
                  "initialisation.")
                   .arg(fixButtonText(fix));
    } else if (change.isEmpty()) {
        text = tr("Already set: %1.").arg(fixButtonText(fix));
    } else {
        m_panel->applyConfig(after, change);
        const bool active = m_controller->isActive();
        if (fixIsLive(fix))
            text = active ? tr("Applied: %1. The running training uses it from the next epoch.")
                                .arg(change)
                          : tr("Applied: %1.").arg(change);
        else
            text = active ? tr("Changed: %1. Restart training to apply it.").arg(change)
                          : tr("Changed: %1. It applies when training starts.").arg(change);
    }
    m_diagnosis->showApplied(text);
    statusBar()->showMessage(text, 10000);
}

}  // namespace bps
