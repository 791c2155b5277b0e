#pragma once
// What a hyperparameter sweep tries: a grid ("lr=1e-3,1e-2; hidden=8,16x8; activation=tanh,relu",
// every combination) or ranges sampled at random ("lr=log:1e-4..1; l2=0..1e-2; batch=32,64"),
// parsed into settings, each a few values that override a base TrainingConfig.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/training_config.h"

namespace bps {

enum class SweepParameter {
    LearningRate,
    L2,
    Momentum,
    BatchSize,
    Hidden,  // "16", "32x16", "none" (no hidden layer)
    Activation,
    Optimizer,
    Epochs,
    InitScale,
};

// As the sweep text and the results' columns spell them: lr, l2, momentum, batch, hidden,
// activation, optimizer, epochs, init_scale.
std::string_view sweepParameterName(SweepParameter parameter);
// Every name, comma-separated, for messages.
std::string sweepParameterNames();

struct SweepRange {
    double low = 0;
    double high = 0;
    bool log = false;  // sampled uniformly in log(value)
};

struct SweepDimension {
    SweepParameter parameter = SweepParameter::LearningRate;
    std::vector<std::string> values;  // a list, each value as written
    std::optional<SweepRange> range;  // or a range (random search only)
};

struct SweepSpace {
    std::vector<SweepDimension> dimensions;
};

// Parts separated by ';', each `name=value,value,...` or (with allowRanges) `name=low..high` or
// `name=log:low..high`. Throws DataError naming the bad part and what was expected; every
// value is checked against the training limits.
SweepSpace parseSweepSpace(std::string_view text, bool allowRanges);

// One configuration to try: a value per dimension, as text (what the results show).
struct SweepSetting {
    std::vector<std::pair<SweepParameter, std::string>> values;
    // "lr=0.01 hidden=16x8"
    std::string describe() const;
};

// Every combination, the first dimension varying slowest. Throws DataError if the space holds a
// range (a grid needs lists).
std::vector<SweepSetting> gridSettings(const SweepSpace& space);
// `count` settings drawn with `seed`: a list value uniformly, a range uniformly (in log for a
// log range; whole numbers for batch and epochs), printed to 4 significant digits.
std::vector<SweepSetting> randomSettings(const SweepSpace& space, int count, std::uint64_t seed);

// `base` with the setting's values. Throws DataError naming the value when the result is not a
// usable config (TrainingConfig::validate()).
TrainingConfig applySetting(const TrainingConfig& base, const SweepSetting& setting);

}  // namespace bps
