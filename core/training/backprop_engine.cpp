#include "core/training/backprop_engine.h"

#include <algorithm>
#include <thread>

#include "core/kernels/dense_kernels.h"
#include "core/kernels/shard_pool.h"

namespace bps {

namespace {
// Copies the rows `order` of `train` into column-major batch buffers.
void gatherBatch(const TrainingRows& train, std::span<const Eigen::Index> order, MatrixX<float>& x,
                 VectorX<float>& y, VectorX<float>& w) {
    const Eigen::Index features = train.x.cols();
    const auto len = static_cast<Eigen::Index>(order.size());
    const bool weighted = train.weighted();
    x.resize(len, features);
    y.resize(len);
    if (weighted) w.resize(len);
    kernels::gatherRows(train.x.data(), features, order.data(), len, x.data(), train.y.data(),
                        y.data(), weighted ? train.w.data() : nullptr,
                        weighted ? w.data() : nullptr);
}
}  // namespace

BackpropEngine::BackpropEngine() = default;
BackpropEngine::~BackpropEngine() = default;

int BackpropEngine::shardCount(Eigen::Index rows, Eigen::Index parameters) {
    // Below ~1M multiply-adds per pass a second thread costs more to wake than it saves.
    constexpr double kMinWork = 1 << 20;
    constexpr Eigen::Index kMinRows = 128;
    const double work = double(rows) * double(parameters);
    return work >= kMinWork && rows >= 2 * kMinRows ? 2 : 1;
}

void BackpropEngine::setThreads(int threads) {
    m_threads = threads;
    m_pool.reset();
}

int BackpropEngine::hardwareThreads() {
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

double BackpropEngine::computeGradient(Network<float>& net, const TrainingRows& train,
                                       std::span<const Eigen::Index> order, float l2) {
    const auto len = static_cast<Eigen::Index>(order.size());
    const bool weighted = train.weighted();
    const int shards = shardCount(len, net.parameterCount());
    if (shards == 1) {
        gatherBatch(train, order, m_batchX, m_batchY, m_batchW);
        net.forward(m_batchX);
        return net.backward(m_batchX, m_batchY, weighted ? m_batchW : m_noWeights, float(len), l2,
                            m_grad);
    }
    if (m_shards.size() != std::size_t(shards)) {
        m_shards.resize(std::size_t(shards));
        for (Shard& shard : m_shards) shard.net = net;
    }
    const int threads = std::min(shards, m_threads > 0 ? m_threads : hardwareThreads());
    if (threads > 1 && (!m_pool || m_pool->threads() != threads))
        m_pool = std::make_unique<ShardPool>(threads);
    const auto task = [&](int s) {
        Shard& shard = m_shards[std::size_t(s)];
        const Eigen::Index begin = len * s / shards, end = len * (s + 1) / shards;
        gatherBatch(train, order.subspan(std::size_t(begin), std::size_t(end - begin)), shard.x,
                    shard.y, shard.w);
        shard.net.parameters() = net.parameters();
        shard.net.forward(shard.x);
        // Each shard divides by the whole batch, and only the first adds the L2 term: the sum
        // of the shards' gradients is the batch's gradient.
        shard.loss = shard.net.backward(shard.x, shard.y, weighted ? shard.w : m_noWeights,
                                        float(len), s == 0 ? l2 : 0.0f, shard.grad);
    };
    if (threads > 1)
        m_pool->run(shards, task);
    else
        for (int s = 0; s < shards; ++s) task(s);
    m_grad = m_shards[0].grad;
    double loss = m_shards[0].loss;
    for (int s = 1; s < shards; ++s) {
        m_grad += m_shards[std::size_t(s)].grad;
        loss += m_shards[std::size_t(s)].loss;
    }
    return loss;
}

}  // namespace bps
