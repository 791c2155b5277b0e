#include "core/model/training_config.h"

#include <cmath>
#include <string>

namespace bps {

std::string_view classWeightingName(ClassWeighting w) { return nameIn(kClassWeightingNames, w); }

std::optional<ClassWeighting> parseClassWeighting(std::string_view name) {
    return parseIn(kClassWeightingNames, name);
}

std::string TrainingConfig::validate() const {
    for (int units : hidden)
        if (units < 1 || units > 100000) return "hidden layer sizes must be between 1 and 100000";
    if (!isHiddenActivation(activation)) return "the hidden activation must be tanh, sigmoid, relu or leaky_relu";
    if (!(live.learningRate > 0 && std::isfinite(live.learningRate)))
        return "learning rate must be a positive number";
    if (!(live.momentum >= 0 && live.momentum < 1)) return "momentum must be in [0, 1)";
    if (!(live.l2 >= 0 && std::isfinite(live.l2))) return "L2 must be zero or positive";
    if (live.batchSize < 0) return "batch size must be 0 (full batch) or positive";
    if (epochs < 1) return "epochs must be at least 1";
    if (!(validationFraction >= 0 && validationFraction <= 0.9))
        return "validation fraction must be between 0 and 0.9";
    if (earlyStoppingPatience < 0) return "early-stopping patience must be 0 (off) or positive";
    if (!(initScale > 0 && std::isfinite(initScale))) return "init scale must be a positive number";
    return {};
}

}  // namespace bps
