// The Decision map tab: which models it draws and when (MainWindow's part; the tab itself is
// ui/explain/decision_map_panel.h).

#include <QItemSelectionModel>
#include <QScrollArea>
#include <QSlider>
#include <QTabWidget>
#include <QTableView>
#include <chrono>

#include "ui/explain/decision_map_panel.h"
#include "ui/explain/importance_panel.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/results_panel.h"
#include "ui/window/main_window.h"

namespace bps {

namespace {
// Live maps at most 4 times a second, as the issue asks: a map costs a few milliseconds, and
// more often would not look smoother.
constexpr std::chrono::milliseconds kLiveInterval(250);
}  // namespace

void MainWindow::createDecisionMap() {
    m_decisionMap = new DecisionMapPanel;
    // In a scroll area, as Results: the map, the network and the column choices side by side
    // must not make the window wider than a small screen.
    auto* scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("decisionMapScroll"));
    scroll->setWidget(m_decisionMap);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    const int tab = m_tabs->addTab(scroll, tr("Decision map"));
    m_tabs->setTabToolTip(tab, tr("What the model learnt: its output over two input columns, "
                                  "live while it trains"));
    // Snapshots of the weights only while the tab is on show.
    const auto follow = [this, scroll] {
        const bool on = m_tabs->currentWidget() == scroll;
        m_controller->thread()->setWeightsInterval(on ? kLiveInterval
                                                      : std::chrono::milliseconds(0));
    };
    connect(m_tabs, &QTabWidget::currentChanged, this, follow);
    follow();

    // Another file or target: the map belonged to the model of the previous one.
    connect(m_dataPanel, &DataPanel::selectionChanged, this,
            [this] { m_decisionMap->setData(m_data, m_dataPanel->selection()); });
    connect(m_controller, &TrainingController::runStarted, this,
            [this](const TrainingStart&, bool continued) {
                if (continued)
                    m_decisionMap->beginRun();
                else
                    m_decisionMap->forgetModel();  // fresh weights: a new model
            });
    connect(m_controller, &TrainingController::weightsAvailable, this, [this](const ModelPtr& m) {
        if (m_runDataKey == dataKey()) m_decisionMap->setModel(m, true);
    });
    // A run's final model is settled: its columns by importance. The controller's copy, the
    // model the Importance tab explains, so that tab's measurement can be recognised as its.
    connect(m_controller, &TrainingController::resultAvailable, this,
            [this](const TrainingResultPtr& r) {
                if (m_runDataKey != dataKey()) return;
                if (r->final)
                    m_decisionMap->setModel(m_controller->model(), true, true);
                else
                    m_decisionMap->setModel(ModelPtr(r, &r->model), true);
            });
    connect(m_importance, &ImportancePanel::importanceShown, this, [this] {
        if (const ImportanceOutcomePtr o = m_importance->outcome())
            m_decisionMap->setImportance(o->model, o->result);
    });
    connect(m_dataPanel->rowsView()->selectionModel(), &QItemSelectionModel::currentRowChanged,
            this, [this](const QModelIndex& current) {
                m_decisionMap->setSelectedRow(current.isValid() ? current.row() : -1);
            });
    connect(m_results->thresholdSlider(), &QSlider::valueChanged, this,
            [this] { m_decisionMap->setThreshold(m_results->threshold()); });
}

void MainWindow::showModelInDecisionMap(std::shared_ptr<const Model> model) {
    m_decisionMap->clear();  // another model: its columns may differ
    m_decisionMap->setModel(std::move(model), false, true);
}

}  // namespace bps
