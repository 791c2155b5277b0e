#pragma once
// Training health: the numbers the diagnosis reasons over. Per layer and epoch: gradient norm,
// update-to-weight ratio, weight norm, saturated and dead units, parameters that did not move.
// For the data, once: how different the feature scales are, constant columns, class balance.

#include <Eigen/Core>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/nn/network.h"

namespace bps {

struct LayerHealth {
    double gradientNorm = 0;       // mean over the epoch's steps of |grad| (weights and bias)
    double updateRatio = 0;        // mean over steps of |delta w| / |w|
    double weightNorm = 0;         // |W| at the end of the epoch
    double weightStd = 0;          // RMS of W
    double referenceStd = 0;       // RMS of W the Glorot/He initialisation gives this layer
    double saturatedFraction = 0;  // tanh |a| > 0.99, sigmoid a < 0.01 or > 0.99 (validation rows)
    double deadFraction = 0;       // (leaky) relu units never positive on the validation rows
    double unchangedFraction = 0;  // parameters that did not change at all this epoch
    bool weightsFrozen = false;    // no weight of the layer has changed since training started
    bool biasFrozen = false;       // no bias of the layer has changed since training started
};

struct DataHealth {
    double scaleSpread = 1;  // max std / min std of the raw features (constant ones left out)
    std::string widestFeature, narrowestFeature;
    double largestMagnitude = 0;  // largest RMS of a raw feature (far from 1: unscaled)
    std::string largestFeature;
    std::vector<std::string> constantFeatures;
    double minorityFraction = 0;  // classification: the rarest class's share of the rows
    std::string minorityClass;
    bool standardized = true;
};

DataHealth measureData(const Dataset& data, const std::vector<Eigen::Index>& trainRows,
                       bool standardized);

// RMS of the weights that the default initialisation gives a layer of this shape.
double referenceWeightStd(const LayerShape& layer);

// Adds one evaluation chunk's activations to the saturation and dead-unit counts of `layers`.
// `everActive[i]` tracks, per unit of hidden layer i, whether it was ever positive.
class ActivationCensus {
public:
    void reset(const Network<float>& net);
    void add(const Network<float>& net);
    void writeTo(std::vector<LayerHealth>& layers) const;

private:
    std::vector<double> m_saturated;
    std::vector<double> m_entries;
    std::vector<std::vector<bool>> m_everActive;
};

}  // namespace bps
