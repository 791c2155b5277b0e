// Training > Sweep…: the Sweep window (ui/validation/sweep_window.h) on the main window's data
// and settings, and what its rows hand back (settings for the panel, a model to open).

#include <QAction>
#include <QDir>
#include <QStatusBar>
#include <QTemporaryDir>

#include "core/io/model_file.h"
#include "ui/charts/cost_chart.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/validation/sweep_window.h"
#include "ui/window/main_window.h"

namespace bps {

QAction* MainWindow::createSweepAction() {
    auto* action = new QAction(tr("&Sweep…"), this);
    action->setObjectName(QStringLiteral("sweepAction"));
    action->setToolTip(tr("Try many hyperparameter settings on the loaded data and compare them"));
    connect(action, &QAction::triggered, this, &MainWindow::openSweepWindow);
    return action;
}

SweepWindow* MainWindow::sweepWindow() {
    if (m_sweepWindow) return m_sweepWindow;
    // The window asks for the data and settings whenever it shows and when a sweep starts, so
    // it always sweeps what the main window shows now.
    m_sweepWindow = new SweepWindow(
        [this]() -> std::optional<SweepBase> {
            if (!m_data) return std::nullopt;
            SweepBase base;
            base.table = std::shared_ptr<const CsvTable>(m_data, &m_data->table);
            base.selection = m_dataPanel->selection();
            base.config = m_panel->config();
            const QString target = QString::fromStdString(base.selection.target);
            base.dataName = target.isEmpty() ? m_data->displayName
                                             : tr("%1, target %2").arg(m_data->displayName, target);
            base.loadedPath = m_data->path;
            return base;
        },
        this);
    connect(m_sweepWindow, &SweepWindow::useSettings, this,
            [this](const TrainingConfig& config, const QString& reason) {
                m_panel->applyConfig(config, reason);
                statusBar()->showMessage(tr("Hyperparameters set to %1.").arg(reason), 8000);
            });
    connect(m_sweepWindow, &SweepWindow::compareCurves, this,
            [this](const std::vector<CostChart::ComparisonCurve>& curves) {
                m_chart->setComparisonCurves(curves);
                m_tabs->setCurrentIndex(0);  // the Training tab, where the cost chart is
                statusBar()->showMessage(
                    tr("The cost chart shows %n sweep trial(s) dashed; View > Clear Earlier Runs "
                       "removes them.",
                       nullptr, static_cast<int>(curves.size())),
                    10000);
            });
    connect(m_sweepWindow, &SweepWindow::openModel, this,
            [this](std::shared_ptr<const Model> model, const QString& name) {
                // Through a model file, so the model opens exactly as File > Open Model opens
                // one (settings, columns and threshold included).
                QTemporaryDir dir;
                const QString path = dir.filePath(QString(name).replace(' ', '-') + ".json");
                QString error;
                try {
                    saveModel(*model, QDir::toNativeSeparators(path).toStdString());
                    error = openModel(path);
                } catch (const std::exception& e) {
                    error = QString::fromStdString(e.what());
                }
                if (!error.isEmpty()) emit errorOccurred(error);
            });
    return m_sweepWindow;
}

void MainWindow::openSweepWindow() {
    SweepWindow* window = sweepWindow();
    window->show();
    window->raise();
    window->activateWindow();
}

}  // namespace bps
