#include "ui/validation/cv_window.h"

#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QElapsedTimer>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QVBoxLayout>
#include <algorithm>

#include "core/evaluation/mean_sd.h"
#include "ui/charts/chart_palette.h"
#include "ui/files/file_export.h"
#include "ui/validation/cv_chart.h"
#include "ui/validation/cv_importance_view.h"
#include "ui/validation/cv_table.h"

namespace bps {

namespace {
QString duration(double seconds) {
    if (seconds < 90) return QObject::tr("%1 s").arg(std::max(1, int(std::lround(seconds))));
    if (seconds < 5400) return QObject::tr("%1 min").arg(int(std::lround(seconds / 60)));
    return QObject::tr("%1 h").arg(seconds / 3600, 0, 'f', 1);
}

double meanOf(const CrossValidation& cv, Metrics FoldOutcome::*learner) {
    std::vector<double> losses;
    for (const FoldOutcome& f : cv.folds) losses.push_back((f.*learner).loss);
    return meanSd(losses).mean;
}
}  // namespace

bool sameSource(const CvSource& a, const CvSource& b) {
    const DataSelection& x = a.selection;
    const DataSelection& y = b.selection;
    return a.table == b.table && a.path == b.path && a.config == b.config && x.target == y.target &&
           x.features == y.features && x.task == y.task && x.kinds == y.kinds &&
           x.encoding.missing == y.encoding.missing &&
           x.encoding.minLevelCount == y.encoding.minLevelCount && x.expandDates == y.expandDates;
}

CvWindow::CvWindow(QWidget* parent)
    : QWidget(parent, Qt::Window), m_runner(new CvRunner(this)), m_clock(new QElapsedTimer) {
    setWindowTitle(tr("Cross-validate"));
    setObjectName(QStringLiteral("cvWindow"));
    buildLayout();
    connect(m_runner, &CvRunner::started, this, [this](int runId, int folds, int epochs) {
        m_runId = runId;
        m_epochsPerFold = epochs;
        m_totalEpochs = folds * epochs;
        m_foldsDone = 0;
        m_foldEpochs.assign(std::size_t(folds), 0);
        m_clock->start();
        showProgress();
    });
    connect(m_runner, &CvRunner::epochsAvailable, this,
            [this](int runId, const QList<CvEpoch>& epochs) {
                if (runId != m_runId) return;
                for (const CvEpoch& e : epochs)
                    if (e.fold >= 0 && std::size_t(e.fold) < m_foldEpochs.size())
                        m_foldEpochs[std::size_t(e.fold)] =
                            std::max(m_foldEpochs[std::size_t(e.fold)], e.epoch);
                m_chart->appendEpochs(epochs);
                showProgress();
            });
    connect(m_runner, &CvRunner::progressChanged, this, [this](int runId, int done, int) {
        if (runId != m_runId) return;
        m_foldsDone = done;
        showProgress();
    });
    connect(m_runner, &CvRunner::finished, this, &CvWindow::finish);
    updateState();
}

CvWindow::~CvWindow() = default;

void CvWindow::buildLayout() {
    m_sourceLabel = new QLabel;
    m_sourceLabel->setWordWrap(true);
    m_folds = new QSpinBox;
    m_folds->setRange(2, 50);
    m_folds->setValue(5);
    m_folds->setToolTip(tr("k: each fold is held out once while the others train"));
    m_repeats = new QSpinBox;
    m_repeats->setRange(1, 20);
    m_repeats->setValue(1);
    m_repeats->setToolTip(tr("Repeat the k folds with fresh shuffles of the rows"));
    m_run = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run"));
    m_run->setDefault(true);
    m_run->setToolTip(tr("Train one network per fold on all cores, beside the baselines"));
    m_cancel = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Cancel"));
    m_importance = new QCheckBox(tr("Compute feature importance"));
    m_importance->setToolTip(
        tr("After training, shuffle each input column on every fold's own held-out rows (5 "
           "times) and pool the score drops over the folds"));
    m_log = new QCheckBox(tr("Log scale"));
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(14);
    m_status = new QLabel;
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Folds:")));
    controls->addWidget(m_folds);
    controls->addSpacing(8);
    controls->addWidget(new QLabel(tr("Repeats:")));
    controls->addWidget(m_repeats);
    controls->addSpacing(8);
    controls->addWidget(m_importance);
    controls->addSpacing(8);
    controls->addWidget(m_run);
    controls->addWidget(m_cancel);
    controls->addSpacing(12);
    controls->addWidget(m_progress, 1);
    controls->addSpacing(12);
    controls->addWidget(m_log);

    m_staleBar = new QFrame;
    m_staleBar->setObjectName(QStringLiteral("cvStaleBar"));
    m_staleBar->setFrameShape(QFrame::StyledPanel);
    m_staleBar->setAutoFillBackground(true);
    m_staleText = new QLabel;
    m_staleText->setWordWrap(true);
    m_staleText->setTextFormat(Qt::PlainText);
    auto* rerun = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Re-run"));
    rerun->setToolTip(tr("Cross-validate the current data and settings"));
    auto* clear = new QPushButton(tr("Clear"));
    auto* staleLayout = new QHBoxLayout(m_staleBar);
    staleLayout->setContentsMargins(8, 4, 8, 4);
    staleLayout->addWidget(m_staleText, 1);
    staleLayout->addWidget(rerun);
    staleLayout->addWidget(clear);
    restyleBanner();

    m_chart = new CvChart;
    m_table = new CvTable;
    m_importanceView = new CvImportanceView;
    m_importanceView->setVisible(false);
    m_verdict = new QLabel;
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);
    m_warnings = new QLabel;
    m_warnings->setWordWrap(true);
    auto* lower = new QWidget;
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_table, 1);
    lowerLayout->addWidget(m_verdict);
    lowerLayout->addWidget(m_warnings);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_chart);
    splitter->addWidget(lower);
    splitter->addWidget(m_importanceView);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 2);
    splitter->setSizes({420, 260});
    splitter->setChildrenCollapsible(false);

    m_saveTable = new QPushButton(tr("Save Table…"));
    m_saveTable->setToolTip(tr("The fold metrics and their mean and sd as CSV"));
    m_saveChart = new QPushButton(tr("Save Chart…"));
    m_saveChart->setToolTip(tr("The chart as PNG or SVG"));
    auto* closeButton = new QPushButton(tr("Close"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_saveTable);
    buttons->addWidget(m_saveChart);
    buttons->addWidget(closeButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_sourceLabel);
    layout->addLayout(controls);
    layout->addWidget(m_staleBar);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);
    resize(980, 800);

    connect(m_run, &QPushButton::clicked, this, &CvWindow::run);
    connect(rerun, &QPushButton::clicked, this, &CvWindow::run);
    connect(m_cancel, &QPushButton::clicked, this, &CvWindow::cancel);
    connect(clear, &QPushButton::clicked, this, &CvWindow::clearResults);
    connect(m_log, &QCheckBox::toggled, m_chart, &CvChart::setLogScale);
    connect(m_saveTable, &QPushButton::clicked, this, &CvWindow::chooseTableFile);
    connect(m_saveChart, &QPushButton::clicked, this, &CvWindow::chooseChartFile);
    connect(closeButton, &QPushButton::clicked, this, &QWidget::close);
    connect(m_importanceView, &CvImportanceView::saved, m_status, &QLabel::setText);
}

