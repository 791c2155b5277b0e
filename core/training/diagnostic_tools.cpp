#include "core/training/diagnostic_tools.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "core/base/random.h"
#include "core/nn/optimizer.h"
#include "core/training/trainer.h"

namespace bps {

RangeTestResult rangeTest(const Trainer& trainer, int steps, double minRate, double maxRate,
                          const ToolProgress& progress) {
    RangeTestResult result;
    const TrainingConfig& config = trainer.config();
    const TrainingRows& train = trainer.trainingData().train;
    Network<float> net = trainer.network();
    Optimizer<float> optimizer(config.optimizer, config.nesterov, net.parameterCount());
    const std::span<const Eigen::Index> trainerOrder = trainer.batchOrder();
    const auto n = static_cast<Eigen::Index>(trainerOrder.size());
    const Eigen::Index batch =
        config.live.batchSize <= 0 ? n : std::min<Eigen::Index>(config.live.batchSize, n);
    std::vector<Eigen::Index> order(trainerOrder.begin(), trainerOrder.end());
    Rng rng(config.seed ^ 0x5eedULL);
    rng.shuffle(std::span(order));
    MatrixX<float> x;
    VectorX<float> y, w, grad;
    const bool weighted = train.weighted();
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
        x.resize(batch, train.x.cols());
        y.resize(batch);
        if (weighted) w.resize(batch);
        for (Eigen::Index i = 0; i < batch; ++i) {
            const Eigen::Index r = order[static_cast<std::size_t>(cursor + i)];
            x.row(i) = train.x.row(r);
            y(i) = train.y(r);
            if (weighted) w(i) = train.w(r);
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
        net.backward(x, y, w, float(batch), float(config.live.l2), grad);
        optimizer.step(net.parameters(), grad, rate, config.live.momentum);
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

GradientCheckResult gradientCheck(const Trainer& trainer, int rows, const GradientTamper& tamper,
                                  const ToolProgress& progress) {
    const TrainingRows& train = trainer.trainingData().train;
    Network<double> net(trainer.network().layers(), trainer.task());
    net.parameters() = trainer.network().parameters().cast<double>();
    const Eigen::Index n = std::min<Eigen::Index>(rows, train.rows());
    const MatrixX<double> x = train.x.topRows(n).cast<double>();
    const VectorX<double> y = train.y.head(n).cast<double>();
    const VectorX<double> w =
        train.weighted() ? VectorX<double>(train.w.head(n).cast<double>()) : VectorX<double>();
    return checkGradients(net, x, y, w, trainer.config().live.l2, tamper, progress);
}

OverfitResult overfitTinyBatch(const Trainer& trainer, int rows, int steps,
                               const ToolProgress& progress) {
    OverfitResult result;
    const TrainingRows& train = trainer.trainingData().train;
    Network<float> net = trainer.network();
    // A fresh Adam at a standard rate, whatever the run uses: the question is whether the
    // network and its gradients can learn at all, not whether the settings are good.
    Optimizer<float> optimizer(OptimizerKind::Adam, false, net.parameterCount());
    const Eigen::Index n = std::min<Eigen::Index>(rows, train.rows());
    const MatrixX<float> x = train.x.topRows(n);
    const VectorX<float> y = train.y.head(n);
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
                         ? "The network fits " + std::to_string(n) +
                               " rows almost exactly: "
                               "backpropagation works and the capacity is there."
                         : "The network cannot fit even " + std::to_string(n) +
                               " rows: suspect a bug in the gradients or too little capacity.";
    return result;
}

}  // namespace bps
