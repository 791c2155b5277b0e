#include "ui/validation/sweep_window.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "core/base/errors.h"
#include "core/validation/parallel_runner.h"
#include "ui/charts/chart_palette.h"
#include "ui/validation/parallel_coordinates.h"
#include "ui/validation/sweep_results_model.h"
#include "ui/validation/sweep_runner.h"
#include "ui/validation/sweep_space_editor.h"

namespace bps {

namespace {
// As many trials as the window will start at once: a grid of a few lists multiplies quickly.
constexpr int kMaxTrials = 10000;
constexpr int kMaxFolds = 20;
constexpr int kMaxSeeds = 100;

QString duration(double seconds) {
    if (seconds < 90) return SweepWindow::tr("%1 s").arg(qRound(seconds));
    if (seconds < 5400) return SweepWindow::tr("%1 min").arg(qRound(seconds / 60));
    return SweepWindow::tr("%1 h").arg(seconds / 3600, 0, 'f', 1);
}
QString plural(int n, const QString& one, const QString& many) {
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}
}  // namespace

void SweepBrushProxy::setAccepted(std::optional<QSet<int>> trialIndices) {
    m_accepted = std::move(trialIndices);
    invalidateRowsFilter();
}

bool SweepBrushProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (!m_accepted) return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return m_accepted->contains(index.data(SweepResultsModel::kTrialRole).toInt());
}