void CvWindow::setSource(const CvSource& source) {
    m_source = source;
    m_importanceView->setLoadedPath(source.path);
    updateState();
}

void CvWindow::setLogScale(bool on) { m_log->setChecked(on); }

bool CvWindow::isStale() const { return m_resultSource && !sameSource(*m_resultSource, m_source); }

QString CvWindow::verdict() const { return m_verdict->text(); }
QString CvWindow::statusText() const { return m_status->text(); }

void CvWindow::updateState() {
    const bool running = m_runner->isRunning();
    const bool haveData = m_source.table != nullptr;
    m_sourceLabel->setText(haveData ? tr("Cross-validates <b>%1</b> with the main window's "
                                         "columns, encoding and hyperparameters.")
                                          .arg(m_source.description.toHtmlEscaped())
                                    : tr("Open a CSV file in the main window first."));
    m_run->setEnabled(haveData && !running);
    m_cancel->setEnabled(running);
    m_folds->setEnabled(!running);
    m_repeats->setEnabled(!running);
    m_importance->setEnabled(!running);
    m_saveTable->setEnabled(m_result.has_value() && !running);
    m_saveChart->setEnabled(m_chart->foldCount() > 0 && !running);
    const bool stale = isStale();
    if (stale)
        m_staleText->setText(
            (running ? tr("This run cross-validates %1; the main window's data, columns or "
                          "settings have changed since it started.")
                     : tr("These results belong to %1; the main window's data, columns or "
                          "settings have changed since."))
                .arg(m_resultSource->description));
    m_staleBar->setVisible(stale);
}

bool CvWindow::run() {
    if (m_runner->isRunning()) return false;
    if (!m_source.table) {
        m_status->setText(tr("Open a CSV file in the main window first."));
        return false;
    }
    if (const std::string problem = m_source.config.validate(); !problem.empty()) {
        m_status->setText(QString::fromStdString(problem));
        return false;
    }
    CvRequest request{m_source.table,           m_source.selection, m_source.config,
                      m_folds->value(),         m_repeats->value(), m_jobs,
                      m_importance->isChecked()};
    clearResults();
    m_resultSource = m_source;
    m_chart->beginRun(m_folds->value() * m_repeats->value());
    m_runner->run(request);
    updateState();
    return true;
}

void CvWindow::cancel() {
    if (!m_runner->isRunning()) return;
    m_runner->cancel();
    m_status->setText(tr("Cancelling: the folds stop after their current epoch…"));
}

