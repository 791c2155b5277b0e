#pragma once
// Runs core's crossValidate off the UI thread for the Cross-validate window. The job copies its
// request (the shared, immutable table, the selection and the settings), so nothing is shared
// with the UI while it runs except one small buffer of per-epoch points under a mutex. The UI
// pulls that buffer on a 33 ms timer (PlotJuggler's way, STYLE.md section 2) instead of the
// workers posting a signal per epoch, so however fast the folds train, the GUI thread's event
// queue never holds more than one delivery. Cancel is an atomic flag core polls after every
// epoch (CrossValidationOptions::stopRequested); the destructor cancels and waits, so closing
// the window or the app mid-run returns within an epoch per running fold.

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

#include "core/csv/csv_reader.h"
#include "core/data/dataset.h"
#include "core/explain/permutation_importance.h"
#include "core/model/training_config.h"
#include "core/validation/cross_validation.h"

namespace bps {

struct CvRequest {
    std::shared_ptr<const CsvTable> table;
    DataSelection selection;
    TrainingConfig config;
    int folds = 5;
    int repeats = 1;
    int jobs = 0;  // folds at once; 0: one per core
    // Each fold's permutation importance on its own held-out rows, pooled (core's
    // crossValidateWithImportance); shuffles seeded by the config's seed.
    bool importance = false;
};

// One epoch of one fold, as the chart draws it.
struct CvEpoch {
    int fold = 0;  // place in CrossValidation::folds (repeat by repeat)
    int epoch = 0;
    double trainLoss = kNaN;
    double validationLoss = kNaN;
};

struct CvOutcome {
    int runId = 0;
    CrossValidation cv;  // empty folds when error is set
    // Pooled over the folds, when the request asked for it.
    std::optional<ImportanceResult> importance;
    QStringList classes;
    QString error;
};

class CvRunner : public QObject {
    Q_OBJECT
public:
    // Called on a worker for each epoch of the runs started after it is set, just after the
    // epoch is buffered, with whether cancel() had been called by then: tests count the epochs
    // that come after a cancel instead of timing it. Must be thread-safe.
    using EpochObserver = std::function<void(const CvEpoch&, bool afterCancel)>;

    explicit CvRunner(QObject* parent = nullptr);
    // Cancels a run and waits for it.
    ~CvRunner() override;

    // Starts a run and returns its id, or 0 when one is still running (cancel it first).
    int run(const CvRequest& request);
    void cancel();
    bool isRunning() const { return m_running; }
    void setEpochObserver(EpochObserver observer) { m_observer = std::move(observer); }

signals:
    void started(int runId, int folds, int epochsPerFold);
    // Buffered epochs, delivered at most every 33 ms and once more at the end.
    void epochsAvailable(int runId, const QList<bps::CvEpoch>& epochs);
    void progressChanged(int runId, int foldsDone, int folds);
    void finished(const bps::CvOutcome& outcome);

private:
    struct Shared;
    void deliver();

    QThreadPool m_pool;
    QFutureWatcher<CvOutcome> m_watcher;
    QTimer m_timer;
    std::shared_ptr<Shared> m_shared;  // the current run's
    int m_runId = 0;
    int m_lastDone = 0;  // folds done at the last progressChanged
    bool m_running = false;
    EpochObserver m_observer;
};

}  // namespace bps

Q_DECLARE_METATYPE(bps::CvEpoch)
Q_DECLARE_METATYPE(bps::CvOutcome)
