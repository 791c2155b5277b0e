#pragma once
// The losses, each defined once with its gradient, from the output layer's logits so that they
// stay finite: binary cross-entropy as max(z,0) - z*y + log1p(exp(-|z|)) (the y = 1 and the
// y = 0 term, never log(0)), softmax cross-entropy through log-sum-exp, squared error for
// regression. The training kernels (core/kernels) sum the per-sample terms over a batch in float,
// the gradient check in double (core/nn/batch_loss.h).

#include <Eigen/Core>
#include <cmath>
#include <type_traits>

#include "core/base/types.h"
#include "core/math/activation.h"
#include "core/math/fast_math.h"

namespace bps {

Activation outputActivation(Task task);

// One sample's loss and its derivative with respect to the logit.
template <typename T>
struct LossTerm {
    T value;
    T gradient;
};

// Binary cross-entropy of the logit z against y (0 or 1): -log(p) for y = 1 and -log(1 - p) for
// y = 0, p = sigmoid(z); its gradient is p - y. Both come from one exp(-|z|).
template <typename T>
[[gnu::always_inline]] inline LossTerm<T> binaryCrossEntropyTerm(T z, T y) {
    const T e = expMinusAbs(z);
    return {(z > T(0) ? z : T(0)) - z * y + fastmath::log1pUnit(e), sigmoidFromExp(z, e) - y};
}

// Squared error (z - y)^2 of a regression output; its gradient is 2 (z - y).
template <typename T>
[[gnu::always_inline]] inline LossTerm<T> squaredErrorTerm(T z, T y) {
    const T d = z - y;
    return {d * d, T(2) * d};
}

// Softmax cross-entropy of one row of logits z against class `label`: log(sum(exp(z))) - z_label,
// the log-sum-exp taken around max(z) so that no exp overflows.
template <typename Row>
typename Row::Scalar softmaxCrossEntropy(const Row& z, Eigen::Index label) {
    using T = typename Row::Scalar;
    const T m = z.maxCoeff();
    const T lse = m + std::log((z.array() - m).exp().sum());
    return lse - z(label);
}

// Its gradient with respect to the logits, softmax(z) - onehot(label), written over z.
template <typename Row>
void softmaxCrossEntropyGradient(Row&& z, Eigen::Index label) {
    using T = typename std::remove_cvref_t<Row>::Scalar;
    softmaxInPlace(z);
    z(label) -= T(1);
}

}  // namespace bps
