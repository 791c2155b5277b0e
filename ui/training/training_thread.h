#pragma once
// The worker that runs bps::Trainer (Qt's Mandelbrot pattern, STYLE.md section 1). The Trainer
// lives only inside run(); the UI hands requests and live hyperparameters over under m_mutex and
// gets values back through queued signals. Epoch reports are batched: at most one
// epochsAvailable per 33 ms whatever the epoch rate, always flushed on pause, stop and finish.
// The 33 ms are measured on an injectable clock (setClock), so tests run on simulated time.
// A receiver that may fall behind (the window under load) turns on setAwaitAcknowledgement and
// calls acknowledgeDelivery() for each epochsAvailable it has handled: until then the thread
// keeps collecting epochs instead of queueing more deliveries, so the GUI thread's event queue
// never holds more than a delivery or two and a close or stop behind them is seen at once.

#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <QThread>
#include <atomic>
#include <condition_variable>
#include <memory>

#include "core/base/clock.h"
#include "core/csv/csv_reader.h"
#include "core/data/dataset.h"
#include "core/model/model.h"
#include "core/training/trainer.h"
#include "ui/training/health_batch.h"

namespace bps {

struct TrainingRequest {
    std::shared_ptr<const CsvTable> table;
    // The table's kinds as inferred on loading (LoadedData::kinds), so that a Start does not
    // sort every column again; null or empty: inferred here.
    std::shared_ptr<const std::vector<ColumnKindInfo>> kinds;
    DataSelection selection;
    TrainingConfig config;
    std::shared_ptr<const Model> start;  // continue from these weights; null: fresh weights
    double rangeTestRate = kNaN;         // the range test's suggestion for this data, if it ran
};

// Sent once a run's Trainer exists: what the chart and the status bar need up front.
struct TrainingStart {
    int runId = 0;
    double baselineLoss = kNaN;
    int epochs = 0;
    Task task = Task::Binary;
    QStringList classes;
    QStringList warnings;
    qint64 trainRows = 0;
    qint64 validationRows = 0;
};

// The network at a point in time with its validation outputs, for the results panel and export.
struct TrainingResult {
    int runId = 0;
    bool final = false;  // false: a snapshot taken on pause
    // An opened model's validation rows found again (ui/training/held_out_result.h), not a run.
    bool reopened = false;
    int epoch = 0;
    StopReason reason = StopReason::Running;
    QString divergence;
    Model model;
    Eigen::MatrixXd validationOutputs;
    Eigen::VectorXd validationTargets;
};
using TrainingResultPtr = std::shared_ptr<const TrainingResult>;
using ModelPtr = std::shared_ptr<const Model>;

// The Trainer's diagnosis after `epoch` (sent with each batch of epoch reports and at the end).
struct DiagnosisUpdate {
    int runId = 0;
    int epoch = 0;
    StopReason reason = StopReason::Running;
    std::vector<Finding> findings;  // most important first; empty when healthy
};

class TrainingThread : public QThread {
    Q_OBJECT
public:
    explicit TrainingThread(QObject* parent = nullptr);
    // Stops the run and joins: closing the window never leaves a thread behind.
    ~TrainingThread() override;

    // Starts a run and returns its id. A run in progress is told to stop and the new request is
    // picked up as soon as it has; this never blocks on training.
    int startTraining(const TrainingRequest& request);
    // Picked up before the next epoch; the network and the optimiser state are kept.
    void setLive(const LiveHyperparameters& live);
    void setEpochLimit(int epochs);
    void pause();
    void resume();
    // Ends the run after the current mini-batch; a final result is still delivered.
    void stop();
    // Ends the run after the current mini-batch without computing a result, for shutting down:
    // the thread accepts no further requests.
    void abort();
    bool isPaused() const;
    // Where the delivery throttle reads the time (the steady clock unless set, or set empty):
    // read on the training thread only, exactly once after each epoch. Takes effect at the
    // next run.
    void setClock(Clock clock);
    // On: an interval delivery waits until every earlier epochsAvailable has been acknowledged
    // (pause, stop and the end still flush at once: they are one-offs). Any thread may call.
    void setAwaitAcknowledgement(bool on) { m_awaitAck = on; }
    // The receiver has handled one epochsAvailable (of any run). Any thread may call.
    void acknowledgeDelivery() { m_unacknowledged.fetch_sub(1); }
    // Deliveries sent and not yet acknowledged (with acknowledgement on).
    int unacknowledgedDeliveries() const { return m_unacknowledged.load(); }
    // Live weights for the decision map: after an epoch, when `interval` has passed on the
    // clock since the last snapshot and the last one was acknowledged (acknowledgeWeights), the
    // current weights go out as weightsAvailable. At most one is ever in flight, so a slow
    // receiver never builds a backlog. 0 (the default) sends none. Any thread may call.
    void setWeightsInterval(std::chrono::milliseconds interval) {
        m_weightsInterval = interval.count();
    }
    void acknowledgeWeights() { m_weightsInFlight = false; }

signals:
    void trainingStarted(const bps::TrainingStart& start);
    // `health` holds one entry per report, in the same order.
    void epochsAvailable(int runId, const QList<bps::EpochReport>& reports,
                         const bps::HealthBatchPtr& health);
    void diagnosisAvailable(const bps::DiagnosisUpdate& update);
    void paused(int runId);
    void resumed(int runId);
    void snapshotReady(bps::TrainingResultPtr result);
    void trainingFinished(bps::TrainingResultPtr result);
    void trainingFailed(int runId, const QString& message);
    void weightsAvailable(int runId, bps::ModelPtr model);

protected:
    void run() override;

private:
    void train(const TrainingRequest& request, int runId);
    // The epoch loop of one run: live changes, pause, throttled delivery, the final result.
    void loop(Trainer& trainer, int runId, const Clock& clock);
    // True when the current run should end (stop, abort or a newer request).
    bool endRequested() const;
    TrainingResultPtr makeResult(const Trainer& trainer, int runId, bool final) const;

    mutable QMutex m_mutex;
    // Waits on m_mutex itself. Not QWaitCondition: that one unlocks and relocks the mutex inside
    // Qt's uninstrumented library, so ThreadSanitizer would see the paused thread still holding
    // it and report false double locks and races; this behaves the same and is fully visible.
    std::condition_variable_any m_condition;
    // Guarded by m_mutex:
    TrainingRequest m_request;
    bool m_hasRequest = false;
    bool m_busy = false;  // run() is between its first and last look at m_hasRequest
    int m_runCounter = 0;
    bool m_paused = false;
    bool m_liveChanged = false;
    LiveHyperparameters m_live;
    int m_epochLimit = 0;           // 0: unchanged
    Trainer* m_trainer = nullptr;   // only for requestStop(), the one thread-safe call
    Clock m_clock = steadyClock();  // copied by each run as it starts
    // Read by the worker without the lock:
    std::atomic<bool> m_abort{false};
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_superseded{false};
    std::atomic<bool> m_awaitAck{false};
    std::atomic<int> m_unacknowledged{0};
    std::atomic<long long> m_weightsInterval{0};  // milliseconds
    std::atomic<bool> m_weightsInFlight{false};
};

}  // namespace bps

Q_DECLARE_METATYPE(bps::TrainingStart)
Q_DECLARE_METATYPE(bps::EpochReport)
Q_DECLARE_METATYPE(bps::TrainingResultPtr)
Q_DECLARE_METATYPE(bps::DiagnosisUpdate)
Q_DECLARE_METATYPE(bps::ModelPtr)
