// The Trainer's diagnostic tools: learning-rate range test, gradient check, tiny-batch overfit.

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "core/training/trainer.h"

namespace bps {

RangeTestResult Trainer::rangeTest(int steps, double minRate, double maxRate,
                                   const ToolProgress& progress) const {
    RangeTestResult result;
    Network<float> net = m_net;
    Optimizer<float> optimizer(m_config.optimizer, m_config.nesterov, net.parameterCount());
    const auto n = static_cast<Eigen::Index>(m_order.size());
    const Eigen::Index batch = m_config.live.batchSize <= 0 ? n : std::min<Eigen::Index>(m_config.live.batchSize, n);
    std::vector<Eigen::Index> order(m_order.begin(), m_order.end());
    Rng rng(m_config.seed ^ 0x5eedULL);
    rng.shuffle(std::span(order));
    MatrixX<float> x;
    VectorX<float> y, w, grad;
    const bool weighted = m_data.train.w.size() > 0;
    const double beta = 0.95;  // short memory: the rate grows fast, a long average lags it
    double average = 0, best = std::numeric_limits<double>::infinity();
    Eigen::Index cursor = 0;
    steps = std::max(steps, 2);
    for (int k = 0; k < steps; ++k) {
        if (progress && !progress(k, steps)) {
            result.cancelled = true;
            break;
        }
        const double rate = minRate * std::pow(maxRate / minRate, double(k) / (steps - 1));
        if (cursor + batch > n) {
            rng.shuffle(std::span(order));
            cursor = 0;
        }
        x.resize(batch, m_data.train.x.cols());
        y.resize(batch);
        if (weighted) w.resize(batch);
        for (Eigen::Index i = 0; i < batch; ++i) {
            const Eigen::Index r = order[static_cast<std::size_t>(cursor + i)];
            x.row(i) = m_data.train.x.row(r);
            y(i) = m_data.train.y(r);
            if (weighted) w(i) = m_data.train.w(r);
        }
        cursor += batch;
        net.forward(x);
        const double loss = net.lossSum(y, w) / double(batch);
        if (!std::isfinite(loss)) {
            result.stoppedEarly = true;
            break;
        }
        average = beta * average + (1 - beta) * loss;
        const double smoothed = average / (1 - std::pow(beta, k + 1));
        result.rates.push_back(rate);
        result.losses.push_back(smoothed);
        if (smoothed < best) {
            best = smoothed;
            result.minLossRate = rate;
        }
        if (k > 10 && smoothed > 4 * best) {
            result.stoppedEarly = true;
            break;
        }
        net.backward(x, y, w, float(batch), float(m_config.live.l2), grad);
        optimizer.step(net.parameters(), grad, rate, m_config.live.momentum);
        if (!net.parameters().allFinite()) {
            result.stoppedEarly = true;
            break;
        }
    }
    // The suggestion is where the loss falls fastest against log(rate), before its lowest
    // point (fastai's "steepest" rule); the lowest point itself is at the edge of instability.
    const std::size_t m = result.losses.size();
    const auto lowest = static_cast<std::size_t>(
        std::min_element(result.losses.begin(), result.losses.end()) - result.losses.begin());
    const std::size_t half = std::max<std::size_t>(2, m / 60);
    double steepest = 0;
    result.suggestedRate = result.minLossRate / 10;
    for (std::size_t k = half; k + half < m && k <= lowest; ++k) {
        const double slope = (result.losses[k + half] - result.losses[k - half]) /
                             std::log(result.rates[k + half] / result.rates[k - half]);
        if (slope < steepest) {
            steepest = slope;
            result.suggestedRate = result.rates[k];
        }
    }
    return result;
}

GradientCheckResult Trainer::gradientCheck(int rows, const GradientTamper& tamper,
                                           const ToolProgress& progress) const {
    Network<double> net(m_net.layers(), task());
    net.parameters() = m_net.parameters().cast<double>();
    const Eigen::Index n = std::min<Eigen::Index>(rows, m_data.train.x.rows());
    const MatrixX<double> x = m_data.train.x.topRows(n).cast<double>();
    const VectorX<double> y = m_data.train.y.head(n).cast<double>();
    const VectorX<double> w = m_data.train.w.size() ? VectorX<double>(m_data.train.w.head(n).cast<double>()) : VectorX<double>();
    return checkGradients(net, x, y, w, m_config.live.l2, tamper, progress);
}

OverfitResult Trainer::overfitTinyBatch(int rows, int steps, const ToolProgress& progress) const {
    OverfitResult result;
    Network<float> net = m_net;
    // A fresh Adam at a standard rate, whatever the run uses: the question is whether the
    // network and its gradients can learn at all, not whether the settings are good.
    Optimizer<float> optimizer(OptimizerKind::Adam, false, net.parameterCount());
    const Eigen::Index n = std::min<Eigen::Index>(rows, m_data.train.x.rows());
    const MatrixX<float> x = m_data.train.x.topRows(n);
    const VectorX<float> y = m_data.train.y.head(n);
    const VectorX<float> w;
    VectorX<float> grad;
    result.rows = static_cast<int>(n);
    net.forward(x);
    result.initialLoss = net.lossSum(y, w) / double(n);
    double loss = result.initialLoss;
    for (int k = 0; k < steps; ++k) {
        if (progress && k % 16 == 0 && !progress(k, steps)) {
            result.cancelled = true;
            break;
        }
        net.backward(x, y, w, float(n), 0.0f, grad);
        optimizer.step(net.parameters(), grad, 0.01, 0.9);
        net.forward(x);
        loss = net.lossSum(y, w) / double(n);
        result.steps = k + 1;
        if (loss < 1e-3 || !std::isfinite(loss)) break;
    }
    result.finalLoss = loss;
    result.passed = !result.cancelled && std::isfinite(loss) && loss < 0.05;
    result.verdict = result.cancelled ? "Cancelled."
                     : result.passed
                         ? "The network fits " + std::to_string(n) + " rows almost exactly: "
                           "backpropagation works and the capacity is there."
                         : "The network cannot fit even " + std::to_string(n) +
                               " rows: suspect a bug in the gradients or too little capacity.";
    return result;
}

}  // namespace bps
