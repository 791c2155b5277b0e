#pragma once
// Optimisers over one flat parameter vector. State (velocity, Adam moments) survives changes of
// the learning rate and momentum between steps: they are passed to every step.

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/base/name_table.h"
#include "core/math/loss.h"

namespace bps {

enum class OptimizerKind { Sgd, Momentum, Adam };

// As model files and --optimizer spell them.
inline constexpr NameTable<OptimizerKind, 3> kOptimizerNames{{
    {OptimizerKind::Sgd, "sgd"},
    {OptimizerKind::Momentum, "momentum"},
    {OptimizerKind::Adam, "adam"},
}};

std::string_view optimizerName(OptimizerKind kind);
std::optional<OptimizerKind> parseOptimizer(std::string_view name);

struct AdamConstants {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;
};

template <typename T>
class Optimizer {
public:
    Optimizer() = default;
    Optimizer(OptimizerKind kind, bool nesterov, Eigen::Index parameterCount);

    // One update of `params` from `grad`.
    void step(VectorX<T>& params, const VectorX<T>& grad, double learningRate, double momentum);

    OptimizerKind kind() const { return m_kind; }
    std::int64_t steps() const { return m_steps; }

private:
    OptimizerKind m_kind = OptimizerKind::Adam;
    bool m_nesterov = false;
    AdamConstants m_adam;
    std::int64_t m_steps = 0;
    VectorX<T> m_first;   // velocity (momentum) or first moment (Adam)
    VectorX<T> m_second;  // Adam's second moment
};

extern template class Optimizer<float>;
extern template class Optimizer<double>;

}  // namespace bps
