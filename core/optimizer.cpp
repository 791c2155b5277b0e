#include "optimizer.h"

#include <cmath>

namespace bps {

std::string_view optimizerName(OptimizerKind kind) {
    switch (kind) {
        case OptimizerKind::Sgd: return "sgd";
        case OptimizerKind::Momentum: return "momentum";
        case OptimizerKind::Adam: return "adam";
    }
    return "unknown";
}

std::optional<OptimizerKind> parseOptimizer(std::string_view name) {
    if (name == "sgd") return OptimizerKind::Sgd;
    if (name == "momentum") return OptimizerKind::Momentum;
    if (name == "adam") return OptimizerKind::Adam;
    return std::nullopt;
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
    switch (m_kind) {
        case OptimizerKind::Sgd:
            params.noalias() -= lr * grad;
            break;
        case OptimizerKind::Momentum: {
            const T mu = T(momentum);
            m_first = mu * m_first - lr * grad;
            if (m_nesterov)
                params += mu * m_first - lr * grad;
            else
                params += m_first;
            break;
        }
        case OptimizerKind::Adam: {
            const T b1 = T(m_adam.beta1), b2 = T(m_adam.beta2);
            m_first = b1 * m_first + (T(1) - b1) * grad;
            m_second = b2 * m_second + (T(1) - b2) * grad.cwiseAbs2();
            const double t = static_cast<double>(m_steps);
            const T c1 = T(1.0 / (1.0 - std::pow(m_adam.beta1, t)));
            const T c2 = T(1.0 / (1.0 - std::pow(m_adam.beta2, t)));
            params.array() -= lr * (m_first.array() * c1) /
                              ((m_second.array() * c2).sqrt() + T(m_adam.epsilon));
            break;
        }
    }
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace bps
