#pragma once
// The activation functions, each defined once, forward and backward side by side (as llm.c pairs
// gelu_forward / gelu_backward). Every path uses these definitions: the float training kernels
// (scalar loops and eight-lane vectors), the double gradient check, Network::predict and
// Model::predict. Backward works from the activation's output a (tanh' = 1 - a^2, never 1 - z^2:
// one of the bugs this project exists to prevent), so backprop needs no pre-activations.
//
// T is float (training: fast_math.h's vectorisable approximations), double (gradient checks and
// predictions: the exact std:: functions) or, for backward, a GCC/Clang vector of floats
// (core/kernels/vec8.h), where a comparison gives a lane mask and `mask ? x : y` selects lane by
// lane. Comparisons are written so that NaN passes through forward (divergence must stay
// visible), and relu's backward selects, so a NaN gradient of an inactive unit becomes 0.

#include <Eigen/Core>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/base/name_table.h"
#include "core/math/fast_math.h"

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

// The scalar of one lane: T itself for float and double, the element type for a vector type
// (which lives in core/kernels, a layer this one must not include).
template <typename T>
struct LaneScalar {
    using type = T;
};
template <typename T>
requires(!std::is_arithmetic_v<T>) struct LaneScalar<T> {
    using type = std::remove_cvref_t<decltype(std::declval<T&>()[0])>;
};
template <typename T>
using LaneScalarT = typename LaneScalar<T>::type;

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

// a = f(z) for an element-wise activation f (softmax works on whole rows: softmaxInPlace).
template <Activation F, typename T>
[[gnu::always_inline]] inline T activationForward(T z) {
    if constexpr (F == Activation::Tanh) {
        return fastmath::tanh(z);
    } else if constexpr (F == Activation::Sigmoid) {
        return sigmoidFromExp(z, expMinusAbs(z));
    } else if constexpr (F == Activation::Relu) {
        return z < T(0) ? T(0) : z;
    } else if constexpr (F == Activation::LeakyRelu) {
        return z > T(0) ? z : z * T(kLeakyReluSlope);
    } else {
        static_assert(F == Activation::Identity, "softmax is not element-wise: softmaxInPlace");
        return z;
    }
}

// grad * f'(z), written from f's output a = f(z). Not for softmax: the output layer's gradient
// comes from the loss (loss.h), which folds softmax and sigmoid into it.
template <Activation F, typename T>
[[gnu::always_inline]] inline T activationBackward(T grad, T a) {
    using S = LaneScalarT<T>;
    if constexpr (F == Activation::Tanh) {
        return grad * (S(1) - a * a);
    } else if constexpr (F == Activation::Sigmoid) {
        return grad * (a * (S(1) - a));
    } else if constexpr (F == Activation::Relu) {
        return a > S(0) ? grad : S(0);
    } else if constexpr (F == Activation::LeakyRelu) {
        return a > S(0) ? grad : grad * S(kLeakyReluSlope);
    } else {
        static_assert(F == Activation::Identity, "softmax has no element-wise derivative");
        return grad;
    }
}

// Softmax of one row (a matrix row or a row vector) in place: exp(z - max z) / sum, so that no
// exp overflows.
template <typename Row>
void softmaxInPlace(Row&& z) {
    auto row = z.array();
    row = (row - row.maxCoeff()).exp();
    row /= row.sum();
}

template <Activation F, typename Derived>
void activateEach(Eigen::MatrixBase<Derived>& z) {
    using T = typename Derived::Scalar;
    z = z.unaryExpr([](T x) { return activationForward<F>(x); });
}

// z (batch, units) := activation(z), softmax row by row: the output layer of a prediction.
template <typename Derived>
void activateInPlace(Activation activation, Eigen::MatrixBase<Derived>& z) {
    switch (activation) {
        case Activation::Tanh:
            return activateEach<Activation::Tanh>(z);
        case Activation::Sigmoid:
            return activateEach<Activation::Sigmoid>(z);
        case Activation::Relu:
            return activateEach<Activation::Relu>(z);
        case Activation::LeakyRelu:
            return activateEach<Activation::LeakyRelu>(z);
        case Activation::Identity:
            return;
        case Activation::Softmax:
            for (Eigen::Index r = 0; r < z.rows(); ++r) softmaxInPlace(z.row(r));
            return;
    }
}

}  // namespace bps
