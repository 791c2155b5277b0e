#pragma once
// Activation functions, forward and backward side by side. Backward works from the activation's
// output `a` (tanh' = 1 - a^2, not 1 - z^2: one of the bugs this project exists to prevent).

#include <Eigen/Core>
#include <optional>
#include <string_view>

#include "core/base/name_table.h"

namespace bps {

enum class Activation { Tanh, Sigmoid, Relu, LeakyRelu, Identity, Softmax };

// As model files and --activation spell them.
inline constexpr NameTable<Activation, 6> kActivationNames{{
    {Activation::Tanh, "tanh"},
    {Activation::Sigmoid, "sigmoid"},
    {Activation::Relu, "relu"},
    {Activation::LeakyRelu, "leaky_relu"},
    {Activation::Identity, "identity"},
    {Activation::Softmax, "softmax"},
}};

inline constexpr double kLeakyReluSlope = 0.01;

std::string_view activationName(Activation activation);
std::optional<Activation> parseActivation(std::string_view name);
// True for the activations allowed in hidden layers (not identity or softmax).
bool isHiddenActivation(Activation activation);

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
            for (Eigen::Index r = 0; r < z.rows(); ++r) {
                auto row = z.row(r).array();
                row = (row - row.maxCoeff()).exp();
                row /= row.sum();
            }
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
