// The main window's validation side: Training > Cross-validate… and keeping the Cross-validate
// window's source (data, columns, encoding, hyperparameters) in step with the main window's.

#include <QAction>
#include <QFileInfo>

#include "ui/panels/data_panel.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/validation/cv_window.h"
#include "ui/window/main_window.h"

namespace bps {

void MainWindow::createValidation() {
    m_cvAction = new QAction(tr("Cross-&validate…"), this);
    m_cvAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    const QString tip =
        tr("Train one network per fold of k-fold cross-validation, beside the "
           "baselines, in a window of its own");
    m_cvAction->setToolTip(tip);
    m_cvAction->setStatusTip(tip);
    m_cvAction->setEnabled(false);
    connect(m_cvAction, &QAction::triggered, this, &MainWindow::openCrossValidation);

    // The window's results belong to the source they came from: every change is passed on,
    // and the window says when what it shows no longer matches.
    const auto update = [this] {
        if (!m_cvWindow) return;
        CvSource source;
        if (m_data) {
            source.table = std::shared_ptr<const CsvTable>(m_data, &m_data->table);
            source.path = m_data->path;
            source.selection = m_dataPanel->selection();
            source.description = tr("%1, target %2")
                                     .arg(QFileInfo(m_data->path).fileName(),
                                          QString::fromStdString(m_dataPanel->selection().target));
        }
        source.config = m_panel->config();
        m_cvWindow->setSource(source);
    };
    connect(m_dataPanel, &DataPanel::selectionChanged, this, update);
    connect(m_panel, &HyperparameterPanel::configChanged, this, update);
    connect(m_cvAction, &QAction::triggered, this, update);
}

void MainWindow::openCrossValidation() {
    if (!m_cvWindow) {
        m_cvWindow = new CvWindow(this);
        m_cvWindow->setLogScale(m_logScaleAction->isChecked());
        connect(m_logScaleAction, &QAction::toggled, m_cvWindow, &CvWindow::setLogScale);
    }
    m_cvWindow->show();
    m_cvWindow->raise();
    m_cvWindow->activateWindow();
}

}  // namespace bps
