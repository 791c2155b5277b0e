#pragma once
// Runs training epoch by epoch. The loop is in plain view: gather a mini-batch, forward,
// backward, one optimiser step with the hyperparameters of this epoch. Live hyperparameters may
// change between epochs without touching the network or the optimiser's state.
//
// Threading: a Trainer belongs to one thread; only requestStop() may be called from another.

#include <atomic>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "dataset.h"
#include "diagnosis.h"
#include "diagnostic_tools.h"
#include "gradient_check.h"
#include "epoch_report.h"
#include "metrics.h"
#include "model.h"
#include "network.h"
#include "optimizer.h"
#include "random.h"
#include "scaler.h"
#include "split.h"
#include "training_config.h"

namespace bps {

class Trainer {
public:
    // Splits, scales and initialises from `config`. With `start`, continues from that model's
    // weights and scaler instead (its layer shapes must fit the data and config).
    Trainer(const Dataset& data, const TrainingConfig& config, const Model* start = nullptr);

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

    bool finished() const { return m_stopReason != StopReason::Running; }
    StopReason stopReason() const { return m_stopReason; }
    // For a diverged run: what went non-finite, where.
    const std::string& divergence() const { return m_divergence; }
    int epoch() const { return m_epoch; }
    const TrainingConfig& config() const { return m_config; }
    const std::vector<std::string>& warnings() const { return m_warnings; }
    const Split& split() const { return m_split; }
    const Network<float>& network() const { return m_net; }
    const Optimizer<float>& optimizer() const { return m_optimizer; }
    Task task() const { return m_task; }

    // The loss of always predicting the training class prior (or the mean, for regression):
    // a curve that sits on it has learnt nothing.
    double baselineLoss() const { return m_baselineLoss; }

    // Outputs of the current network on the validation rows (probabilities or values in the
    // target's own units), and those rows' targets.
    Eigen::MatrixXd validationOutputs() const;
    const Eigen::VectorXd& validationTargets() const { return m_valTargets; }
    Metrics validationMetrics(double threshold = 0.5) const;

    // The current weights as a Model, with scaler, metadata and validation metrics.
    Model model() const;

    // What is wrong with this run so far, most important first (empty when healthy).
    std::vector<Finding> diagnose() const;
    const DiagnosisContext& diagnosisContext() const { return m_context; }

    // Tools (they work on copies and leave the trainer as it was):
    // the learning-rate range test, over `steps` mini-batches from minRate to maxRate;
    RangeTestResult rangeTest(int steps = 300, double minRate = 1e-6, double maxRate = 10) const;
    // backprop against finite differences on the current weights and `rows` training rows;
    GradientCheckResult gradientCheck(int rows = 32, const GradientTamper& tamper = {}) const;
    // whether a fresh optimiser can drive the loss on `rows` training rows to about zero.
    OverfitResult overfitTinyBatch(int rows = 16, int steps = 1000) const;

    // Tests only: called on every gradient before the optimiser step, to simulate broken
    // backpropagation (a derivative that is wrong, a block that never gets its update).
    using GradientHook = std::function<void(const Network<float>&, VectorX<float>&)>;
    void setGradientHook(GradientHook hook) { m_gradientHook = std::move(hook); }

private:
    using FloatRows = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    struct Side {
        FloatRows x;
        VectorX<float> y;
        VectorX<float> w;  // per-row class weights; empty when unweighted
    };

    void prepareSide(const Dataset& data, const std::vector<Eigen::Index>& rows, Side& side) const;
    void computeClassWeights(const Dataset& data);
    void computeBaseline(const Dataset& data);
    void startFrom(const Model& model);
    // Mean loss and accuracy of the current network on `side`, in chunks (no big temporaries).
    std::pair<double, double> evaluate(const Side& side, ActivationCensus* census = nullptr,
                                       std::vector<double>* predicted = nullptr) const;
    std::vector<LayerHealth> weightHealth() const;
    std::string nonFiniteLayer() const;

    TrainingConfig m_config;
    Task m_task;
    Dataset m_meta;  // names and classes only, no rows
    Split m_split;
    Scaler m_scaler;
    double m_targetMean = 0, m_targetStd = 1;  // regression targets are standardised too
    std::vector<double> m_classWeight;
    Side m_train, m_val;
    Eigen::VectorXd m_valTargets;
    double m_baselineLoss = kNaN;
    std::vector<std::string> m_warnings;

    mutable Network<float> m_net;  // evaluate() reuses its buffers
    Optimizer<float> m_optimizer;
    Rng m_rng;
    std::vector<Eigen::Index> m_order;
    MatrixX<float> m_batchX;
    VectorX<float> m_batchY, m_batchW, m_grad, m_snapshot, m_best;

    int m_epoch = 0;
    double m_bestLoss = std::numeric_limits<double>::infinity();
    int m_sinceBest = 0;
    double m_seconds = 0;
    StopReason m_stopReason = StopReason::Running;
    std::string m_divergence;
    std::atomic<bool> m_stopRequested{false};

    DiagnosisContext m_context;
    TrainingMonitor m_monitor;
    VectorX<float> m_initialParams, m_beforeStep;
    GradientHook m_gradientHook;
};

}  // namespace bps
