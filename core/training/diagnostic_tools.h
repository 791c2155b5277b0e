#pragma once
// The tools a user runs on a struggling network: the learning-rate range test, the gradient
// check and the tiny-batch overfit. Each works on a copy of the trainer's current network and
// its prepared training rows and leaves the trainer as it was; each takes an optional progress
// callback that may cancel it (see ToolProgress).

#include <string>
#include <vector>

#include "core/base/progress.h"
#include "core/model/limits.h"
#include "core/nn/gradient_check.h"

namespace bps {

class Trainer;

struct RangeTestResult {
    std::vector<double> rates;   // one per mini-batch, growing exponentially
    std::vector<double> losses;  // smoothed loss after the step at that rate
    double suggestedRate = 0;    // where the smoothed loss falls fastest
    double minLossRate = 0;
    bool stoppedEarly = false;  // the loss blew up before the last rate
    bool cancelled = false;     // the progress callback asked to stop
};

struct OverfitResult {
    int rows = 0;
    int steps = 0;
    double initialLoss = 0;
    double finalLoss = 0;
    bool passed = false;  // the loss came close to zero
    std::string verdict;
    bool cancelled = false;  // the progress callback asked to stop
};

// Trains a copy over `steps` mini-batches at rates growing exponentially from minRate to
// maxRate, with a fresh optimiser of the run's kind, and suggests a rate.
RangeTestResult rangeTest(const Trainer& trainer, int steps = limits::kRangeTestSteps,
                          double minRate = limits::kRangeTestRates.min,
                          double maxRate = limits::kRangeTestRates.max,
                          const ToolProgress& progress = {});
// Backprop against finite differences, in double, on the current weights and the first `rows`
// training rows.
GradientCheckResult gradientCheck(const Trainer& trainer, int rows = limits::kGradientCheckRows,
                                  const GradientTamper& tamper = {},
                                  const ToolProgress& progress = {});
// Whether a fresh optimiser can drive the loss on the first `rows` training rows to about zero
// within `steps` steps.
OverfitResult overfitTinyBatch(const Trainer& trainer, int rows = limits::kOverfitRows,
                               int steps = limits::kOverfitSteps,
                               const ToolProgress& progress = {});

}  // namespace bps
