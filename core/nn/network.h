#pragma once
// A dense feed-forward network whose parameters live in one flat vector, with per-layer Eigen
// maps onto it: the optimiser updates one vector, the gradient check walks one vector.
// Templated on the scalar: float for training speed, double for gradient checks.

#include <Eigen/Core>
#include <vector>

#include "core/math/activation.h"
#include "core/nn/batch_loss.h"

namespace bps {

class Rng;

struct LayerShape {
    int inputs = 0;
    int units = 0;
    Activation activation = Activation::Tanh;
};

// The layer shapes of a network: hidden layers with `hidden` activation, then the task's output.
std::vector<LayerShape> networkShape(int inputs, const std::vector<int>& hidden,
                                     Activation hiddenActivation, Task task, int outputs);

template <typename T>
class Network {
public:
    using Matrix = MatrixX<T>;
    using Vector = VectorX<T>;
    using MatrixMap = Eigen::Map<Matrix>;
    using ConstMatrixMap = Eigen::Map<const Matrix>;
    using VectorMap = Eigen::Map<Vector>;

    Network() = default;
    Network(std::vector<LayerShape> layers, Task task);

    // Glorot/Xavier uniform for tanh, sigmoid and the output layer, He normal for (leaky) relu,
    // biases zero; every weight then multiplied by `scale` (1 = the textbook scale).
    void initialise(Rng& rng, double scale = 1.0);

    Task task() const { return m_task; }
    int inputCount() const { return m_layers.front().inputs; }
    int outputCount() const { return m_layers.back().units; }
    int layerCount() const { return static_cast<int>(m_layers.size()); }
    const LayerShape& layer(int i) const { return m_layers[i]; }
    const std::vector<LayerShape>& layers() const { return m_layers; }

    Vector& parameters() { return m_params; }
    const Vector& parameters() const { return m_params; }
    Eigen::Index parameterCount() const { return m_params.size(); }
    // Offsets of layer i's weights (inputs x units, column-major) and bias in the flat vector.
    Eigen::Index weightOffset(int i) const { return m_offsets[i]; }
    Eigen::Index biasOffset(int i) const {
        return m_offsets[i] + Eigen::Index(m_layers[i].inputs) * m_layers[i].units;
    }
    MatrixMap weights(int i) { return weightsIn(m_params, i); }
    ConstMatrixMap weights(int i) const;
    VectorMap bias(int i) { return biasIn(m_params, i); }
    MatrixMap weightsIn(Vector& flat, int i) const;
    VectorMap biasIn(Vector& flat, int i) const;

    // Any column-major block of rows (a mini-batch, a chunk of a bigger matrix) without a copy.
    using ConstRef = Eigen::Ref<const Matrix>;

    // Forward pass on x (batch, inputs); keeps every layer's activations for backward().
    // Returns the output layer's logits (before sigmoid/softmax).
    const Matrix& forward(const ConstRef& x);
    // Activations of layer i from the last forward() (hidden layers: after the activation).
    const Matrix& activation(int i) const { return m_acts[i]; }

    // Loss of the last forward() summed over rows (weights may be empty).
    T lossSum(const Vector& targets, const Vector& sampleWeights) const;
    // Backward pass after forward(x): writes into `grad` (same layout as parameters()) the
    // gradient of  (1/divisor) * sum_i w_i * loss_i  +  (l2/2) * sum(W^2)  (weights, not biases).
    // Overwrites `grad`; never accumulates into it. Returns lossSum(targets, sampleWeights),
    // which comes out of the same pass over the logits as their gradient.
    T backward(const ConstRef& x, const Vector& targets, const Vector& sampleWeights, T divisor,
               T l2, Vector& grad);

    // Outputs after the output activation (probabilities or values) for x (rows, inputs).
    Matrix predict(const ConstRef& x);

private:
    Task m_task = Task::Binary;
    std::vector<LayerShape> m_layers;
    std::vector<Eigen::Index> m_offsets;
    Vector m_params;
    // Per-layer buffers, kept between calls: a step allocates nothing once the batch size has
    // been seen (each layer's own buffer never changes shape, so it is never reallocated).
    std::vector<Matrix> m_acts;    // m_acts[i]: output of layer i, (batch, units); last = logits
    std::vector<Matrix> m_deltas;  // m_deltas[i]: loss gradient w.r.t. layer i's pre-activation
};

extern template class Network<float>;
extern template class Network<double>;

}  // namespace bps
