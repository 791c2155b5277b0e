#pragma once
// Runs training epoch by epoch. The loop is in plain view in runEpoch(): gather a mini-batch,
// forward, backward, one optimiser step with the hyperparameters of this epoch, then validate,
// record the health and decide whether to go on. Live hyperparameters may change between
// epochs without touching the network or the optimiser's state. The parts are its members:
// the prepared rows (TrainingData), the sharded forward and backward (BackpropEngine), the
// evaluation (Evaluator), the health record (HealthRecorder) and early stopping.
//
// Threading: a Trainer belongs to one thread; only requestStop() may be called from another.

#include <atomic>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/base/random.h"
#include "core/diagnosis/diagnosis.h"
#include "core/evaluation/metrics.h"
#include "core/model/model.h"
#include "core/model/training_config.h"
#include "core/monitoring/epoch_report.h"
#include "core/nn/network.h"
#include "core/nn/optimizer.h"
#include "core/training/backprop_engine.h"
#include "core/training/early_stopping.h"
#include "core/training/evaluator.h"
#include "core/training/health_recorder.h"
#include "core/training/training_data.h"

namespace bps {

class Trainer {
public:
    // Splits, scales and initialises from `config`. With `start`, continues from that model's
    // weights and scaler instead (its layer shapes must fit the data and config).
    Trainer(const Dataset& data, const TrainingConfig& config, const Model* start = nullptr);
    // Trains on the rows of `split` (a cross-validation fold) instead of the seeded split.
    Trainer(const Dataset& data, const TrainingConfig& config, Split split);
    // `start` on the rows of `split`, with its own scaler and encoding (none fitted on
    // split.train): to measure a model trained on other rows on this split's validation rows.
    Trainer(const Dataset& data, const TrainingConfig& config, Split split, const Model& start);

    // Trains one epoch and returns its report. After the last epoch, early stopping, divergence
    // or a stop request, finished() is true.
    EpochReport runEpoch();
    // runEpoch() until finished(), calling onEpoch after each. Returns why it ended.
    StopReason run(const std::function<void(const EpochReport&)>& onEpoch = {});

    // Takes effect at the next epoch.
    void setLive(const LiveHyperparameters& live);
    const LiveHyperparameters& live() const { return m_config.live; }
    void setEpochLimit(int epochs) { m_config.epochs = epochs; }
    // Thread-safe: ends training after the current mini-batch.
    void requestStop() { m_stopRequested.store(true, std::memory_order_relaxed); }
    // Threads for the big steps (see BackpropEngine); 0 = one per core. Never changes results.
    void setThreads(int threads) { m_engine.setThreads(threads); }
    static int hardwareThreads() { return BackpropEngine::hardwareThreads(); }

    bool finished() const { return m_stopReason != StopReason::Running; }
    StopReason stopReason() const { return m_stopReason; }
    // For a diverged run: what went non-finite, where.
    const std::string& divergence() const { return m_divergence; }
    int epoch() const { return m_epoch; }
    const TrainingConfig& config() const { return m_config; }
    const std::vector<std::string>& warnings() const { return m_data.warnings; }
    const Split& split() const { return m_data.split; }
    const Network<float>& network() const { return m_net; }
    const Optimizer<float>& optimizer() const { return m_optimizer; }
    Task task() const { return m_data.meta.task; }
    // The prepared training and validation rows (the tools train copies of the network on them).
    const TrainingData& trainingData() const { return m_data; }
    // The training rows (indices into trainingData().train) in the last epoch's order.
    std::span<const Eigen::Index> batchOrder() const { return m_order; }

    // The loss of always predicting the training class prior (or the mean, for regression):
    // a curve that sits on it has learnt nothing.
    double baselineLoss() const { return m_data.baselineLoss; }

    // Outputs of the current network on the validation rows (probabilities or values in the
    // target's own units), and those rows' targets.
    Eigen::MatrixXd validationOutputs() const;
    const Eigen::VectorXd& validationTargets() const { return m_data.validationTargets; }
    Metrics validationMetrics(double threshold = 0.5) const;

    // The current weights as a Model, with scaler, metadata and validation metrics.
    Model model() const;

    // What is wrong with this run so far, most important first (empty when healthy).
    std::vector<Finding> diagnose() const { return m_health.diagnose(m_stopReason, m_divergence); }
    const DiagnosisContext& diagnosisContext() const { return m_health.context(); }
    // The learning-rate range test's suggestion for this data and network: what the diagnosis
    // proposes first when the rate proves too high.
    void setRangeTestRate(double rate) { m_health.setRangeTestRate(rate); }

    // Tests only: called on every gradient before the optimiser step, to simulate broken
    // backpropagation (a derivative that is wrong, a block that never gets its update).
    using GradientHook = std::function<void(const Network<float>&, VectorX<float>&)>;
    void setGradientHook(GradientHook hook) { m_gradientHook = std::move(hook); }

private:
    // Both public constructors end here, with the rows prepared (after the config was checked).
    Trainer(const Dataset& data, const TrainingConfig& config, TrainingData prepared,
            const Model* start);
    // Keeps the weights as they were before the epoch, resets its health sums, reshuffles.
    void beginEpoch();
    // Ends the run as stopped if another thread asked for that; true if so.
    bool stopIfRequested();
    // One optimiser step on the engine's gradient, with its health measured. False if the step
    // made a weight non-finite: the run has then diverged.
    bool step(const LiveHyperparameters& live);
    // Ends the run as diverged because `what` became non-finite.
    void diverge(const std::string& what);
    // The report of the epoch just trained with its validation loss, accuracy and class mix;
    // the hidden activations are counted into `census`.
    EpochReport validate(const LiveHyperparameters& live, double trainLoss,
                         ActivationCensus& census);
    // Early stopping or the epoch limit; restores the best weights when the run ends normally.
    void decide(double validationLoss);
    std::string nonFiniteLayer() const;

    TrainingConfig m_config;
    TrainingData m_data;
    Network<float> m_net;
    Optimizer<float> m_optimizer;
    Rng m_rng;
    std::vector<Eigen::Index> m_order;  // the training rows, reshuffled every epoch
    VectorX<float> m_epochStart;        // the weights before this epoch: the last finite ones
    BackpropEngine m_engine;
    mutable Evaluator m_evaluator;  // its buffers change, the trainer does not
    HealthRecorder m_health;
    EarlyStopping m_earlyStopping;
    GradientHook m_gradientHook;

    int m_epoch = 0;
    double m_seconds = 0;
    StopReason m_stopReason = StopReason::Running;
    std::string m_divergence;
    std::atomic<bool> m_stopRequested{false};
};

}  // namespace bps
