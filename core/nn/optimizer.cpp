#include "core/nn/optimizer.h"

#include <cmath>

namespace bps {

std::string_view optimizerName(OptimizerKind kind) { return nameIn(kOptimizerNames, kind); }

std::optional<OptimizerKind> parseOptimizer(std::string_view name) {
    return parseIn(kOptimizerNames, name);
}

template <typename T>
Optimizer<T>::Optimizer(OptimizerKind kind, bool nesterov, Eigen::Index parameterCount)
    : m_kind(kind), m_nesterov(nesterov) {
    if (kind != OptimizerKind::Sgd) m_first = VectorX<T>::Zero(parameterCount);
    if (kind == OptimizerKind::Adam) m_second = VectorX<T>::Zero(parameterCount);
}

template <typename T>
void Optimizer<T>::step(VectorX<T>& params, const VectorX<T>& grad, double learningRate,
                        double momentum) {
    ++m_steps;
    const T lr = T(learningRate);
    const Eigen::Index n = params.size();
    T* const p = params.data();
    const T* const g = grad.data();
    // One pass over plain arrays per step (no Eigen temporaries, nothing allocated).
    switch (m_kind) {
        case OptimizerKind::Sgd:
            for (Eigen::Index i = 0; i < n; ++i) p[i] -= lr * g[i];
            break;
        case OptimizerKind::Momentum: {
            const T mu = T(momentum);
            T* const v = m_first.data();
            for (Eigen::Index i = 0; i < n; ++i) {
                v[i] = mu * v[i] - lr * g[i];
                p[i] += m_nesterov ? mu * v[i] - lr * g[i] : v[i];
            }
            break;
        }
        case OptimizerKind::Adam: {
            const T b1 = T(m_adam.beta1), b2 = T(m_adam.beta2), eps = T(m_adam.epsilon);
            const double t = static_cast<double>(m_steps);
            const T c1 = T(1.0 / (1.0 - std::pow(m_adam.beta1, t)));
            const T c2 = T(1.0 / (1.0 - std::pow(m_adam.beta2, t)));
            T* const m = m_first.data();
            T* const v = m_second.data();
            for (Eigen::Index i = 0; i < n; ++i) {
                m[i] = b1 * m[i] + (T(1) - b1) * g[i];
                v[i] = b2 * v[i] + (T(1) - b2) * (g[i] * g[i]);
                p[i] -= lr * (m[i] * c1) / (std::sqrt(v[i] * c2) + eps);
            }
            break;
        }
    }
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace bps
