#include "ui/training/training_thread.h"

#include <QMutexLocker>
#include <chrono>
#include <exception>
#include <optional>
#include <utility>

#include "core/training/model_weights.h"

namespace bps {

namespace {
// Roughly a display frame at 30 Hz: faster epochs are batched, slower ones go out one by one.
constexpr auto kEmitInterval = std::chrono::milliseconds(33);
}  // namespace

TrainingThread::TrainingThread(QObject* parent) : QThread(parent) {
    qRegisterMetaType<bps::TrainingStart>();
    qRegisterMetaType<bps::EpochReport>();
    qRegisterMetaType<QList<bps::EpochReport>>();
    qRegisterMetaType<bps::HealthBatchPtr>();
    qRegisterMetaType<bps::TrainingResultPtr>();
    qRegisterMetaType<bps::DiagnosisUpdate>();
    qRegisterMetaType<bps::ModelPtr>();
}

TrainingThread::~TrainingThread() {
    abort();
    wait();
    // The worker's last act is to release m_mutex (run() seeing no request). wait() learns of
    // the end through Qt's own lock, which ThreadSanitizer cannot see in Debian's Qt; taking
    // m_mutex once more states that order where it can, so destroying what the worker wrote
    // (the mutex itself, queued events it posted) is not reported as a race.
    const QMutexLocker lock(&m_mutex);
}

void TrainingThread::abort() {
    QMutexLocker lock(&m_mutex);
    m_abort = true;
    m_hasRequest = false;
    if (m_trainer) m_trainer->requestStop();
    m_condition.notify_all();
}

int TrainingThread::startTraining(const TrainingRequest& request) {
    QMutexLocker lock(&m_mutex);
    m_request = request;
    m_hasRequest = true;
    m_paused = false;
    m_liveChanged = false;
    m_epochLimit = 0;
    const int runId = ++m_runCounter;
    if (m_busy) {
        // run() picks the request up as soon as the current run has ended.
        m_superseded = true;
        if (m_trainer) m_trainer->requestStop();
        m_condition.notify_all();
        return runId;
    }
    m_busy = true;
    lock.unlock();
    wait();  // a previous run() has at most its `return` left
    start();
    return runId;
}

void TrainingThread::setLive(const LiveHyperparameters& live) {
    QMutexLocker lock(&m_mutex);
    m_live = live;
    m_liveChanged = true;
}

void TrainingThread::setEpochLimit(int epochs) {
    QMutexLocker lock(&m_mutex);
    m_epochLimit = epochs;
}

void TrainingThread::pause() {
    QMutexLocker lock(&m_mutex);
    m_paused = true;
}

void TrainingThread::resume() {
    QMutexLocker lock(&m_mutex);
    m_paused = false;
    m_condition.notify_all();
}

void TrainingThread::stop() {
    QMutexLocker lock(&m_mutex);
    m_hasRequest = false;  // a stop also cancels a request that has not started yet
    m_stop = true;
    if (m_trainer) m_trainer->requestStop();
    m_condition.notify_all();
}

bool TrainingThread::isPaused() const {
    QMutexLocker lock(&m_mutex);
    return m_paused;
}

void TrainingThread::setClock(Clock clock) {
    QMutexLocker lock(&m_mutex);
    m_clock = clock ? std::move(clock) : steadyClock();
}

bool TrainingThread::endRequested() const { return m_stop || m_abort || m_superseded; }

void TrainingThread::run() {
    forever {
        TrainingRequest request;
        int runId = 0;
        {
            QMutexLocker lock(&m_mutex);
            if (!m_hasRequest || m_abort) {
                m_busy = false;
                return;
            }
            request = std::exchange(m_request, {});
            m_hasRequest = false;
            runId = m_runCounter;
            m_stop = false;
            m_superseded = false;
        }
        train(request, runId);
    }
}

void TrainingThread::train(const TrainingRequest& request, int runId) {
    std::unique_ptr<Trainer> trainer;
    QStringList classes;
    try {
        // The Dataset is built here, not in the UI: a million rows must not freeze the window.
        // It is dropped once the Trainer has made its own scaled copy.
        const Dataset data = request.kinds
                                 ? prepareDataset(*request.table, request.selection, *request.kinds)
                                 : prepareDataset(*request.table, request.selection);
        trainer = std::make_unique<Trainer>(data, request.config, request.start.get());
        trainer->setRangeTestRate(request.rangeTestRate);
        for (const auto& name : data.classes) classes << QString::fromStdString(name);
    } catch (const std::exception& e) {
        if (!endRequested()) emit trainingFailed(runId, QString::fromStdString(e.what()));
        return;
    }
    Clock clock;
    {
        QMutexLocker lock(&m_mutex);
        m_trainer = trainer.get();
        clock = m_clock;
        if (endRequested()) trainer->requestStop();
    }
    // Whichever way this function ends, the pointer is cleared before the Trainer is destroyed.
    struct Detach {
        TrainingThread* self;
        ~Detach() {
            QMutexLocker lock(&self->m_mutex);
            self->m_trainer = nullptr;
        }
    } detach{this};

    TrainingStart info;
    info.runId = runId;
    info.baselineLoss = trainer->baselineLoss();
    info.epochs = trainer->config().epochs;
    info.task = trainer->task();
    info.trainRows = static_cast<qint64>(trainer->split().train.size());
    info.validationRows = static_cast<qint64>(trainer->split().validation.size());
    info.classes = classes;
    for (const auto& w : trainer->warnings()) info.warnings << QString::fromStdString(w);
    emit trainingStarted(info);

    try {
        loop(*trainer, runId, clock);
    } catch (const std::exception& e) {
        // Out of memory on a huge data set, say: report it rather than take the app down.
        if (!endRequested()) emit trainingFailed(runId, QString::fromStdString(e.what()));
    }
}

void TrainingThread::loop(Trainer& trainer, int runId, const Clock& clock) {
    QList<EpochReport> pending;
    auto health = std::make_shared<HealthBatch>();
    // The clock is read once after each epoch and nowhere else, so a simulated clock that moves
    // on by a fixed step per reading is a simulated epoch duration. A delivery, whatever its
    // cause (the interval, pause, stop, finish), is stamped with the time of its last epoch;
    // the first epoch of a run goes out at once.
    std::optional<SteadyTime> lastDelivery, lastWeights;
    SteadyTime latest;
    // The diagnosis is a few comparisons over the last 50 epochs: cheap enough to send with
    // every batch, so the panel follows the run live.
    const auto diagnosis = [&] {
        return DiagnosisUpdate{runId, trainer.epoch(),
                               trainer.finished() ? trainer.stopReason() : StopReason::Running,
                               trainer.diagnose()};
    };
    const auto flush = [&] {
        if (pending.isEmpty()) return;
        if (m_awaitAck) m_unacknowledged.fetch_add(1);
        emit epochsAvailable(runId, pending, health);
        emit diagnosisAvailable(diagnosis());
        // A fresh list, not clear(): once the receiver has dropped its copy, clear() would reuse
        // the buffer it read, ordered only by Qt's (uninstrumented) reference count.
        pending = QList<EpochReport>();
        health = std::make_shared<HealthBatch>();
        lastDelivery = latest;
    };

    while (!trainer.finished() && !endRequested()) {
        bool liveChanged = false;
        LiveHyperparameters live;
        int epochLimit = 0;
        {
            QMutexLocker lock(&m_mutex);
            if (m_paused) {
                lock.unlock();
                flush();
                emit snapshotReady(makeResult(trainer, runId, false));
                emit paused(runId);
                lock.relock();
                m_condition.wait(m_mutex, [this] { return !m_paused || endRequested(); });
                if (endRequested()) break;
                lock.unlock();
                emit resumed(runId);
                lock.relock();
            }
            liveChanged = std::exchange(m_liveChanged, false);
            live = m_live;
            epochLimit = std::exchange(m_epochLimit, 0);
        }
        if (liveChanged) trainer.setLive(live);
        if (epochLimit > 0) trainer.setEpochLimit(epochLimit);
        {
            // The report's vectors are freed here, on the thread that allocated them.
            const EpochReport report = trainer.runEpoch();
            health->append(report.layers);
            pending.append(scalarsOf(report));
        }
        latest = clock();
        // A receiver still busy with an earlier delivery gets this one merged into the next.
        const bool receiverReady = !m_awaitAck || m_unacknowledged.load() <= 0;
        if (receiverReady && (!lastDelivery || latest - *lastDelivery >= kEmitInterval)) flush();
        const std::chrono::milliseconds weightsInterval(m_weightsInterval.load());
        if (weightsInterval.count() > 0 && !m_weightsInFlight &&
            (!lastWeights || latest - *lastWeights >= weightsInterval)) {
            m_weightsInFlight = true;
            lastWeights = latest;
            emit weightsAvailable(
                runId, std::make_shared<const Model>(modelWeights(
                           trainer.network(), trainer.trainingData(), trainer.config())));
        }
    }
    flush();
    // Closing the window or a newer run: nobody is waiting for this result, so skip its cost.
    if (m_abort || m_superseded) return;
    emit trainingFinished(makeResult(trainer, runId, true));
}

TrainingResultPtr TrainingThread::makeResult(const Trainer& trainer, int runId, bool final) const {
    auto result = std::make_shared<TrainingResult>();
    result->runId = runId;
    result->final = final;
    result->epoch = trainer.epoch();
    result->reason = trainer.finished() ? trainer.stopReason() : StopReason::Stopped;
    if (!final) result->reason = StopReason::Running;
    result->divergence = QString::fromStdString(trainer.divergence());
    result->model = trainer.model();
    result->validationOutputs = trainer.validationOutputs();
    result->validationTargets = trainer.validationTargets();
    return result;
}

}  // namespace bps
