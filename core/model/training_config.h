#pragma once
// Everything that defines a training run. `LiveHyperparameters` may change between epochs of a
// running Trainer; the rest needs a new Trainer.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/name_table.h"
#include "core/math/activation.h"
#include "core/math/loss.h"
#include "core/nn/optimizer.h"

namespace bps {

enum class ClassWeighting { None, Balanced };

// As model files and --class-weight spell them.
inline constexpr NameTable<ClassWeighting, 2> kClassWeightingNames{{
    {ClassWeighting::None, "none"},
    {ClassWeighting::Balanced, "balanced"},
}};

std::string_view classWeightingName(ClassWeighting w);
std::optional<ClassWeighting> parseClassWeighting(std::string_view name);

struct LiveHyperparameters {
    double learningRate = 0.01;
    double momentum = 0.9;  // momentum optimiser only
    double l2 = 0.0;        // weight decay on weights (not biases)
    int batchSize = 256;    // 0 = the whole training set

    bool operator==(const LiveHyperparameters&) const = default;
};

// Momentum in [0, 1) (limits::kMomentumEnd): what validate() and Trainer::setLive accept.
bool isValidMomentum(double momentum);

struct TrainingConfig {
    std::vector<int> hidden{16};
    Activation activation = Activation::Tanh;
    OptimizerKind optimizer = OptimizerKind::Adam;
    bool nesterov = false;
    LiveHyperparameters live;
    int epochs = 200;
    double validationFraction = 0.2;
    std::uint64_t seed = 1;
    ClassWeighting classWeight = ClassWeighting::None;
    int earlyStoppingPatience = 0;  // 0 = off
    bool standardize = true;
    double initScale = 1.0;  // multiplies the Glorot/He initialisation

    // An empty string if the config is usable, else what is wrong with it. The ranges are
    // limits.h's.
    std::string validate() const;

    // Field by field (doubles compare by value: 0.0 == -0.0, NaN never equal).
    bool operator==(const TrainingConfig&) const = default;
};

}  // namespace bps
