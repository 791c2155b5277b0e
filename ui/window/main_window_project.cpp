// MainWindow's projects (File > Save Project, Open Project, `backprop-studio FILE.bps`): the
// screen's state written to a .bps file (core/io/project_file.h) and read back. Opening loads the
// project's data file like File > Open (in the background), then restores the roles, the
// hyperparameters, the model, its threshold, the chart's runs and the Sweep window's results
// (a project without them clears that window's); a data file that moved is
// looked for beside the project and can be located, and one whose bytes changed is named in a
// warning that stays in the status bar.

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>

#include "core/io/project_file.h"
#include "ui/charts/cost_chart.h"
#include "ui/data/pipe_reader.h"
#include "ui/files/file_export.h"
#include "ui/panels/column_roles_view.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/panels/results_panel.h"
#include "ui/training/held_out_result.h"
#include "ui/validation/sweep_window.h"
#include "ui/window/main_window.h"
#include "ui/window/settings_store.h"

namespace bps {

namespace {
const QString kProjectFilter = QObject::tr("Backprop Studio project (*.bps);;All files (*)");

bool isResource(const QString& path) { return path.startsWith(QLatin1String(":/")); }

// Where the project's data is now: where it was saved, else at the same place relative to the
// project (a folder moved or copied with both); empty when neither exists.
QString findData(const Project& project, const QString& projectPath) {
    const QString saved = QString::fromStdString(project.dataPath);
    if (QFileInfo::exists(saved)) return saved;
    if (project.dataRelativePath.empty()) return {};
    const QString beside = QFileInfo(projectPath)
                               .absoluteDir()
                               .filePath(QString::fromStdString(project.dataRelativePath));
    return QFileInfo::exists(beside) ? QFileInfo(beside).absoluteFilePath() : QString();
}
}  // namespace

void MainWindow::createProjectActions(QMenu* file) {
    m_openProjectAction = file->addAction(tr("Open Pro&ject…"), this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open Project"), QString(), kProjectFilter);
        if (path.isEmpty()) return;
        if (const QString error = openProject(path); !error.isEmpty()) emit errorOccurred(error);
    });
    m_openProjectAction->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    m_openProjectAction->setStatusTip(
        tr("Open a saved project: its data, roles, settings, model and runs"));
    m_saveProjectAction = file->addAction(tr("Save Projec&t…"), this, [this] {
        const QString name =
            m_data ? QFileInfo(m_data->displayName).completeBaseName() : QStringLiteral("project");
        QString path = QFileDialog::getSaveFileName(this, tr("Save Project"),
                                                    name + QStringLiteral(".bps"), kProjectFilter);
        if (path.isEmpty()) return;
        if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".bps");
        if (const QString error = saveProjectTo(path); !error.isEmpty()) emit errorOccurred(error);
    });
    m_saveProjectAction->setShortcut(QKeySequence::Save);
    m_saveProjectAction->setStatusTip(
        tr("Save the data file's name and fingerprint, the roles, settings, model and runs"));
}

QString MainWindow::saveProjectTo(const QString& path) {
    if (!m_data) return tr("Open a data file before saving a project.");
    if (m_controller->isActive())
        return tr("Stop training before saving the project: the model is still changing.");
    if (!isResource(m_data->path) && isNamedPipe(m_data->path.toStdString()))
        return tr(
            "The data came from a pipe, which a project cannot reopen: save the data as a "
            "file and open that first.");
    if (m_data->sha256.isEmpty())
        return tr("The data's fingerprint could not be computed; reopen the data file.");
    if (QString refused = refuseLoadedInput(path, m_data->path); !refused.isEmpty()) return refused;
    Project project;
    project.dataPath =
        (isResource(m_data->path) ? m_data->path : QFileInfo(m_data->path).absoluteFilePath())
            .toStdString();
    project.dataSha256 = m_data->sha256.toStdString();
    project.dataRows = m_data->table.rows;
    project.selection = m_dataPanel->selection();
    project.config = m_panel->config();
    if (const auto model = m_controller->model()) project.model = *model;
    project.threshold = m_results->threshold();
    project.chartTask = m_chart->task();
    project.baselineLoss = m_chart->baselineLoss();
    project.runs = m_chart->runs();
    if (m_sweepWindow) project.sweep = m_sweepWindow->savedResults();
    try {
        saveProject(std::move(project), path.toStdString());
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    statusBar()->showMessage(tr("Saved the project to %1").arg(path), 10000);
    return {};
}

QString MainWindow::openProject(const QString& path, const QString& locatedData) {
    if (m_controller->isActive()) return tr("Stop training before opening a project.");
    if (m_sweepWindow && m_sweepWindow->isRunning())
        return tr("Cancel the sweep before opening a project: its results belong to this data.");
    auto project = std::make_shared<Project>();
    try {
        *project = loadProject(path.toStdString());
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    QString data = locatedData.isEmpty() ? findData(*project, path) : locatedData;
    const QString saved = QString::fromStdString(project->dataPath);
    if (data.isEmpty() && m_dialogs) {
        QMessageBox box(QMessageBox::Warning, tr("Data file not found"),
                        tr("The project's data file %1 is not there any more (nor beside the "
                           "project). Locate it to open the project.")
                            .arg(QDir::toNativeSeparators(saved)),
                        QMessageBox::Cancel, this);
        QPushButton* locate = box.addButton(tr("Locate…"), QMessageBox::AcceptRole);
        box.exec();
        if (box.clickedButton() == locate)
            data = QFileDialog::getOpenFileName(
                this, tr("Locate %1").arg(QFileInfo(saved).fileName()),
                QFileInfo(path).absolutePath(), tr("CSV files (*.csv *.tsv *.txt);;All files (*)"));
        if (data.isEmpty()) return tr("Opening the project was cancelled.");
    }
    if (data.isEmpty())
        return tr("%1: its data file %2 was not found (nor beside the project); locate it.")
            .arg(QFileInfo(path).fileName(), QDir::toNativeSeparators(saved));
    m_pendingProject = std::move(project);
    m_pendingProjectPath = path;
    m_pendingProjectData = data;
    connect(this, &MainWindow::dataLoaded, this, &MainWindow::restoreProject, Qt::UniqueConnection);
    connect(this, &MainWindow::loadFailed, this, &MainWindow::abandonProject, Qt::UniqueConnection);
    loadFile(data);
    return {};
}

void MainWindow::abandonProject() { m_pendingProject.reset(); }

void MainWindow::showOpenedModelResults() {
    const std::shared_ptr<const Model> model = m_controller->model();
    const LoadedDataPtr data = m_data;
    if (!model || !data) return;
    const int request = ++m_heldOutRequest;
    auto* watcher = new QFutureWatcher<HeldOutOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, request, model, data] {
        watcher->deleteLater();
        // Another model or data since: the outcome describes neither.
        if (request != m_heldOutRequest || m_controller->model() != model || m_data != data) return;
        const HeldOutOutcome outcome = watcher->result();
        if (outcome.result) {
            m_runDataKey = dataKey();
            m_results->setResult(outcome.result);
        } else {
            statusBar()->showMessage(
                tr("No validation results for the opened model: %1").arg(outcome.problem), 15000);
        }
        emit openedModelEvaluated(outcome.result != nullptr);
    });
    watcher->setFuture(QtConcurrent::run([model, data] { return heldOutResult(model, data); }));
}

