// MainWindow's file handling: opening data and models, exporting weights, the chart and the
// history, recent files and drag-and-drop.

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <algorithm>
#include <exception>

#include "core/data/date_parts.h"
#include "core/io/csv_writer.h"
#include "ui/charts/cost_chart.h"
#include "ui/files/file_export.h"
#include "ui/files/model_formats.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/panels/results_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/settings_store.h"

namespace bps {

namespace {
const QString kCsvFilter = QObject::tr("CSV files (*.csv *.tsv *.txt);;All files (*)");
const QString kModelFilter = QObject::tr("JSON model (*.json);;All files (*)");

bool isModelFile(const QString& path) {
    return QFileInfo(path).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0;
}

// Why a save to `path` is refused ("" when it is not): it would overwrite the loaded CSV.
QString refuseData(const QString& path, const LoadedDataPtr& data) {
    return data ? refuseLoadedInput(path, data->path) : QString();
}

QString baseName(const LoadedDataPtr& data) {
    return data ? QFileInfo(data->displayName).completeBaseName() : QStringLiteral("model");
}
}  // namespace

void MainWindow::loadFile(const QString& path) {
    // Connected here, once (Qt::UniqueConnection), to keep the loader's wiring with the loading.
    connect(m_loader, &CsvLoader::waitingForData, this, &MainWindow::showWaitingForData,
            Qt::UniqueConnection);
    connect(m_loader, &CsvLoader::cancelled, this, &MainWindow::loadCancelled,
            Qt::UniqueConnection);
    connect(m_loader, &CsvLoader::failed, this, &MainWindow::loadEnded, Qt::UniqueConnection);
    m_loadProgress->setValue(0);
    m_loadProgress->show();
    statusBar()->showMessage(tr("Loading %1…").arg(QFileInfo(path).fileName()));
    m_loader->load(path);
}

void MainWindow::openSample() { loadFile(kSamplePath); }

void MainWindow::showWaitingForData(const QString& path) {
    if (!m_cancelLoad) {
        m_cancelLoad = new QPushButton(tr("Cancel"));
        m_cancelLoad->setObjectName(QStringLiteral("cancelLoadButton"));
        m_cancelLoad->setToolTip(tr("Stop waiting for the pipe's writer"));
        connect(m_cancelLoad, &QPushButton::clicked, m_loader, &CsvLoader::cancel);
        statusBar()->addPermanentWidget(m_cancelLoad);
    }
    m_cancelLoad->show();
    // No timeout: the message stays until the data comes or the load is cancelled.
    statusBar()->showMessage(tr("Waiting for data on the pipe %1… (Cancel stops waiting)")
                                 .arg(QFileInfo(path).fileName()));
}

void MainWindow::loadEnded() {
    m_loadProgress->hide();
    if (m_cancelLoad) m_cancelLoad->hide();
}

void MainWindow::loadCancelled() {
    loadEnded();
    statusBar()->showMessage(tr("Loading cancelled; the previous data stays loaded."), 8000);
}

void MainWindow::dataArrived(LoadedDataPtr data) {
    loadEnded();
    m_data = std::move(data);
    m_dataPanel->setData(m_data);
    m_panel->adaptToRows(m_data->table.rows);
    setWindowTitle(tr("%1 — Backprop Studio").arg(m_data->displayName));
    if (!m_data->path.startsWith(QLatin1String(":/")))
        SettingsStore::addRecentFile(QFileInfo(m_data->path).absoluteFilePath());
    statusBar()->showMessage(tr("Loaded %1: %L2 rows, %L3 columns. Press Start (Ctrl+R) to train.")
                                 .arg(m_data->displayName)
                                 .arg(static_cast<qint64>(m_data->table.rows))
                                 .arg(static_cast<qint64>(m_data->table.columns.size())),
                             10000);
    // The run trained on the previous data: it ends now, so that opening a file is as prompt
    // as Stop, and says so where it stays visible.
    if (m_controller->isActive()) {
        m_controller->stop();
        statusBar()->showMessage(
            tr("Loaded %1; the training on the previous data was stopped. Press Start (Ctrl+R) "
               "to train on this data.")
                .arg(m_data->displayName));
    }
    updateActions();
    emit dataLoaded(m_data->path);
}

void MainWindow::chooseFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open CSV"), QString(), kCsvFilter);
    if (!path.isEmpty()) loadFile(path);
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList files = SettingsStore::recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString& path = files[i];
        QAction* a = m_recentMenu->addAction(
            QStringLiteral("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(path)));
        a->setEnabled(QFileInfo::exists(path));
        connect(a, &QAction::triggered, this, [this, path] { loadFile(path); });
    }
    if (files.isEmpty()) m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
    m_recentMenu->addSeparator();
    QAction* clear = m_recentMenu->addAction(tr("Clear Recent Files"));
    clear->setEnabled(!files.isEmpty());
    connect(clear, &QAction::triggered, this, [] { SettingsStore::clearRecentFiles(); });
}

QString MainWindow::exportWeights(const QString& path, const QString& filter) {
    if (QString refused = refuseData(path, m_data); !refused.isEmpty()) return refused;
    const auto model = m_controller->model();
    if (!model) return tr("There is no trained model yet: train one or open a model file.");
    // The threshold on show in the Results tab is the model's: every format stores it.
    Model withThreshold = *model;
    if (withThreshold.task == Task::Binary) withThreshold.threshold = m_results->threshold();
    QString error = exportModel(withThreshold, modelFormatFor(filter, path), path);
    if (error.isEmpty()) statusBar()->showMessage(tr("Exported the model to %1").arg(path), 10000);
    return error;
}

void MainWindow::chooseExport() {
    // One filter per format: a format core's exporter gains shows up here by itself. Choosing
    // a filter renames the file to match (Qt's own dialog leaves "model.json" as it was, and the
    // suffix names the format when the two disagree).
    QStringList filters;
    for (const ModelFormat& f : modelFormats()) filters << f.filter();
    QFileDialog dialog(this, tr("Export Weights"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setNameFilters(filters);
    dialog.selectFile(baseName(m_data) + QStringLiteral("-model.json"));
    connect(&dialog, &QFileDialog::filterSelected, &dialog, [&dialog](const QString& filter) {
        const QStringList chosen = dialog.selectedFiles();
        if (chosen.isEmpty()) return;
        dialog.selectFile(
            QFileInfo(withSuffix(chosen.front(), modelFormatFor(filter, {}))).fileName());
    });
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return;
    const QString selected = dialog.selectedNameFilter();
    QString path = dialog.selectedFiles().front();
    if (QFileInfo(path).suffix().isEmpty()) path = withSuffix(path, modelFormatFor(selected, path));
    const QString error = exportWeights(path, selected);
    if (!error.isEmpty()) emit errorOccurred(error);
}

QString MainWindow::predictTo(const QString& path) {
    if (QString refused = refuseData(path, m_data); !refused.isEmpty()) return refused;
    const auto model = m_controller->model();
    if (!model || !m_data) return tr("Predicting needs a model and loaded data.");
    try {
        const Eigen::MatrixXd outputs =
            model->predictTable(m_data->table);  // the stored encoding (v2) or the features
        return writeFileAtomically(path,
                                   QByteArray::fromStdString(predictionsToCsv(*model, outputs)));
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
}

void MainWindow::choosePredict() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Predict with Model"), baseName(m_data) + QStringLiteral("-predictions.csv"),
        tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const QString error = predictTo(path);
    QApplication::restoreOverrideCursor();
    if (!error.isEmpty())
        emit errorOccurred(error);
    else
        statusBar()->showMessage(tr("Wrote predictions for %L1 rows to %2")
                                     .arg(static_cast<qint64>(m_data->table.rows))
                                     .arg(path),
                                 10000);
}

QString MainWindow::openModel(const QString& path) {
    if (m_controller->isActive()) return tr("Stop training before opening a model.");
    std::shared_ptr<const Model> model;
    try {
        model = std::make_shared<const Model>(importModel(path));
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    m_controller->setModel(model);
    m_panel->setConfig(model->config);
    SettingsStore::setConfig(model->config);
    // The raw columns and how the model encoded them: a date's parts come from its column.
    QStringList features;
    QMap<QString, FeatureForm> forms;
    if (model->preprocessing) {
        for (const DateExpansion& d : model->preprocessing->dates) {
            features << QString::fromStdString(d.column);
            forms.insert(QString::fromStdString(d.column), FeatureForm::DateParts);
        }
        for (const ColumnEncoding& c : model->preprocessing->columns) {
            const bool datePart =
                std::any_of(model->preprocessing->dates.begin(), model->preprocessing->dates.end(),
                            [&](const DateExpansion& d) {
                                return std::any_of(d.parts.begin(), d.parts.end(), [&](DatePart p) {
                                    return datePartColumn(d.column, p) == c.name;
                                });
                            });
            if (datePart) continue;
            features << QString::fromStdString(c.name);
            forms.insert(QString::fromStdString(c.name), c.kind == ColumnKind::Categorical
                                                             ? FeatureForm::Categorical
                                                             : FeatureForm::Numeric);
        }
    } else {
        for (const auto& f : model->features) features << QString::fromStdString(f);
    }
    const bool fits = m_dataPanel->roles()->applySelection(QString::fromStdString(model->target),
                                                           features, forms);
    m_results->resetThreshold(model->threshold);
    statusBar()->showMessage(
        fits ? tr("Opened %1: Start continues training it; Export Weights saves it again.")
                   .arg(QFileInfo(path).fileName())
             : tr("Opened %1, but the loaded data lacks some of its columns (%2); open data "
                  "that has them to continue training.")
                   .arg(QFileInfo(path).fileName(), features.join(", ")),
        15000);
    if (fits) {
        explainModel();
        showOpenedModelResults();
    }
    showModelInDecisionMap(model);
    updateActions();
    return {};
}

void MainWindow::chooseModel() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Model"), QString(), kModelFilter);
    if (path.isEmpty()) return;
    const QString error = openModel(path);
    if (!error.isEmpty()) emit errorOccurred(error);
}

void MainWindow::saveChart() {
    QString selected;
    QString path = QFileDialog::getSaveFileName(this, tr("Save Chart"),
                                                baseName(m_data) + QStringLiteral("-cost.png"),
                                                chartImageFilters(), &selected);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += selected.contains("svg") ? ".svg" : ".png";
    const QString error = saveChartTo(path);
    if (!error.isEmpty()) emit errorOccurred(error);
}

QString MainWindow::saveChartTo(const QString& path) {
    if (QString refused = refuseData(path, m_data); !refused.isEmpty()) return refused;
    m_chart->flushRedraw();  // every epoch delivered so far, even while the tab was hidden
    const QString error = saveWidgetImage(m_chart, path);
    if (error.isEmpty()) statusBar()->showMessage(tr("Saved the chart to %1").arg(path), 10000);
    return error;
}

void MainWindow::exportHistory() {
    QString path = QFileDialog::getSaveFileName(this, tr("Export History"),
                                                baseName(m_data) + QStringLiteral("-history.csv"),
                                                tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    const QString error = saveHistoryTo(path);
    if (!error.isEmpty()) emit errorOccurred(error);
}

QString MainWindow::saveHistoryTo(const QString& path) {
    if (QString refused = refuseData(path, m_data); !refused.isEmpty()) return refused;
    const auto& history = m_controller->history();
    const QString error = writeHistoryCsv(path, history);
    if (!error.isEmpty()) return error;
    // A long curve's history is thinned (EpochHistory); the file's format stays the command
    // line's, so the message says what it holds.
    const std::size_t stride = m_controller->historyStride();
    if (stride == 1)
        statusBar()->showMessage(tr("Saved %L1 epochs to %2").arg(history.size()).arg(path), 10000);
    else
        statusBar()->showMessage(tr("Saved %L1 of %L2 epochs to %3: every %L4th epoch and the "
                                    "last (a long run keeps a bounded history)")
                                     .arg(history.size())
                                     .arg(m_controller->historyEpochCount())
                                     .arg(path)
                                     .arg(stride),
                                 0);
    return {};
}

void MainWindow::chooseReport() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Report"), baseName(m_data) + QStringLiteral("-report.html"),
        tr("HTML pages (*.html *.htm)"));
    if (path.isEmpty()) return;
    const QString error = saveReportTo(path);
    if (!error.isEmpty()) emit errorOccurred(error);
}

QString MainWindow::saveReportTo(const QString& path) {
    if (QString refused = refuseData(path, m_data); !refused.isEmpty()) return refused;
    const auto model = m_controller->model();
    if (!model || !m_data) return tr("A report needs a trained model and loaded data.");
    if (!m_reportJob->start(model, m_data, m_controller->history(), path))
        return tr("A report is being written already; wait for it to finish.");
    statusBar()->showMessage(tr("Writing the report to %1…").arg(path));
    updateActions();
    return {};
}

void MainWindow::reportFinished(const QString& path, const QString& error, const QString& rows) {
    updateActions();
    if (error.isEmpty())
        statusBar()->showMessage(tr("Saved the report on %1 to %2").arg(rows, path), 10000);
    else
        emit errorOccurred(error);
    emit reportWritten(path, error);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.front().isLocalFile()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.front().isLocalFile()) return;
    const QString path = urls.front().toLocalFile();
    event->acceptProposedAction();
    if (QFileInfo(path).suffix().compare(QLatin1String("bps"), Qt::CaseInsensitive) == 0) {
        const QString error = openProject(path);
        if (!error.isEmpty()) emit errorOccurred(error);
    } else if (isModelFile(path)) {
        const QString error = openModel(path);
        if (!error.isEmpty()) emit errorOccurred(error);
    } else {
        loadFile(path);
    }
}

}  // namespace bps
