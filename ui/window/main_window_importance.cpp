// The Importance tab's wiring: which model it explains and when it is cleared.

#include <QScrollArea>
#include <QStatusBar>
#include <QTabWidget>

#include "ui/explain/importance_panel.h"
#include "ui/window/main_window.h"

namespace bps {

void MainWindow::createImportanceTab() {
    m_importance = new ImportancePanel;
    // In a scroll area, as the Results tab: two charts one above the other need more height
    // than a small window has, and would otherwise make the window's minimum larger.
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_importance);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(scroll, tr("Importance"));
    connect(m_importance, &ImportancePanel::errorOccurred, this, &MainWindow::errorOccurred);
    connect(m_importance, &ImportancePanel::saved, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10000); });
}

// After a run ends or a model is opened (never per epoch): the importance of the current
// model on the data on screen (a file without its target column says so in the tab).
void MainWindow::explainModel() {
    const std::shared_ptr<const Model> model = m_controller->model();
    if (!model || !m_data) {
        m_importance->clear();
        return;
    }
    m_importance->explain(model, m_data);
}

}  // namespace bps