void MainWindow::restoreProject(const QString& loadedPath) {
    // Only the load the project asked for: another file opened meanwhile ends the restore.
    std::shared_ptr<Project> project = std::move(m_pendingProject);
    if (!project || loadedPath != m_pendingProjectData) return;
    const Project& p = *project;
    QStringList warnings;
    if (m_data->sha256.toStdString() != p.dataSha256)
        warnings << tr("%1 changed since the project was saved (its SHA-256 fingerprint "
                       "differs): the model and the runs were made on other contents.")
                        .arg(m_data->displayName);
    const QString saved = QString::fromStdString(p.dataPath);
    if (QFileInfo(loadedPath).absoluteFilePath() != QFileInfo(saved).absoluteFilePath() &&
        !isResource(saved))
        warnings << tr("The data was read from %1; the project named %2.")
                        .arg(QDir::toNativeSeparators(loadedPath), QDir::toNativeSeparators(saved));

    // The roles: a feature's form follows the kind the project forced, or its date parts.
    QStringList features;
    QMap<QString, FeatureForm> forms;
    ColumnRolesView* roles = m_dataPanel->roles();
    for (const std::string& name : p.selection.features) {
        const QString column = QString::fromStdString(name);
        features << column;
        if (const auto kind = p.selection.kinds.find(name); kind != p.selection.kinds.end()) {
            forms.insert(column, kind->second == ColumnKind::Categorical ? FeatureForm::Categorical
                                                                         : FeatureForm::Numeric);
            continue;
        }
        for (std::size_t c = 0; c < m_data->table.columns.size(); ++c)
            if (m_data->table.columns[c].name == name && p.selection.expandDates &&
                roles->kind(static_cast<int>(c)).kind == ColumnKind::DateTime)
                forms.insert(column, FeatureForm::DateParts);
    }
    QComboBox* policy = m_dataPanel->missingPolicyBox();
    policy->setCurrentIndex(policy->findData(static_cast<int>(p.selection.encoding.missing)));
    if (!roles->applySelection(QString::fromStdString(p.selection.target), features, forms))
        warnings << tr("The data lacks some of the project's columns (target %1, features %2).")
                        .arg(QString::fromStdString(p.selection.target), features.join(", "));

    m_panel->setConfig(p.config);
    SettingsStore::setConfig(p.config);
    m_results->resetThreshold(p.threshold);
    if (p.model) {
        const auto model = std::make_shared<const Model>(*p.model);
        m_controller->setModel(model);
        showOpenedModelResults();
        explainModel();
        showModelInDecisionMap(model);
    }
    if (p.chartTask && !p.runs.empty()) m_chart->restoreRuns(*p.chartTask, p.baselineLoss, p.runs);
    // Results of a sweep on other data would be shown beside this project: cleared instead.
    if (p.sweep)
        sweepWindow()->restoreResults(p.sweep);
    else if (m_sweepWindow)
        m_sweepWindow->restoreResults(std::nullopt);
    updateActions();

    QString message =
        tr("Restored the project %1: %2, target %3%4.")
            .arg(QFileInfo(m_pendingProjectPath).fileName(), m_data->displayName,
                 QString::fromStdString(p.selection.target),
                 p.model ? tr(", its model (Start continues training it)") : tr(", no model yet"));
    if (p.sweep)
        message += QLatin1Char(' ') + tr("Training > Sweep shows its %n sweep trial(s).", nullptr,
                                         int(p.sweep->saved.result.trials.size()));
    if (!warnings.isEmpty()) message += QLatin1Char(' ') + warnings.join(QLatin1Char(' '));
    // A warning stays until the next message; a plain restore fades like other news.
    statusBar()->showMessage(message, warnings.isEmpty() ? 15000 : 0);
    if (!warnings.isEmpty() && m_dialogs)
        QMessageBox::warning(this, tr("Project restored with warnings"), warnings.join("\n\n"));
    emit projectRestored(m_pendingProjectPath, warnings);
}

}  // namespace bps
