#pragma once
// The forward and backward pass of one mini-batch: gathers its rows, runs the network and
// leaves the batch's gradient behind. A big step is split into shards that run side by side,
// each with its own copy of the network, and their gradients are added in shard order. How
// many shards is a function of the shapes only, never of the thread count, so the same seed
// gives the same bits on any machine.

#include <memory>
#include <span>
#include <vector>

#include "core/base/types.h"
#include "core/nn/network.h"
#include "core/training/training_data.h"

namespace bps {

class ShardPool;

class BackpropEngine {
public:
    BackpropEngine();
    ~BackpropEngine();
    BackpropEngine(const BackpropEngine&) = delete;
    BackpropEngine& operator=(const BackpropEngine&) = delete;

    // Forward and backward of `net` on the rows `order` of `train`, of the mean (weighted)
    // loss plus `l2`; the gradient is then in gradient(). Returns the batch's loss sum.
    double computeGradient(Network<float>& net, const TrainingRows& train,
                           std::span<const Eigen::Index> order, float l2);
    // The last batch's gradient, laid out as the network's parameters.
    VectorX<float>& gradient() { return m_grad; }

    // Threads for the big steps; 0 = one per core. Never changes results.
    void setThreads(int threads);
    static int hardwareThreads();

    // How many shards a step of `rows` rows on `parameters` parameters is split into.
    static int shardCount(Eigen::Index rows, Eigen::Index parameters);

private:
    struct Shard {
        Network<float> net;
        MatrixX<float> x;
        VectorX<float> y, w, grad;
        double loss = 0;
    };

    MatrixX<float> m_batchX;  // the unsplit step's batch, column-major as forward() takes it
    VectorX<float> m_batchY, m_batchW, m_grad;
    std::vector<Shard> m_shards;
    std::unique_ptr<ShardPool> m_pool;
    int m_threads = 0;
    const VectorX<float> m_noWeights;  // "unweighted", without building an empty vector per step
};

}  // namespace bps
