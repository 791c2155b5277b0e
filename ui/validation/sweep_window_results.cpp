// The Sweep window's results side: the plot, the table, the selected trials' curves and what a
// row can do (use its settings, open its model, export all rows).

#include <QChart>
#include <QChartView>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent/QtConcurrentRun>

#include "core/io/sweep_results.h"
#include "core/training/trainer.h"
#include "ui/charts/chart_palette.h"
#include "ui/files/file_export.h"
#include "ui/validation/parallel_coordinates.h"
#include "ui/validation/sweep_results_model.h"
#include "ui/validation/sweep_window.h"

namespace bps {

namespace {
// Curves drawn at once: more than this many lines on one chart are a blur.
constexpr int kMaxCurves = 12;
// The table fits its columns to the contents after each new row up to this many rows.
constexpr int kResizeRows = 50;
}  // namespace

QWidget* SweepWindow::buildResults() {
    m_plot = new ParallelCoordinates;
    m_plot->setObjectName(QStringLiteral("parallelCoordinates"));
    m_table = new QTableView;
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    // Sized to the contents while the table is short and once at the end, not on every row
    // (ResizeToContents measures every cell on each change: slow with thousands of trials).
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_model->rowCount() <= kResizeRows) m_table->resizeColumnsToContents();
    });
    connect(this, &SweepWindow::sweepEnded, m_table, &QTableView::resizeColumnsToContents);

    m_curves = new QChart;
    m_curves->setTitle(tr("Validation loss of the selected trials"));
    m_curves->legend()->setAlignment(Qt::AlignRight);
    m_curves->setMargins(QMargins(4, 4, 4, 4));
    m_curveView = new QChartView(m_curves);
    m_curveView->setRenderHint(QPainter::Antialiasing);
    m_curveView->setMinimumHeight(180);
    followPalette(m_curveView);

    m_useButton = new QPushButton(tr("Use These Settings"));
    m_useButton->setToolTip(
        tr("Sets the main window's hyperparameters to the selected trial's "
           "(its seed included), as if you had typed them."));
    m_openButton = new QPushButton(tr("Open This Model"));
    m_compareButton = new QPushButton(tr("Show on Cost Chart"));
    m_compareButton->setToolTip(
        tr("Draws the selected trials' validation cost on the main window's cost chart, dashed, "
           "beside its runs (same data, target and loss)."));
    m_exportButton = new QPushButton(tr("Export Results…"));
    m_exportButton->setToolTip(tr("Every trial as CSV or JSON, as `sweep --results-out` writes."));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_useButton);
    buttons->addWidget(m_openButton);
    buttons->addWidget(m_compareButton);
    buttons->addStretch();
    buttons->addWidget(m_exportButton);
    auto* tableBox = new QWidget;
    auto* tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_table);
    tableLayout->addLayout(buttons);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_plot);
    splitter->addWidget(tableBox);
    splitter->addWidget(m_curveView);
    splitter->setSizes({300, 280, 220});

    connect(m_plot, &ParallelCoordinates::brushChanged, this, [this] {
        m_proxy->setAccepted(m_plot->hasBrush() ? std::optional(m_plot->brushedTrials())
                                                : std::nullopt);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateCurves();
        updateButtons();
    });
    connect(m_table, &QTableView::doubleClicked, this, &SweepWindow::useSelectedSettings);
    connect(m_useButton, &QPushButton::clicked, this, &SweepWindow::useSelectedSettings);
    connect(m_openButton, &QPushButton::clicked, this, &SweepWindow::openSelectedModel);
    connect(m_compareButton, &QPushButton::clicked, this, &SweepWindow::compareSelectedTrials);
    connect(m_exportButton, &QPushButton::clicked, this, &SweepWindow::chooseExport);
    return splitter;
}

int SweepWindow::selectedTrial() const {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.front().data(SweepResultsModel::kTrialRole).toInt();
}

void SweepWindow::selectTrial(int trialIndex) {
    const int row = m_model->rowOf(trialIndex);
    const QModelIndex at = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!at.isValid()) {
        m_table->clearSelection();
        return;
    }
    m_table->selectionModel()->select(
        at, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(at);
}

