#pragma once
// Drives one TrainingThread for the window: starts, pauses, resumes and stops runs, keeps the
// epoch history of the current curve and the latest model, and drops signals of runs that have
// been superseded. "Start" continues from the current weights when they fit the data and the
// network; resetWeights() forgets them so the next start begins from a fresh initialisation.

#include <QList>
#include <QObject>
#include <memory>
#include <optional>
#include <vector>

#include "ui/data/csv_loader.h"
#include "ui/training/epoch_history.h"
#include "ui/training/training_thread.h"

namespace bps {

class TrainingController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Paused };

    explicit TrainingController(QObject* parent = nullptr);

    // Returns an empty string when the run has started, else why it cannot.
    QString start(const LoadedDataPtr& data, const DataSelection& selection,
                  const TrainingConfig& config);
    // Pause and resume are requests: state() turns Paused or Running (stateChanged) when the
    // thread has done so, which is at the next epoch boundary, or never if the run ends first.
    void pause();
    void resume();
    void stop();
    // For closing the window: ends the run without waiting for a result. Final.
    void shutdown();
    // The next start uses fresh weights (a running run is not touched; restart it to apply).
    // The last model stays available for export until then.
    void resetWeights();
    // Weights to continue from, e.g. a model file that was opened.
    void setModel(std::shared_ptr<const Model> model);
    // The learning-rate range test's suggested rate for the current data and network (NaN:
    // none), handed to the diagnosis of the next run.
    void setRangeTestRate(double rate) { m_rangeTestRate = rate; }
    void setLive(const LiveHyperparameters& live);
    void setEpochLimit(int epochs);

    State state() const { return m_state; }
    // A pause was asked for and the thread has not paused yet.
    bool pauseRequested() const { return m_pauseRequested; }
    // Whether start() with these would continue from the current weights.
    bool willContinue(const DataSelection& selection, const TrainingConfig& config) const;
    bool isActive() const { return m_state != State::Idle; }
    // The curve's epochs, without per-layer health (see lastReport() for that); bounded, so a
    // long curve keeps every historyStride()-th epoch and the newest (see EpochHistory).
    const std::vector<EpochReport>& history() const { return m_history.reports(); }
    std::size_t historyStride() const { return m_history.stride(); }
    std::size_t historyEpochCount() const { return m_history.appendedCount(); }
    // The newest epoch with its per-layer health (the class shares stay with the worker).
    const EpochReport& lastReport() const { return m_lastReport; }
    // The current run's latest diagnosis (epoch counted from the start of the curve).
    const DiagnosisUpdate& diagnosis() const { return m_diagnosis; }
    std::shared_ptr<const Model> model() const { return m_model; }
    TrainingThread* thread() const { return m_thread; }
    int plannedEpochs() const { return m_epochOffset + m_epochLimit; }

signals:
    void stateChanged(bps::TrainingController::State state);
    // `continued`: the curve goes on from the previous run's last epoch instead of starting over.
    void runStarted(const bps::TrainingStart& info, bool continued);
    // Reports with epochs and seconds already counted from the start of the curve, and their
    // per-layer health (one entry per report).
    void epochsAdded(const QList<bps::EpochReport>& reports, const bps::HealthBatchPtr& health);
    void diagnosisUpdated(const bps::DiagnosisUpdate& update);
    void progressChanged(int epoch, int total, double epochsPerSecond, double elapsedSeconds);
    void resultAvailable(bps::TrainingResultPtr result);
    void failed(const QString& message);
    // The current run's weights while it trains (TrainingThread::setWeightsInterval).
    void weightsAvailable(bps::ModelPtr model);

private:
    void setState(State state);
    bool canContinue(const DataSelection& selection, const TrainingConfig& config) const;
    void onStarted(const TrainingStart& info);
    void onEpochs(int runId, const QList<EpochReport>& reports, const HealthBatchPtr& health);
    void onResult(const TrainingResultPtr& result);

    TrainingThread* m_thread;
    State m_state = State::Idle;
    int m_runId = 0;
    bool m_continuing = false;
    bool m_freshNext = false;  // resetWeights() was called since the last start
    bool m_pauseRequested = false;
    double m_rangeTestRate = kNaN;
    int m_epochOffset = 0;
    double m_secondsOffset = 0;
    int m_epochLimit = 0;
    double m_rate = 0;  // smoothed epochs per second
    EpochHistory m_history;
    EpochReport m_lastReport;
    DiagnosisUpdate m_diagnosis;
    std::shared_ptr<const Model> m_model;
    // The selection m_model was trained with (none for a model from a file): kinds, missing
    // policy and date expansion change the network's inputs as much as the features do.
    std::optional<DataSelection> m_modelSelection;
    DataSelection m_runSelection;  // the current run's, m_modelSelection once it has a model
};

}  // namespace bps

Q_DECLARE_METATYPE(bps::TrainingController::State)