SweepWindow::SweepWindow(std::function<std::optional<SweepBase>()> base, QWidget* parent)
    : QWidget(parent, Qt::Window),
      m_baseProvider(std::move(base)),
      m_runner(new SweepRunner(this)),
      m_model(new SweepResultsModel(this)),
      m_proxy(new SweepBrushProxy(this)) {
    setWindowTitle(tr("Sweep — Backprop Studio"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SweepResultsModel::kSortRole);
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->setChildrenCollapsible(false);
    auto* controls = new QScrollArea;
    controls->setWidget(buildControls());
    controls->setWidgetResizable(true);
    controls->setFrameShape(QFrame::NoFrame);
    controls->setMinimumWidth(controls->widget()->sizeHint().width() + 24);
    splitter->addWidget(controls);
    splitter->addWidget(buildResults());
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    resize(1280, 820);

    connect(m_runner, &SweepRunner::prepared, this, [this](Task task) {
        m_task = task;
        std::vector<SweepParameter> parameters;
        if (!m_runSettings.empty())
            for (const auto& [p, v] : m_runSettings.front().values) parameters.push_back(p);
        m_model->reset(parameters, task);
    });
    connect(m_runner, &SweepRunner::trialFinished, this, [this](const SweepTrial& trial) {
        m_model->upsert(trial);
        m_plot->upsert(trial);
        if (m_plot->hasBrush()) m_proxy->setAccepted(m_plot->brushedTrials());
    });
    connect(m_runner, &SweepRunner::progressChanged, this, &SweepWindow::onProgress);
    connect(m_runner, &SweepRunner::sweepFinished, this, &SweepWindow::onFinished);
    connect(m_editor, &SweepSpaceEditor::changed, this, &SweepWindow::updatePlan);
    refreshBase();
    updatePlan();
    updateButtons();
}

// The runner is a child: its destructor cancels the sweep and joins it.
SweepWindow::~SweepWindow() {
    if (m_retrainCancel) m_retrainCancel->store(true);
}

QWidget* SweepWindow::buildControls() {
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    m_dataLabel = new QLabel;
    m_dataLabel->setObjectName(QStringLiteral("sweepDataLabel"));
    m_dataLabel->setWordWrap(true);
    layout->addWidget(m_dataLabel);

    auto* spaceGroup = new QGroupBox(tr("Hyperparameters to try"));
    auto* spaceLayout = new QVBoxLayout(spaceGroup);
    m_editor = new SweepSpaceEditor;
    spaceLayout->addWidget(m_editor);
    layout->addWidget(spaceGroup);

    auto* searchGroup = new QGroupBox(tr("Search"));
    auto* form = new QFormLayout(searchGroup);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_search = new QComboBox;
    m_search->addItem(tr("Grid: every combination of the lists"));
    m_search->addItem(tr("Random: draw settings from lists and ranges"));
    m_randomCount = new QSpinBox;
    m_randomCount->setRange(1, kMaxTrials);
    m_randomCount->setValue(20);
    m_randomCount->setToolTip(
        tr("How many settings random search draws (with the seed of the "
           "main window's settings, so the draws repeat)."));
    m_folds = new QSpinBox;
    m_folds->setRange(0, kMaxFolds);
    m_folds->setSpecialValueText(tr("off: the validation split"));
    m_folds->setToolTip(
        tr("0 scores each trial by the validation split of the main window's "
           "settings; k >= 2 by the mean validation loss over k folds."));
    m_seeds = new QSpinBox;
    m_seeds->setRange(1, kMaxSeeds);
    m_seeds->setToolTip(
        tr("Trials per setting, with seeds seed, seed + 1, ...: the spread shows "
           "how much of a difference is luck."));
    m_prune = new QCheckBox(tr("Prune (successive halving)"));
    m_prune->setToolTip(
        tr("Every trial trains a fraction of its epochs; the best third go on, "
           "and so on to the end."));
    m_jobs = new QSpinBox;
    m_jobs->setRange(1, std::max(64, coreCount()));
    m_jobs->setValue(coreCount());
    m_jobs->setToolTip(tr("Trials trained at once, each on one thread (default: one per core)."));
    form->addRow(tr("Search"), m_search);
    form->addRow(tr("Random draws"), m_randomCount);
    form->addRow(tr("Folds"), m_folds);
    form->addRow(tr("Seeds per setting"), m_seeds);
    form->addRow(tr("Jobs"), m_jobs);
    form->addRow(QString(), m_prune);
    layout->addWidget(searchGroup);
    for (QSpinBox* spin : {m_randomCount, m_folds, m_seeds, m_jobs})
        connect(spin, &QSpinBox::valueChanged, this, &SweepWindow::updatePlan);
    connect(m_search, &QComboBox::currentIndexChanged, this, &SweepWindow::updatePlan);

    m_trialCount = new QLabel;
    m_trialCount->setWordWrap(true);
    layout->addWidget(m_trialCount);
    auto* buttons = new QHBoxLayout;
    m_runButton = new QPushButton(tr("Run Sweep"));
    m_runButton->setDefault(true);
    m_cancelButton = new QPushButton(tr("Cancel"));
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch();
    layout->addLayout(buttons);
    m_progress = new QProgressBar;
    m_progress->setFormat(tr("%v / %m"));
    layout->addWidget(m_progress);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    layout->addStretch();
    connect(m_runButton, &QPushButton::clicked, this, [this] {
        const QString error = run();
        if (!error.isEmpty()) m_status->setText(error);
    });
    connect(m_cancelButton, &QPushButton::clicked, this, &SweepWindow::cancel);
    return box;
}

void SweepWindow::refreshBase() {
    m_base = m_baseProvider ? m_baseProvider() : std::nullopt;
    if (m_base) {
        m_editor->setBase(m_base->config);
        QString text = tr("Sweeps <b>%1</b> with the main window's features, encoding and "
                          "settings; what is not varied below stays as set there.")
                           .arg(m_base->dataName.toHtmlEscaped());
        if (!sameDataAsRun())
            text += tr("<br>The results shown are from the sweep of <b>%1</b>.")
                        .arg(m_runBase->dataName.toHtmlEscaped());
        m_dataLabel->setText(text);
    } else {
        m_dataLabel->setText(tr("Open a data set in the main window to sweep it."));
    }
    updateButtons();
}

bool SweepWindow::sameDataAsRun() const {
    return !m_runBase || (m_base && m_base->loadedPath == m_runBase->loadedPath &&
                          m_base->dataName == m_runBase->dataName);
}

void SweepWindow::changeEvent(QEvent* event) {
    // Back from the main window, where the data, columns or settings may have changed.
    if (event->type() == QEvent::ActivationChange && isActiveWindow() && !isRunning()) {
        refreshBase();
        updatePlan();
    }
    QWidget::changeEvent(event);
}

std::vector<SweepSetting> SweepWindow::plannedSettings(QString* error) const {
    const bool random = m_search->currentIndex() == 1;
    const auto space = m_editor->space(random, error);
    if (!space) return {};
    try {
        std::vector<SweepSetting> settings;
        if (random) {
            settings = randomSettings(*space, m_randomCount->value(),
                                      m_base ? m_base->config.seed : TrainingConfig{}.seed);
        } else {
            // Count before expanding: a grid of many long lists must not be built to be refused.
            double count = 1;
            for (const SweepDimension& d : space->dimensions) count *= double(d.values.size());
            if (count * m_seeds->value() > kMaxTrials) {
                *error = tr("%1 trials is more than the window runs at once (%2): shorten the "
                            "lists or use random search.")
                             .arg(count * m_seeds->value(), 0, 'f', 0)
                             .arg(kMaxTrials);
                return {};
            }
            settings = gridSettings(*space);
        }
        const TrainingConfig base = m_base ? m_base->config : TrainingConfig{};
        for (const SweepSetting& s : settings) applySetting(base, s);  // each combination fits
        return settings;
    } catch (const DataError& e) {
        *error = QString::fromStdString(e.what());
        return {};
    }
}

int SweepWindow::plannedTrials() const {
    QString error;
    const auto settings = plannedSettings(&error);
    return error.isEmpty() ? int(settings.size()) * m_seeds->value() : 0;
}

void SweepWindow::updatePlan() {
    m_randomCount->setEnabled(m_search->currentIndex() == 1);
    QString error;
    const auto settings = plannedSettings(&error);
    if (error.isEmpty() && m_folds->value() == 1)
        error = tr("Cross-validation needs at least 2 folds (0 uses the validation split).");
    if (error.isEmpty() && int(settings.size()) * m_seeds->value() > kMaxTrials)
        error = tr("%1 trials is more than the window runs at once (%2).")
                    .arg(int(settings.size()) * m_seeds->value())
                    .arg(kMaxTrials);
    if (!error.isEmpty()) {
        m_trialCount->setStyleSheet(
            QStringLiteral("color: %1")
                .arg(cssColour(readable(QColor(0xd6, 0x27, 0x28), palette()))));
        m_trialCount->setText(error);
    } else {
        m_trialCount->setStyleSheet({});
        const int trials = int(settings.size()) * m_seeds->value();
        m_trialCount->setText(tr("<b>%1</b> (%2 × %3%4)")
                                  .arg(plural(trials, tr("trial"), tr("trials")),
                                       plural(int(settings.size()), tr("setting"), tr("settings")),
                                       plural(m_seeds->value(), tr("seed"), tr("seeds")),
                                       m_folds->value() >= 2
                                           ? tr(", each on %1 folds").arg(m_folds->value())
                                           : QString()));
    }
    updateButtons();
}

void SweepWindow::updateButtons() {
    const bool running = isRunning();
    m_runButton->setEnabled(!running && m_base && plannedTrials() > 0 && m_folds->value() != 1);
    m_cancelButton->setEnabled(running && !m_runner->isCancelling());
    m_editor->setEnabled(!running);
    for (QWidget* w : {static_cast<QWidget*>(m_search), static_cast<QWidget*>(m_folds),
                       static_cast<QWidget*>(m_seeds), static_cast<QWidget*>(m_jobs),
                       static_cast<QWidget*>(m_prune)})
        w->setEnabled(!running);
    m_randomCount->setEnabled(!running && m_search->currentIndex() == 1);
    const int trial = selectedTrial();
    m_useButton->setEnabled(trial >= 0 && m_runBase.has_value());
    // A model belongs to the data it was trained on.
    const bool best = m_result && m_result->bestModel && trial == m_result->bestTrial;
    m_openButton->setEnabled(m_result && trial >= 0 && sameDataAsRun() && !isRetraining());
    m_openButton->setText(isRetraining() ? tr("Training the model…") : tr("Open This Model"));
    m_openButton->setToolTip(
        best ? tr("Loads the best trial's model into the main window, as File > Open Model does.")
             : tr("Trains this trial's setting again (its seed, the same model) and loads it into "
                  "the main window, as File > Open Model does."));
    m_exportButton->setEnabled(m_result.has_value() && !running);
    m_compareButton->setEnabled(m_result && trial >= 0 && sameDataAsRun());
}

bool SweepWindow::isRunning() const { return m_runner->isRunning(); }

QString SweepWindow::run() {
    if (isRunning()) return tr("A sweep is running.");
    refreshBase();
    if (!m_base) return tr("Open a data set in the main window first.");
    if (m_folds->value() == 1) return tr("Cross-validation needs at least 2 folds.");
    if (const std::string problem = m_base->config.validate(); !problem.empty())
        return tr("The main window's settings are not usable: %1")
            .arg(QString::fromStdString(problem));
    QString error;
    std::vector<SweepSetting> settings = plannedSettings(&error);
    if (!error.isEmpty()) return error;
    SweepRequest request;
    request.table = m_base->table;
    request.selection = m_base->selection;
    request.base = m_base->config;
    request.settings = settings;
    request.options.folds = m_folds->value();
    request.options.seeds = m_seeds->value();
    request.options.jobs = m_jobs->value();
    request.options.prune = m_prune->isChecked();
    request.options.keepBestModel = true;
    m_runBase = m_base;
    m_runOptions = request.options;
    m_runSettings = settings;
    m_result.reset();
    m_model->reset({}, m_task);
    m_proxy->setAccepted(std::nullopt);
    m_runSpace = m_editor->space(m_search->currentIndex() == 1, &error).value_or(SweepSpace{});
    m_plot->setSpace(m_runSpace);
    updateCurves();
    m_progress->setRange(0, 0);
    m_progress->setValue(0);
    m_status->setText(tr("Preparing %1…").arg(m_base->dataName.toHtmlEscaped()));
    m_clock.start();
    m_runner->start(request);
    updateButtons();
    return {};
}

void SweepWindow::cancel() {
    if (!isRunning()) return;
    m_runner->cancel();
    m_status->setText(tr("Cancelling: the running trials stop after their current epoch…"));
    updateButtons();
}

void SweepWindow::onProgress(int done, int total) {
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    const double elapsed = m_clock.elapsed() / 1000.0;
    const double eta = done > 0 ? elapsed * (total - done) / done : 0;
    m_status->setText(tr("%1 of %2 done, %3 elapsed, about %4 left")
                          .arg(done)
                          .arg(total)
                          .arg(duration(elapsed), duration(eta)));
}

void SweepWindow::onFinished(const SweepOutcome& outcome) {
    // The outcome is the runner's last act: its thread is returning from run(). Joined here so
    // that isRunning() is false for the buttons below (Run was left disabled when the queued
    // outcome arrived before the thread had ended).
    m_runner->wait();
    m_progress->setRange(0, std::max(1, m_progress->maximum()));
    if (!outcome.error.isEmpty()) {
        m_status->setText(tr("The sweep could not run: %1").arg(outcome.error));
    } else {
        m_result = outcome.result;
        // The trials as core left them (the same values the signals carried, and the final ones).
        for (const SweepTrial& t : outcome.result.trials)
            if (t.epochs > 0) {
                m_model->upsert(t);
                m_plot->upsert(t);
            }
        m_model->setBest(outcome.result.bestTrial);
        if (m_plot->hasBrush()) m_proxy->setAccepted(m_plot->brushedTrials());
        const double seconds = m_clock.elapsed() / 1000.0;
        QString best = tr("no trial gave a finite score");
        if (outcome.result.bestTrial >= 0) {
            const SweepTrial& t = outcome.result.trials[std::size_t(outcome.result.bestTrial)];
            best = tr("best: trial %1, %2, score %3")
                       .arg(t.index + 1)
                       .arg(QString::fromStdString(t.values.describe()))
                       .arg(t.score, 0, 'g', 4);
        }
        m_status->setText(outcome.result.cancelled
                              ? tr("Cancelled after %1 with %2 trial(s) reported; %3.")
                                    .arg(duration(seconds))
                                    .arg(m_model->rowCount())
                                    .arg(best)
                              : tr("Done in %1: %2.").arg(duration(seconds), best));
        m_table->sortByColumn(m_model->scoreColumn(), Qt::AscendingOrder);
    }
    updateButtons();
    emit sweepEnded();
}

void SweepWindow::showEvent(QShowEvent* event) {
    if (!isRunning()) {
        refreshBase();
        updatePlan();
    }
    QWidget::showEvent(event);
}

void SweepWindow::closeEvent(QCloseEvent* event) {
    // Closing stops the sweep: nothing trains unseen behind a closed window.
    cancel();
    if (m_retrainCancel) m_retrainCancel->store(true);
    QWidget::closeEvent(event);
}

}  // namespace bps
