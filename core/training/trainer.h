#pragma once
// Runs training epoch by epoch. The loop is in plain view: gather a mini-batch, forward,
// backward, one optimiser step with the hyperparameters of this epoch. Live hyperparameters may
// change between epochs without touching the network or the optimiser's state.
//
// Threading: a Trainer belongs to one thread; only requestStop() may be called from another.

#include <atomic>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/diagnosis/diagnosis.h"
#include "core/training/diagnostic_tools.h"
#include "core/nn/gradient_check.h"
#include "core/monitoring/epoch_report.h"
#include "core/evaluation/metrics.h"
#include "core/model/model.h"
#include "core/nn/network.h"
#include "core/nn/optimizer.h"
#include "core/base/random.h"
#include "core/data/scaler.h"
#include "core/kernels/shard_pool.h"
#include "core/data/split.h"
#include "core/model/training_config.h"

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
    // Threads for the big steps (see shardCount); 0 = one per core. Never changes results.
    void setThreads(int threads);
    static int hardwareThreads();

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
    // Each takes an optional progress callback that may cancel it (see ToolProgress).
    RangeTestResult rangeTest(int steps = 300, double minRate = 1e-6, double maxRate = 10,
                              const ToolProgress& progress = {}) const;
    // backprop against finite differences on the current weights and `rows` training rows;
    GradientCheckResult gradientCheck(int rows = 32, const GradientTamper& tamper = {},
                                      const ToolProgress& progress = {}) const;
    // whether a fresh optimiser can drive the loss on `rows` training rows to about zero.
    OverfitResult overfitTinyBatch(int rows = 16, int steps = 1000,
                                   const ToolProgress& progress = {}) const;

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
    // Rows [start, start + len) of `side` as forward() takes them: a view into m_valX for the
    // validation rows, else a copy in `chunk`.
    Network<float>::ConstRef evaluationRows(const Side& side, Eigen::Index start, Eigen::Index len,
                                            MatrixX<float>& chunk) const;
    // Copies the rows m_order[start, start + len) into column-major batch buffers.
    void gatherBatch(Eigen::Index start, Eigen::Index len, MatrixX<float>& x, VectorX<float>& y,
                     VectorX<float>& w) const;
    // Forward and backward of one mini-batch into m_grad; returns its loss sum.
    double computeGradient(Eigen::Index start, Eigen::Index len, float l2);
    // How many shards a step of `len` rows is split into: a function of the shapes only, never
    // of the thread count, so that the same seed gives the same bits on any machine.
    int shardCount(Eigen::Index len) const;
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

    Network<float> m_net;
    // The same weights for evaluation, with buffers of their own: the batch size and the
    // evaluation chunk then never fight over one set of buffers (no reallocation each epoch).
    mutable Network<float> m_evalNet;
    MatrixX<float> m_valX;  // the validation rows column-major, ready for forward() every epoch
    Optimizer<float> m_optimizer;
    Rng m_rng;
    std::vector<Eigen::Index> m_order;
    MatrixX<float> m_batchX;
    VectorX<float> m_batchY, m_batchW, m_grad, m_snapshot, m_best;
    // A split step: each shard runs forward and backward on its part of the batch with its
    // own copy of the network; the gradients are then added in shard order.
    struct Shard {
        Network<float> net;
        MatrixX<float> x;
        VectorX<float> y, w, grad;
        double loss = 0;
    };
    std::vector<Shard> m_shards;
    std::unique_ptr<ShardPool> m_pool;
    int m_threads = 0;
    const VectorX<float> m_noWeights;  // "unweighted", without building an empty vector per step

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
