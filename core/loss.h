#pragma once
// Losses computed from the output layer's logits, so they stay finite: binary cross-entropy as
// max(z,0) - z*y + log1p(exp(-|z|)) (both the y=1 and the y=0 term, never log(0)), softmax
// cross-entropy through log-sum-exp, squared error for regression.

#include <Eigen/Core>
#include <cmath>
#include <optional>
#include <string_view>

#include "activation.h"
#include "dense_kernels.h"

namespace bps {

enum class Task { Binary, Multiclass, Regression };

std::string_view taskName(Task task);
std::optional<Task> parseTask(std::string_view name);
Activation outputActivation(Task task);

template <typename T>
using MatrixX = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <typename T>
using VectorX = Eigen::Matrix<T, Eigen::Dynamic, 1>;

// Per-sample loss of one row of logits against target y (0/1, a class index, or a value).
template <typename T, typename Row>
T sampleLoss(Task task, const Row& z, T y) {
    switch (task) {
        case Task::Binary: {
            const T x = z(0);
            return std::max(x, T(0)) - x * y + std::log1p(std::exp(-std::abs(x)));
        }
        case Task::Multiclass: {
            const T m = z.maxCoeff();
            const T lse = m + std::log((z.array() - m).exp().sum());
            return lse - z(static_cast<Eigen::Index>(y));
        }
        case Task::Regression: {
            const T d = z(0) - y;
            return d * d;
        }
    }
    return T(0);
}

// Sum over rows of weight_i * loss_i. `weights` may be empty (all ones).
template <typename T>
T lossSum(Task task, const MatrixX<T>& logits, const VectorX<T>& targets,
          const VectorX<T>& weights) {
    const T* w = weights.size() > 0 ? weights.data() : nullptr;
    switch (task) {
        case Task::Binary:
            return kernels::binaryLoss(logits.data(), targets.data(), w, logits.rows(), T(1), nullptr);
        case Task::Regression:
            return kernels::squaredError(logits.data(), targets.data(), w, logits.rows(), T(1), nullptr);
        case Task::Multiclass:
            break;
    }
    T total = 0;
    for (Eigen::Index i = 0; i < logits.rows(); ++i) {
        const T l = sampleLoss(task, logits.row(i), targets(i));
        total += w ? w[i] * l : l;
    }
    return total;
}

// grad = scale * d(lossSum)/d(logits), resized to the logits' shape. Returns lossSum(): for
// one output it comes out of the same pass (one exp per row serves both).
template <typename T>
T lossGradient(Task task, const MatrixX<T>& logits, const VectorX<T>& targets,
               const VectorX<T>& weights, T scale, MatrixX<T>& grad) {
    grad.resize(logits.rows(), logits.cols());
    const T* w = weights.size() > 0 ? weights.data() : nullptr;
    switch (task) {
        case Task::Binary:
            return kernels::binaryLoss(logits.data(), targets.data(), w, logits.rows(), scale,
                                       grad.data());
        case Task::Regression:
            return kernels::squaredError(logits.data(), targets.data(), w, logits.rows(), scale,
                                         grad.data());
        case Task::Multiclass:
            break;
    }
    grad = logits;
    activateInPlace(Activation::Softmax, grad);
    for (Eigen::Index i = 0; i < grad.rows(); ++i)
        grad(i, static_cast<Eigen::Index>(targets(i))) -= T(1);
    if (w)
        grad.array().colwise() *= weights.array() * scale;
    else
        grad *= scale;
    return lossSum(task, logits, targets, weights);
}

}  // namespace bps
