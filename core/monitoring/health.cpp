#include "core/monitoring/health.h"

#include <cmath>
#include <limits>

#include "core/kernels/dense_kernels.h"

namespace bps {

DataHealth measureData(const Dataset& data, const std::vector<Eigen::Index>& trainRows,
                       bool standardized) {
    DataHealth h;
    h.standardized = standardized;
    if (trainRows.empty()) return h;
    const Eigen::Index f = data.featureCount();
    double widest = 0, narrowest = std::numeric_limits<double>::infinity();
    for (Eigen::Index j = 0; j < f; ++j) {
        double sum = 0, sq = 0;
        for (Eigen::Index r : trainRows) sum += data.x(r, j);
        const double mean = sum / double(trainRows.size());
        for (Eigen::Index r : trainRows) sq += (data.x(r, j) - mean) * (data.x(r, j) - mean);
        const double sd = std::sqrt(sq / double(trainRows.size()));
        const std::string& name = data.inputName(j);
        const double rms = std::sqrt(sd * sd + mean * mean);
        if (rms > h.largestMagnitude) {
            h.largestMagnitude = rms;
            h.largestFeature = name;
        }
        if (!(sd > 1e-12 * std::max(1.0, std::abs(mean)))) {
            h.constantFeatures.push_back(name);
            continue;
        }
        if (sd > widest) {
            widest = sd;
            h.widestFeature = name;
        }
        if (sd < narrowest) {
            narrowest = sd;
            h.narrowestFeature = name;
        }
    }
    if (widest > 0) h.scaleSpread = widest / narrowest;
    if (data.task != Task::Regression && !data.classes.empty()) {
        std::vector<double> count(data.classes.size(), 0);
        for (Eigen::Index r : trainRows) count[static_cast<std::size_t>(data.y(r))] += 1;
        std::size_t rarest = 0;
        for (std::size_t c = 1; c < count.size(); ++c)
            if (count[c] < count[rarest]) rarest = c;
        h.minorityFraction = count[rarest] / double(trainRows.size());
        h.minorityClass = data.classes[rarest];
    }
    return h;
}

double referenceWeightStd(const LayerShape& layer) {
    if (layer.activation == Activation::Relu || layer.activation == Activation::LeakyRelu)
        return std::sqrt(2.0 / layer.inputs);
    // Uniform(-l, l) with l = sqrt(6 / (in + out)) has RMS l / sqrt(3).
    return std::sqrt(2.0 / (layer.inputs + layer.units));
}

void ActivationCensus::reset(const Network<float>& net) {
    const int hidden = net.layerCount() - 1;
    m_saturated.assign(static_cast<std::size_t>(hidden), 0);
    m_entries.assign(static_cast<std::size_t>(hidden), 0);
    m_everActive.assign(static_cast<std::size_t>(hidden), {});
    // Only (leaky) relu units can be dead; the others count as active from the start.
    for (int i = 0; i < hidden; ++i) {
        const Activation a = net.layer(i).activation;
        const bool canDie = a == Activation::Relu || a == Activation::LeakyRelu;
        m_everActive[static_cast<std::size_t>(i)].assign(
            static_cast<std::size_t>(net.layer(i).units), !canDie);
    }
}

void ActivationCensus::add(const Network<float>& net) {
    for (int i = 0; i + 1 < net.layerCount(); ++i) {
        const auto a = net.activation(i).array();
        const auto k = static_cast<std::size_t>(i);
        m_entries[k] += static_cast<double>(a.size());
        switch (net.layer(i).activation) {
            case Activation::Tanh:  // |a| > 0.99
                m_saturated[k] += double(kernels::countOutside(a.data(), a.size(), -0.99f, 0.99f));
                break;
            case Activation::Sigmoid:
                m_saturated[k] += double(kernels::countOutside(a.data(), a.size(), 0.01f, 0.99f));
                break;
            case Activation::Relu:
            case Activation::LeakyRelu:
                for (Eigen::Index u = 0; u < a.cols(); ++u)
                    if (!m_everActive[k][static_cast<std::size_t>(u)] && (a.col(u) > 0.0f).any())
                        m_everActive[k][static_cast<std::size_t>(u)] = true;
                break;
            default:
                break;
        }
    }
}

void ActivationCensus::writeTo(std::vector<LayerHealth>& layers) const {
    for (std::size_t i = 0; i < m_entries.size() && i < layers.size(); ++i) {
        layers[i].saturatedFraction = m_entries[i] > 0 ? m_saturated[i] / m_entries[i] : 0;
        double dead = 0;
        for (bool active : m_everActive[i]) dead += active ? 0 : 1;
        layers[i].deadFraction =
            m_everActive[i].empty() ? 0 : dead / double(m_everActive[i].size());
    }
}

}  // namespace bps