void CvWindow::clearResults() {
    if (m_runner->isRunning()) return;
    m_result.reset();
    m_resultSource.reset();
    m_chart->clear();
    m_table->clearResult();
    m_importanceView->clear();
    m_importanceView->setVisible(false);
    m_verdict->clear();
    m_warnings->clear();
    m_progress->setValue(0);
    m_status->clear();
    updateState();
}

void CvWindow::showProgress() {
    // Epochs done, a finished fold counting in full (early stopping ends some sooner).
    const int folds = int(m_foldEpochs.size());
    if (folds == 0 || m_epochsPerFold <= 0) return;
    std::vector<int> sorted = m_foldEpochs;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    long done = 0;
    for (int i = 0; i < folds; ++i)
        done +=
            i < m_foldsDone ? m_epochsPerFold : std::min(sorted[std::size_t(i)], m_epochsPerFold);
    const double fraction = std::clamp(double(done) / double(m_totalEpochs), 0.0, 1.0);
    m_progress->setValue(int(std::lround(fraction * 1000)));
    QString text = tr("%1 of %2 folds done").arg(m_foldsDone).arg(folds);
    const double elapsed = double(m_clock->elapsed()) / 1000;
    if (fraction > 0.02 && fraction < 1)
        text += tr(" · about %1 left").arg(duration(elapsed * (1 - fraction) / fraction));
    m_status->setText(text);
}

void CvWindow::finish(const CvOutcome& outcome) {
    if (outcome.runId != m_runId) return;
    const CrossValidation& cv = outcome.cv;
    if (!outcome.error.isEmpty()) {
        m_status->setText(tr("Cross-validation could not run: %1").arg(outcome.error));
        m_resultSource.reset();
    } else if (cv.cancelled) {
        const auto finished = std::count_if(cv.folds.begin(), cv.folds.end(),
                                            [](const FoldOutcome& f) { return f.seconds > 0; });
        m_status->setText(tr("Cancelled; %1 of %2 folds had started. No table: the metrics need "
                             "every fold.")
                              .arg(finished)
                              .arg(cv.folds.size()));
    } else {
        m_result = cv;
        m_chart->setTask(cv.task);
        m_chart->setBaselines(meanOf(cv, &FoldOutcome::majority), meanOf(cv, &FoldOutcome::linear));
        m_table->showResult(cv);
        m_verdict->setText(cvVerdict(cv));
        if (outcome.importance) {
            m_importanceView->setResult(*outcome.importance, int(cv.folds.size()));
            m_importanceView->setVisible(true);
        }
        QStringList warnings;
        for (const auto& w : cv.warnings) warnings << QString::fromStdString(w);
        m_warnings->setText(warnings.isEmpty() ? QString()
                                               : tr("Warnings: %1").arg(warnings.join("; ")));
        m_progress->setValue(m_progress->maximum());
        m_status->setText(tr("%1 folds in %2")
                              .arg(cv.folds.size())
                              .arg(duration(double(m_clock->elapsed()) / 1000)));
    }
    updateState();
    emit runFinished(outcome.error.isEmpty() && !cv.cancelled);
}

QString CvWindow::saveTableTo(const QString& path) {
    if (!m_result) return tr("Nothing to save yet: run the cross-validation first.");
    if (QString refused = refuseLoadedInput(path, m_source.path); !refused.isEmpty())
        return refused;
    return writeFileAtomically(path, cvTableCsv(*m_result));
}

QString CvWindow::saveChartTo(const QString& path) {
    if (QString refused = refuseLoadedInput(path, m_source.path); !refused.isEmpty())
        return refused;
    return saveWidgetImage(m_chart, path);
}

void CvWindow::chooseTableFile() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Table"), QFileInfo(m_source.path).completeBaseName() + "-cv.csv",
        tr("CSV file (*.csv)"));
    if (path.isEmpty()) return;
    const QString error = saveTableTo(path);
    m_status->setText(error.isEmpty() ? tr("Saved the table to %1").arg(path) : error);
}

void CvWindow::chooseChartFile() {
    QString selected;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save Chart"), QFileInfo(m_source.path).completeBaseName() + "-cv.png",
        chartImageFilters(), &selected);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += selected.contains("svg") ? ".svg" : ".png";
    const QString error = saveChartTo(path);
    m_status->setText(error.isEmpty() ? tr("Saved the chart to %1").arg(path) : error);
}

void CvWindow::closeEvent(QCloseEvent* event) {
    // Closing the window stops its run: nothing trains where nobody watches.
    m_runner->cancel();
    QWidget::closeEvent(event);
}

void CvWindow::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) restyleBanner();
}

void CvWindow::restyleBanner() {
    const QPalette app = QApplication::palette();
    QPalette p = m_staleBar->palette();
    p.setColor(QPalette::Window, tinted(QColor(240, 190, 40), app));
    p.setColor(QPalette::WindowText, app.color(QPalette::WindowText));
    if (p != m_staleBar->palette()) m_staleBar->setPalette(p);
}

}  // namespace bps
