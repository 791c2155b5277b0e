#pragma once
// Runs a sweep (core/validation/sweep.h) off the UI thread. One QThread, one public entry
// (start), like Qt's Mandelbrot example: run() prepares the data set from the shared, immutable
// table and trains the trials on core's own worker threads. Core's callbacks become queued
// signals: one trialFinished per piece of work (so at most trials x rungs of them), progress
// at most ~30 times a second plus the last one. cancel() is an atomic flag core asks before every
// epoch, so each running trial stops after its current epoch; the destructor cancels and joins.

#include <QMetaType>
#include <QString>
#include <QThread>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/csv/csv_reader.h"
#include "core/data/dataset.h"
#include "core/validation/sweep.h"

namespace bps {

struct SweepRequest {
    std::shared_ptr<const CsvTable> table;
    DataSelection selection;
    TrainingConfig base;
    std::vector<SweepSetting> settings;
    SweepOptions options;  // its callbacks are the runner's own
};

// What a finished sweep produced, or why it could not run.
struct SweepOutcome {
    SweepResult result;
    Task task = Task::Binary;
    QString error;
};

class SweepRunner : public QThread {
    Q_OBJECT
public:
    explicit SweepRunner(QObject* parent = nullptr);
    ~SweepRunner() override;

    // Starts the sweep and returns at once; false if one is still running.
    bool start(const SweepRequest& request);
    // Thread-safe; the sweep ends (finished follows) within an epoch of every running trial.
    void cancel() { m_cancel = true; }
    bool isCancelling() const { return m_cancel; }
    // For tests: called on a worker before every epoch, just before the cancel flag is read, so
    // a test can count the epochs begun after cancel() instead of timing it. Thread-safe.
    void setEpochObserver(std::function<void()> observer) { m_epochObserver = std::move(observer); }

signals:
    // The data set the sweep trains on is ready (its task decides the metric columns).
    void prepared(bps::Task task);
    void trialFinished(const bps::SweepTrial& trial);
    void progressChanged(int done, int total);
    void sweepFinished(const bps::SweepOutcome& outcome);

protected:
    void run() override;

private:
    SweepRequest m_request;
    std::atomic<bool> m_cancel{false};
    std::function<void()> m_epochObserver;
};

}  // namespace bps

Q_DECLARE_METATYPE(bps::SweepTrial)
Q_DECLARE_METATYPE(bps::SweepOutcome)
Q_DECLARE_METATYPE(bps::Task)
