#include "core/nn/network.h"

#include <cmath>
#include <stdexcept>

#include "core/base/random.h"
#include "core/kernels/dense_kernels.h"
#include "core/kernels/dense_products.h"

namespace bps {

std::vector<LayerShape> networkShape(int inputs, const std::vector<int>& hidden,
                                     Activation hiddenActivation, Task task, int outputs) {
    std::vector<LayerShape> layers;
    int previous = inputs;
    for (int units : hidden) {
        layers.push_back({previous, units, hiddenActivation});
        previous = units;
    }
    layers.push_back({previous, outputs, outputActivation(task)});
    return layers;
}

template <typename T>
Network<T>::Network(std::vector<LayerShape> layers, Task task)
    : m_task(task), m_layers(std::move(layers)) {
    if (m_layers.empty()) throw std::invalid_argument("a network needs at least one layer");
    Eigen::Index offset = 0;
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        const auto& l = m_layers[i];
        if (l.inputs <= 0 || l.units <= 0)
            throw std::invalid_argument("every layer needs at least one input and one unit");
        if (i > 0 && l.inputs != m_layers[i - 1].units)
            throw std::invalid_argument("layer sizes do not chain");
        m_offsets.push_back(offset);
        offset += Eigen::Index(l.inputs) * l.units + l.units;
    }
    m_params = Vector::Zero(offset);
    m_acts.resize(m_layers.size());
    m_deltas.resize(m_layers.size());
}

template <typename T>
void Network<T>::initialise(Rng& rng, double scale) {
    m_params.setZero();
    for (int i = 0; i < layerCount(); ++i) {
        const auto& l = m_layers[i];
        auto w = weights(i);
        const bool he = l.activation == Activation::Relu || l.activation == Activation::LeakyRelu;
        if (he) {
            const double sd = std::sqrt(2.0 / l.inputs) * scale;
            for (Eigen::Index k = 0; k < w.size(); ++k) w.data()[k] = T(rng.normal() * sd);
        } else {
            const double limit = std::sqrt(6.0 / (l.inputs + l.units)) * scale;
            for (Eigen::Index k = 0; k < w.size(); ++k)
                w.data()[k] = T((2.0 * rng.uniform() - 1.0) * limit);
        }
    }
}

template <typename T>
typename Network<T>::ConstMatrixMap Network<T>::weights(int i) const {
    return ConstMatrixMap(m_params.data() + m_offsets[i], m_layers[i].inputs, m_layers[i].units);
}

template <typename T>
typename Network<T>::MatrixMap Network<T>::weightsIn(Vector& flat, int i) const {
    return MatrixMap(flat.data() + m_offsets[i], m_layers[i].inputs, m_layers[i].units);
}

template <typename T>
typename Network<T>::VectorMap Network<T>::biasIn(Vector& flat, int i) const {
    return VectorMap(flat.data() + biasOffset(i), m_layers[i].units);
}

template <typename T>
const typename Network<T>::Matrix& Network<T>::forward(const ConstRef& x) {
    const int last = layerCount() - 1;
    for (int i = 0; i <= last; ++i) {
        const ConstRef input = i == 0 ? x : ConstRef(m_acts[i - 1]);
        Matrix& out = m_acts[i];
        out.resize(input.rows(), m_layers[i].units);
        products::multiply(input.data(), input.outerStride(), weights(i).data(), out.data(),
                           out.rows(), input.cols(), out.cols());
        // The output layer keeps its logits: the loss applies sigmoid/softmax itself, stably.
        const Activation a = i < last ? m_layers[i].activation : Activation::Identity;
        kernels::biasActivate(out.data(), out.rows(), out.cols(), out.rows(),
                              m_params.data() + biasOffset(i), a);
    }
    return m_acts[last];
}

template <typename T>
T Network<T>::lossSum(const Vector& targets, const Vector& sampleWeights) const {
    return bps::lossSum<T>(m_task, m_acts.back(), targets, sampleWeights);
}

template <typename T>
T Network<T>::backward(const ConstRef& x, const Vector& targets, const Vector& sampleWeights,
                       T divisor, T l2, Vector& grad) {
    grad.resize(m_params.size());
    const int last = layerCount() - 1;
    m_deltas.resize(m_layers.size());
    const T loss = lossGradient<T>(m_task, m_acts[last], targets, sampleWeights, T(1) / divisor,
                                   m_deltas[last]);
    for (int i = last; i >= 0; --i) {
        const ConstRef input = i == 0 ? x : ConstRef(m_acts[i - 1]);
        const Matrix& delta = m_deltas[i];
        auto gw = weightsIn(grad, i);
        products::multiplyTransposedLeft(input.data(), input.outerStride(), delta.data(), gw.data(),
                                         delta.rows(), input.cols(), delta.cols());
        if (l2 != T(0)) gw += l2 * weights(i);
        kernels::columnSums(delta.data(), delta.rows(), delta.cols(), grad.data() + biasOffset(i));
        if (i > 0) {
            Matrix& prev = m_deltas[i - 1];
            prev.resize(delta.rows(), m_layers[i].inputs);
            // delta * W^T times the previous activation's derivative, in one pass.
            products::backDelta(delta.data(), weights(i).data(), m_acts[i - 1].data(),
                                m_layers[i - 1].activation, prev.data(), delta.rows(), prev.cols(),
                                delta.cols());
        }
    }
    return loss;
}

template <typename T>
typename Network<T>::Matrix Network<T>::predict(const ConstRef& x) {
    Matrix out = forward(x);
    activateInPlace(m_layers.back().activation, out);
    return out;
}

template class Network<float>;
template class Network<double>;

}  // namespace bps
