#pragma once
// Losses over a batch of logits, and their gradients, in the precision of the caller: what
// Network::lossSum and Network::backward use. Binary and squared-error go through the training
// kernels; multiclass row by row. Either way the formulas are core/math/loss.h's.

#include <Eigen/Core>

#include "core/base/types.h"
#include "core/kernels/dense_kernels.h"
#include "core/math/loss.h"

namespace bps {

// Sum over rows of weight_i * loss_i. `weights` may be empty (all ones).
template <typename T>
T lossSum(Task task, const MatrixX<T>& logits, const VectorX<T>& targets,
          const VectorX<T>& weights) {
    const T* w = weights.size() > 0 ? weights.data() : nullptr;
    switch (task) {
        case Task::Binary:
            return kernels::binaryLoss(logits.data(), targets.data(), w, logits.rows(), T(1),
                                       nullptr);
        case Task::Regression:
            return kernels::squaredError(logits.data(), targets.data(), w, logits.rows(), T(1),
                                         nullptr);
        case Task::Multiclass:
            break;
    }
    T total = 0;
    for (Eigen::Index i = 0; i < logits.rows(); ++i) {
        const T l = softmaxCrossEntropy(logits.row(i), static_cast<Eigen::Index>(targets(i)));
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
    for (Eigen::Index i = 0; i < grad.rows(); ++i)
        softmaxCrossEntropyGradient(grad.row(i), static_cast<Eigen::Index>(targets(i)));
    if (w)
        grad.array().colwise() *= weights.array() * scale;
    else
        grad *= scale;
    return lossSum(task, logits, targets, weights);
}

}  // namespace bps
