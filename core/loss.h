#pragma once
// Losses computed from the output layer's logits, so they stay finite: binary cross-entropy as
// max(z,0) - z*y + log1p(exp(-|z|)) (both the y=1 and the y=0 term, never log(0)), softmax
// cross-entropy through log-sum-exp, squared error for regression.

#include <Eigen/Core>
#include <cmath>
#include <optional>
#include <string_view>

#include "activation.h"

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
    T total = 0;
    const bool weighted = weights.size() > 0;
    for (Eigen::Index i = 0; i < logits.rows(); ++i) {
        const T l = sampleLoss(task, logits.row(i), targets(i));
        total += weighted ? weights(i) * l : l;
    }
    return total;
}

// grad = scale * d(lossSum)/d(logits). grad is resized to the logits' shape.
template <typename T>
void lossGradient(Task task, const MatrixX<T>& logits, const VectorX<T>& targets,
                  const VectorX<T>& weights, T scale, MatrixX<T>& grad) {
    grad.resize(logits.rows(), logits.cols());
    switch (task) {
        case Task::Binary:
            grad.col(0).array() =
                T(1) / (T(1) + (-logits.col(0).array()).exp()) - targets.array();
            break;
        case Task::Multiclass:
            grad = logits;
            activateInPlace(Activation::Softmax, grad);
            for (Eigen::Index i = 0; i < grad.rows(); ++i)
                grad(i, static_cast<Eigen::Index>(targets(i))) -= T(1);
            break;
        case Task::Regression:
            grad.col(0).array() = T(2) * (logits.col(0).array() - targets.array());
            break;
    }
    if (weights.size() > 0)
        grad.array().colwise() *= weights.array() * scale;
    else
        grad *= scale;
}

}  // namespace bps
