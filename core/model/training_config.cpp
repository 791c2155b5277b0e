#include "core/model/training_config.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "core/model/limits.h"

namespace bps {

namespace {
// A limit as the messages write it: 0.9, 1, 1e-05.
std::string text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}
}  // namespace

std::string_view classWeightingName(ClassWeighting w) { return nameIn(kClassWeightingNames, w); }

std::optional<ClassWeighting> parseClassWeighting(std::string_view name) {
    return parseIn(kClassWeightingNames, name);
}

std::string TrainingConfig::validate() const {
    using namespace limits;
    for (int units : hidden)
        if (!kHiddenUnits.contains(units))
            return "hidden layer sizes must be between " + std::to_string(kHiddenUnits.min) +
                   " and " + std::to_string(kHiddenUnits.max);
    if (!isHiddenActivation(activation))
        return "the hidden activation must be tanh, sigmoid, relu or leaky_relu";
    if (!(live.learningRate > 0 && std::isfinite(live.learningRate)))
        return "learning rate must be a positive number";
    if (!isValidMomentum(live.momentum))
        return "momentum must be in [0, " + text(kMomentumEnd) + ")";
    if (!(live.l2 >= 0 && std::isfinite(live.l2))) return "L2 must be zero or positive";
    if (live.batchSize < 0) return "batch size must be 0 (full batch) or positive";
    if (epochs < kMinEpochs) return "epochs must be at least " + std::to_string(kMinEpochs);
    if (!kValidationFraction.contains(validationFraction))
        return "validation fraction must be between " + text(kValidationFraction.min) + " and " +
               text(kValidationFraction.max);
    if (earlyStoppingPatience < 0) return "early-stopping patience must be 0 (off) or positive";
    if (!(initScale > 0 && std::isfinite(initScale))) return "init scale must be a positive number";
    return {};
}

bool isValidMomentum(double momentum) { return momentum >= 0 && momentum < limits::kMomentumEnd; }

}  // namespace bps
