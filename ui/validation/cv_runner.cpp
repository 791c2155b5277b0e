#include "ui/validation/cv_runner.h"

#include <QMutex>
#include <QMutexLocker>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <exception>

#include "core/explain/cv_importance.h"

namespace bps {

namespace {
// Roughly a display frame at 30 Hz, as TrainingThread delivers.
constexpr int kDeliveryIntervalMs = 33;
}  // namespace

// What a run's workers and the UI both touch: the epoch buffer and the fold count (under the
// mutex) and the cancel flag.
struct CvRunner::Shared {
    QMutex mutex;
    QList<CvEpoch> epochs;
    int foldsDone = 0;
    int folds = 0;
    std::atomic<bool> cancel{false};
};

CvRunner::CvRunner(QObject* parent) : QObject(parent) {
    qRegisterMetaType<bps::CvEpoch>();
    qRegisterMetaType<QList<bps::CvEpoch>>();
    qRegisterMetaType<bps::CvOutcome>();
    // The pool only holds the job that calls crossValidate, which starts the fold threads.
    m_pool.setMaxThreadCount(1);
    m_timer.setInterval(kDeliveryIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &CvRunner::deliver);
    connect(&m_watcher, &QFutureWatcher<CvOutcome>::finished, this, [this] {
        m_timer.stop();
        deliver();
        m_running = false;
        CvOutcome outcome = m_watcher.future().resultCount() > 0 ? m_watcher.result() : CvOutcome{};
        outcome.runId = m_runId;
        emit finished(outcome);
    });
}

CvRunner::~CvRunner() {
    disconnect(&m_watcher, nullptr, this, nullptr);
    cancel();
    m_pool.waitForDone();
}

int CvRunner::run(const CvRequest& request) {
    if (m_running) return 0;
    m_running = true;
    const int runId = ++m_runId;
    m_shared = std::make_shared<Shared>();
    m_lastDone = 0;
    m_shared->folds = request.folds * request.repeats;
    auto job = [request, shared = m_shared, observe = m_observer]() -> CvOutcome {
        CvOutcome out;
        try {
            const Dataset data = prepareDataset(*request.table, request.selection);
            for (const auto& c : data.classes) out.classes << QString::fromStdString(c);
            CrossValidationOptions options;
            options.folds = request.folds;
            options.repeats = request.repeats;
            options.jobs = request.jobs;
            options.stopRequested = [&shared] { return shared->cancel.load(); };
            options.progress = [&shared](int done, int total) {
                const QMutexLocker lock(&shared->mutex);
                shared->foldsDone = done;
                shared->folds = total;
                return true;
            };
            options.onEpoch = [&shared, &observe](int fold, const EpochReport& r) {
                const CvEpoch e{fold, r.epoch, r.trainLoss, r.validationLoss};
                {
                    const QMutexLocker lock(&shared->mutex);
                    shared->epochs.append(e);
                }
                if (observe) observe(e, shared->cancel.load());
            };
            if (request.importance) {
                ImportanceOptions importance;
                importance.seed = request.config.seed;
                CvImportance r =
                    crossValidateWithImportance(data, request.config, options, importance);
                out.cv = std::move(r.cv);
                out.importance = std::move(r.pooled);
            } else {
                out.cv = crossValidate(data, request.config, options);
            }
        } catch (const std::exception& e) {
            out.error = QString::fromStdString(e.what());
        }
        return out;
    };
    m_watcher.setFuture(QtConcurrent::run(&m_pool, job));
    m_timer.start();
    emit started(runId, m_shared->folds, request.config.epochs);
    return runId;
}

void CvRunner::cancel() {
    if (m_shared) m_shared->cancel.store(true);
}

void CvRunner::deliver() {
    if (!m_shared) return;
    QList<CvEpoch> epochs;
    int done = 0, folds = 0;
    {
        const QMutexLocker lock(&m_shared->mutex);
        epochs.swap(m_shared->epochs);
        done = m_shared->foldsDone;
        folds = m_shared->folds;
    }
    if (!epochs.isEmpty()) emit epochsAvailable(m_runId, epochs);
    if (done != m_lastDone) emit progressChanged(m_runId, m_lastDone = done, folds);
}

}  // namespace bps
