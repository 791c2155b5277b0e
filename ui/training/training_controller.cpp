#include "ui/training/training_controller.h"

#include <algorithm>

#include "core/data/date_parts.h"

namespace bps {

namespace {
// The table columns a model reads, in order: its features, a date's parts ("Year:year",
// "Year:day_of_week") given as the one date column they come from, as a selection names it.
std::vector<std::string> rawColumns(const Model& m) {
    if (!m.preprocessing || m.preprocessing->dates.empty()) return m.features;
    std::vector<std::string> out;
    for (const std::string& f : m.features) {
        std::string column = f;
        for (const DateExpansion& d : m.preprocessing->dates)
            for (DatePart p : d.parts)
                if (datePartColumn(d.column, p) == f) column = d.column;
        if (std::find(out.begin(), out.end(), column) == out.end()) out.push_back(column);
    }
    return out;
}
}  // namespace

TrainingController::TrainingController(QObject* parent)
    : QObject(parent), m_thread(new TrainingThread(this)) {
    qRegisterMetaType<bps::TrainingController::State>();
    // The window may fall behind a fast run: the thread then merges epochs instead of queueing
    // deliveries (onEpochs acknowledges each one), so a close or stop is never stuck behind them.
    m_thread->setAwaitAcknowledgement(true);
    connect(m_thread, &TrainingThread::trainingStarted, this, &TrainingController::onStarted);
    connect(m_thread, &TrainingThread::epochsAvailable, this, &TrainingController::onEpochs);
    connect(m_thread, &TrainingThread::diagnosisAvailable, this,
            [this](const DiagnosisUpdate& update) {
                if (update.runId != m_runId) return;
                m_diagnosis = update;
                m_diagnosis.epoch += m_epochOffset;
                emit diagnosisUpdated(m_diagnosis);
            });
    // The state follows what the thread did, not what was asked: a pause takes effect at the
    // next epoch boundary, and a run may finish before it gets there.
    connect(m_thread, &TrainingThread::paused, this, [this](int runId) {
        if (runId == m_runId && m_state == State::Running) setState(State::Paused);
    });
    connect(m_thread, &TrainingThread::resumed, this, [this](int runId) {
        if (runId == m_runId && m_state == State::Paused) setState(State::Running);
    });
    connect(m_thread, &TrainingThread::weightsAvailable, this,
            [this](int runId, const ModelPtr& model) {
                m_thread->acknowledgeWeights();  // a stale run's too, or snapshots would stop
                if (runId == m_runId) emit weightsAvailable(model);
            });
    connect(m_thread, &TrainingThread::snapshotReady, this, &TrainingController::onResult);
    connect(m_thread, &TrainingThread::trainingFinished, this, &TrainingController::onResult);
    connect(m_thread, &TrainingThread::trainingFailed, this,
            [this](int runId, const QString& message) {
                if (runId != m_runId) return;
                setState(State::Idle);
                emit failed(message);
            });
}

QString TrainingController::start(const LoadedDataPtr& data, const DataSelection& selection,
                                  const TrainingConfig& config) {
    if (!data) return tr("Open a CSV file first.");
    if (selection.target.empty()) return tr("Choose a target column in the Data tab.");
    if (selection.features.empty())
        return tr("Choose at least one feature column in the Data tab.");
    if (const std::string problem = config.validate(); !problem.empty())
        return QString::fromStdString(problem);

    m_continuing = willContinue(selection, config);
    m_freshNext = false;
    if (m_continuing && !m_history.empty()) {
        m_epochOffset = m_history.back().epoch;
        m_secondsOffset = m_history.back().seconds;
    } else {
        m_epochOffset = 0;
        m_secondsOffset = 0;
    }
    m_epochLimit = config.epochs;
    m_rate = 0;
    // The table is shared, not copied: it is immutable once loaded.
    std::shared_ptr<const CsvTable> table(data, &data->table);
    std::shared_ptr<const std::vector<ColumnKindInfo>> kinds(data, &data->kinds);
    m_runId = m_thread->startTraining(
        {table, kinds, selection, config, m_continuing ? m_model : nullptr, m_rangeTestRate});
    m_runSelection = selection;
    setState(State::Running);
    return {};
}

bool TrainingController::willContinue(const DataSelection& selection,
                                      const TrainingConfig& config) const {
    return !m_freshNext && canContinue(selection, config);
}

bool TrainingController::canContinue(const DataSelection& selection,
                                     const TrainingConfig& config) const {
    if (!m_model) return false;
    const Model& m = *m_model;
    if (m_modelSelection) {
        const DataSelection& before = *m_modelSelection;
        if (before.kinds != selection.kinds || before.expandDates != selection.expandDates ||
            before.encoding.missing != selection.encoding.missing ||
            before.encoding.minLevelCount != selection.encoding.minLevelCount)
            return false;
    }
    return m.target == selection.target && rawColumns(m) == selection.features &&
           m.config.hidden == config.hidden && m.config.activation == config.activation;
}

void TrainingController::pause() {
    if (m_state != State::Running) return;
    m_pauseRequested = true;
    m_thread->pause();  // stateChanged(Paused) follows when the thread has paused
}

void TrainingController::resume() {
    if (m_state == State::Idle) return;
    // Also cancels a pause the thread has not reached yet.
    m_pauseRequested = false;
    m_thread->resume();  // stateChanged(Running) follows when the thread goes on
}

void TrainingController::stop() {
    if (m_state == State::Idle) return;
    // The state turns Idle when the final result arrives, after the current mini-batch.
    m_thread->stop();
}

void TrainingController::shutdown() {
    m_thread->abort();
    setState(State::Idle);
}

void TrainingController::resetWeights() { m_freshNext = true; }

void TrainingController::setModel(std::shared_ptr<const Model> model) {
    m_model = std::move(model);
    m_modelSelection.reset();
    m_freshNext = false;
    m_history.clear();  // a loaded model starts a new curve
}

void TrainingController::setLive(const LiveHyperparameters& live) { m_thread->setLive(live); }

void TrainingController::setEpochLimit(int epochs) {
    m_epochLimit = epochs;
    m_thread->setEpochLimit(epochs);
}

void TrainingController::setState(State state) {
    if (state != State::Running) m_pauseRequested = false;
    if (state == m_state) return;
    m_state = state;
    emit stateChanged(state);
}

void TrainingController::onStarted(const TrainingStart& info) {
    if (info.runId != m_runId) return;
    // Weights from a model file continue, but there is no curve to continue yet.
    const bool continuesCurve = m_continuing && !m_history.empty();
    if (!continuesCurve) m_history.clear();
    m_diagnosis = DiagnosisUpdate{info.runId, m_epochOffset, StopReason::Running, {}};
    emit runStarted(info, continuesCurve);
}

void TrainingController::onEpochs(int runId, const QList<EpochReport>& reports,
                                  const HealthBatchPtr& health) {
    // Every delivery is acknowledged, a stale run's too, or the thread would wait for it.
    m_thread->acknowledgeDelivery();
    if (runId != m_runId || reports.isEmpty()) return;
    // Shared with the thread's list unless a continued curve shifts it.
    QList<EpochReport> shifted = reports;
    if (m_epochOffset != 0 || m_secondsOffset != 0)
        for (EpochReport& r : shifted) {
            r.epoch += m_epochOffset;
            r.seconds += m_secondsOffset;
        }
    const double secondsBefore = m_history.empty() ? m_secondsOffset : m_history.back().seconds;
    // Read through const: a non-const access to a shared QList detaches (copies) it.
    const QList<EpochReport>& read = shifted;
    m_lastReport = read.back();
    if (health && health->epochs() == static_cast<std::size_t>(read.size())) {
        const auto layers = health->epoch(health->epochs() - 1);
        m_lastReport.layers.assign(layers.begin(), layers.end());
    }
    // A long run sends millions of reports: the history keeps a bounded sample.
    for (const EpochReport& r : read) m_history.append(r);
    const EpochReport& last = m_history.back();
    const double dt = last.seconds - secondsBefore;
    const int epochs = static_cast<int>(read.size());
    if (dt > 0) {
        const double rate = epochs / dt;
        m_rate = m_rate > 0 ? 0.8 * m_rate + 0.2 * rate : rate;  // smooth the display
    }
    emit epochsAdded(shifted, health);
    emit progressChanged(last.epoch, plannedEpochs(), m_rate, last.seconds);
}

void TrainingController::onResult(const TrainingResultPtr& result) {
    if (!result || result->runId != m_runId) return;
    m_model = std::make_shared<const Model>(result->model);
    m_modelSelection = m_runSelection;
    if (result->final) setState(State::Idle);
    emit resultAvailable(result);
}

}  // namespace bps
