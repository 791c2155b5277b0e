#include "core/training/health_recorder.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/kernels/dense_kernels.h"

namespace bps {

namespace {
// Segment of layer i's parameters (weights, then bias) in the flat vector.
template <typename V>
auto layerBlock(V& flat, const Network<float>& net, int i) {
    const Eigen::Index begin = net.weightOffset(i);
    return flat.segment(begin, net.biasOffset(i) + net.layer(i).units - begin);
}
}  // namespace

HealthRecorder::HealthRecorder(const Network<float>& net, DiagnosisContext context)
    : m_context(std::move(context)), m_initial(net.parameters()) {
    m_context.initialLayers = weightHealth(net);
    m_stepSums.resize(static_cast<std::size_t>(net.layerCount()));
}

std::vector<LayerHealth> HealthRecorder::weightHealth(const Network<float>& net) {
    std::vector<LayerHealth> layers(static_cast<std::size_t>(net.layerCount()));
    for (int i = 0; i < net.layerCount(); ++i) {
        auto& h = layers[static_cast<std::size_t>(i)];
        // Summed in double (float squares overflow for weights near the float limit, a huge
        // init), as an expression: no copy of the weights every epoch.
        const auto w = net.weights(i);
        const double squares = w.cast<double>().squaredNorm();
        h.weightNorm = std::sqrt(squares);
        h.weightStd = std::sqrt(squares / double(w.size()));
        h.referenceStd = referenceWeightStd(net.layer(i));
    }
    return layers;
}

void HealthRecorder::beginEpoch() {
    std::fill(m_stepSums.begin(), m_stepSums.end(), LayerHealth{});
    m_steps = 0;
}

void HealthRecorder::beforeStep(const Network<float>& net) { m_beforeStep = net.parameters(); }

void HealthRecorder::afterStep(const Network<float>& net, const VectorX<float>& gradient) {
    for (int i = 0; i < net.layerCount(); ++i) {
        auto& h = m_stepSums[static_cast<std::size_t>(i)];
        const Eigen::Index begin = net.weightOffset(i);
        const Eigen::Index size = net.biasOffset(i) + net.layer(i).units - begin;
        const kernels::StepNorms norms =
            kernels::stepNorms(gradient.data() + begin, m_beforeStep.data() + begin,
                               net.parameters().data() + begin, size);
        h.gradientNorm += std::sqrt(norms.gradient);
        h.updateRatio += std::sqrt(norms.update) / std::max(std::sqrt(norms.before), 1e-30);
    }
    ++m_steps;
}

void HealthRecorder::recordEpoch(const Network<float>& net, const VectorX<float>& epochStart,
                                 const ActivationCensus& census,
                                 std::vector<LayerHealth>& layers) const {
    layers = m_stepSums;
    census.writeTo(layers);
    const std::vector<LayerHealth> weights = weightHealth(net);
    for (int i = 0; i < net.layerCount(); ++i) {
        auto& h = layers[static_cast<std::size_t>(i)];
        if (m_steps > 0) {
            h.gradientNorm /= m_steps;
            h.updateRatio /= m_steps;
        }
        h.weightNorm = weights[static_cast<std::size_t>(i)].weightNorm;
        h.weightStd = weights[static_cast<std::size_t>(i)].weightStd;
        h.referenceStd = weights[static_cast<std::size_t>(i)].referenceStd;
        const auto now = layerBlock(net.parameters(), net, i);
        h.unchangedFraction =
            double((now.array() == layerBlock(epochStart, net, i).array()).count()) /
            double(now.size());
        const Eigen::Index nw = Eigen::Index(net.layer(i).inputs) * net.layer(i).units;
        const auto initial = layerBlock(m_initial, net, i);
        h.weightsFrozen = now.head(nw) == initial.head(nw);
        h.biasFrozen = now.tail(net.layer(i).units) == initial.tail(net.layer(i).units);
    }
}

std::vector<Finding> HealthRecorder::diagnose(StopReason stopReason,
                                              const std::string& divergence) const {
    return bps::diagnose(m_monitor, m_context, stopReason, divergence);
}

}  // namespace bps
