#pragma once
// Finite differences against backpropagation, layer by layer, in double precision.

#include <functional>
#include <vector>

#include "core/base/progress.h"
#include "core/nn/network.h"

namespace bps {

struct LayerGradientCheck {
    int layer = 0;             // 1-based
    double relativeError = 0;  // |g - g_numeric| / |g + g_numeric| over the layer's parameters
    double gradientNorm = 0;
};

struct GradientCheckResult {
    std::vector<LayerGradientCheck> layers;
    double maxRelativeError = 0;
    bool passed = false;  // every layer within the tolerance
    double tolerance = 1e-6;
    bool cancelled = false;  // the progress callback asked to stop; the errors are partial
};

// Tests only: changes the backprop gradient before it is compared, to show that a broken
// derivative is caught.
using GradientTamper = std::function<void(const Network<double>&, VectorX<double>&)>;

// Central differences with step 1e-6 * (1 + |theta|) on the objective backward() differentiates
// (mean weighted loss plus L2). `net` is used as scratch and left as it was.
GradientCheckResult checkGradients(Network<double>& net, const MatrixX<double>& x,
                                   const VectorX<double>& targets, const VectorX<double>& weights,
                                   double l2, const GradientTamper& tamper = {},
                                   const ToolProgress& progress = {});

}  // namespace bps
