#pragma once
// Activation functions, forward and backward side by side. Backward works from the activation's
// output `a` (tanh' = 1 - a^2, not 1 - z^2: one of the bugs this project exists to prevent).

#include <Eigen/Core>
#include <optional>
#include <string_view>

#include "core/math/fast_math.h"

namespace bps {

enum class Activation { Tanh, Sigmoid, Relu, LeakyRelu, Identity, Softmax };

inline constexpr double kLeakyReluSlope = 0.01;

std::string_view activationName(Activation activation);
std::optional<Activation> parseActivation(std::string_view name);
// True for the activations allowed in hidden layers (not identity or softmax).
bool isHiddenActivation(Activation activation);

// exp(-|z|), which never overflows: sigmoid and binary cross-entropy (loss.h) share this one exp.
template <typename T>
[[gnu::always_inline]] inline T expMinusAbs(T z) {
    return fastmath::expNonPositive(z < T(0) ? z : -z);
}

// sigmoid(z) from e = exp(-|z|): 1 / (1 + e) for z >= 0 and e / (1 + e) below, so that neither
// side computes exp of a large positive number.
template <typename T>
[[gnu::always_inline]] inline T sigmoidFromExp(T z, T e) {
    const T inv = T(1) / (T(1) + e);
    return z >= T(0) ? inv : e * inv;
}

// Softmax of one row (a matrix row or a row vector) in place: exp(z - max z) / sum, so that no
// exp overflows.
template <typename Row>
void softmaxInPlace(Row&& z) {
    auto row = z.array();
    row = (row - row.maxCoeff()).exp();
    row /= row.sum();
}

// z: (batch, units), replaced by activation(z). Softmax works row by row.
template <typename Derived>
void activateInPlace(Activation activation, Eigen::MatrixBase<Derived>& z) {
    using T = typename Derived::Scalar;
    auto a = z.array();
    switch (activation) {
        case Activation::Tanh:
            a = a.tanh();
            break;
        case Activation::Sigmoid:
            // exp(-z) overflows to inf for very negative z, and 1 / (1 + inf) is the right 0.
            a = T(1) / (T(1) + (-a).exp());
            break;
        case Activation::Relu:
            a = a.max(T(0));
            break;
        case Activation::LeakyRelu:
            a = (a > T(0)).select(a, a * T(kLeakyReluSlope));
            break;
        case Activation::Identity:
            break;
        case Activation::Softmax:
            for (Eigen::Index r = 0; r < z.rows(); ++r) softmaxInPlace(z.row(r));
            break;
    }
}

// The derivative of a hidden activation expressed through its output: d a / d z given a.
// grad (batch, units) is multiplied element-wise by it. Not defined for softmax (the output
// layer's gradient comes from the loss, see loss.h).
template <typename DerivedA, typename DerivedG>
void multiplyByDerivative(Activation activation, const Eigen::MatrixBase<DerivedA>& a,
                          Eigen::MatrixBase<DerivedG>& grad) {
    using T = typename DerivedG::Scalar;
    auto g = grad.array();
    const auto out = a.array();
    switch (activation) {
        case Activation::Tanh:
            g *= T(1) - out.square();
            break;
        case Activation::Sigmoid:
            g *= out * (T(1) - out);
            break;
        case Activation::Relu:
            g = (out > T(0)).select(g, T(0));
            break;
        case Activation::LeakyRelu:
            g = (out > T(0)).select(g, g * T(kLeakyReluSlope));
            break;
        case Activation::Identity:
        case Activation::Softmax:
            break;
    }
}

}  // namespace bps