void SweepWindow::updateCurves() {
    m_curves->removeAllSeries();
    QSet<int> highlighted;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    // The axes outlive the series: made once, here, on the first update.
    if (!m_curveX) {
        m_curveX = new QValueAxis;
        m_curveX->setTitleText(tr("epoch"));
        m_curveX->setLabelFormat(QStringLiteral("%d"));
        m_curveY = new QValueAxis;
        m_curveY->setTitleText(tr("validation loss"));
        m_curves->addAxis(m_curveX, Qt::AlignBottom);
        m_curves->addAxis(m_curveY, Qt::AlignLeft);
    }
    QValueAxis* x = m_curveX;
    QValueAxis* y = m_curveY;
    double xMax = 1, yMin = INFINITY, yMax = -INFINITY;
    int drawn = 0;
    for (const QModelIndex& index : rows) {
        if (drawn == kMaxCurves) break;
        const int row = m_model->rowOf(index.data(SweepResultsModel::kTrialRole).toInt());
        const SweepTrial& trial = m_model->trialAt(row);
        highlighted.insert(trial.index);
        auto* series = new QLineSeries;
        series->setName(tr("trial %1").arg(trial.index + 1));
        for (const auto& [epoch, loss] : trial.curve)
            if (std::isfinite(loss)) {
                series->append(epoch, loss);
                xMax = std::max(xMax, double(epoch));
                yMin = std::min(yMin, loss);
                yMax = std::max(yMax, loss);
            }
        m_curves->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        ++drawn;
    }
    x->setRange(0, xMax);
    if (std::isfinite(yMin)) {
        const double pad = std::max(1e-9, (yMax - yMin) * 0.05);
        y->setRange(yMin - pad, yMax + pad);
    }
    m_curves->legend()->setVisible(drawn > 0);
    m_curves->setTitle(drawn > 0 ? tr("Validation loss of the selected trials")
                                 : tr("Select trials in the table to see their validation loss"));
    applyChartPalette(m_curves, m_curveView->palette());
    m_plot->setHighlighted(highlighted);
}

void SweepWindow::useSelectedSettings() {
    const int trial = selectedTrial();
    if (trial < 0 || !m_runBase) return;
    const SweepTrial& t = m_model->trialAt(m_model->rowOf(trial));
    emit useSettings(t.config, tr("the settings of sweep trial %1").arg(t.index + 1));
}

void SweepWindow::openSelectedModel() {
    const int trial = selectedTrial();
    if (!m_result || trial < 0 || !m_runBase || !sameDataAsRun() || isRetraining()) return;
    const QString name = tr("sweep trial %1").arg(trial + 1);
    if (m_result->bestModel && trial == m_result->bestTrial) {
        emit openModel(std::make_shared<const Model>(*m_result->bestModel), name);
        return;
    }
    // Only the best model is kept: train this one again. A pruned trial stopped at its rung;
    // the others ran their config as it is (early stopping included), so this is their model.
    const SweepTrial& t = m_model->trialAt(m_model->rowOf(trial));
    TrainingConfig config = t.config;
    if (t.pruned) config.epochs = t.epochs;
    const SweepBase base = *m_runBase;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_retrainCancel = cancel;
    updateButtons();
    auto* watcher = new QFutureWatcher<std::shared_ptr<const Model>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, cancel, name] {
        watcher->deleteLater();
        if (m_retrainCancel == cancel) m_retrainCancel.reset();
        updateButtons();
        if (const auto model = watcher->result(); model && !cancel->load())
            emit openModel(model, name);
    });
    watcher->setFuture(QtConcurrent::run([base, config, cancel]() -> std::shared_ptr<const Model> {
        try {
            Trainer trainer(prepareDataset(*base.table, base.selection), config);
            trainer.run([&](const EpochReport&) {
                if (cancel->load()) trainer.requestStop();
            });
            return cancel->load() ? nullptr : std::make_shared<const Model>(trainer.model());
        } catch (const std::exception&) {
            return nullptr;  // the sweep trained this config on this data: not expected
        }
    }));
}

void SweepWindow::compareSelectedTrials() {
    if (!m_result || !sameDataAsRun()) return;
    std::vector<CostChart::ComparisonCurve> curves;
    for (const QModelIndex& row : m_table->selectionModel()->selectedRows()) {
        const int trial = row.data(SweepResultsModel::kTrialRole).toInt();
        const SweepTrial& t = m_model->trialAt(m_model->rowOf(trial));
        CostChart::ComparisonCurve curve{tr("Sweep trial %1 (validation)").arg(trial + 1), {}};
        for (const auto& [epoch, loss] : t.curve) curve.points.append(QPointF(epoch, loss));
        curves.push_back(std::move(curve));
    }
    if (!curves.empty()) emit compareCurves(curves);
}

QString SweepWindow::exportResults(const QString& path) {
    if (!m_result) return tr("No finished sweep to export.");
    if (m_runBase)
        if (const QString refused = refuseLoadedInput(path, m_runBase->loadedPath);
            !refused.isEmpty())
            return refused;
    const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    if (!json && !path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        return tr("Cannot tell the format from '%1': use an extension .csv or .json").arg(path);
    const std::string text = json ? sweepResultsJson(*m_result, m_runOptions, m_task).dump(2) + "\n"
                                  : sweepResultsCsv(*m_result, m_runSettings, m_task);
    return writeFileAtomically(path, QByteArray::fromStdString(text));
}

void SweepWindow::chooseExport() {
    QString selected;
    QString path =
        QFileDialog::getSaveFileName(this, tr("Export Sweep Results"), QStringLiteral("sweep.csv"),
                                     tr("CSV (*.csv);;JSON (*.json)"), &selected);
    if (path.isEmpty()) return;
    if (!path.contains(QLatin1Char('.')))
        path += selected.contains(QLatin1String("json")) ? QStringLiteral(".json")
                                                         : QStringLiteral(".csv");
    const QString error = exportResults(path);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export Sweep Results"), error);
}

}  // namespace bps
