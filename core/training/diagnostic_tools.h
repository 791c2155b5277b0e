#pragma once
// Results of the tools a user runs on a struggling network (see Trainer::rangeTest,
// Trainer::gradientCheck and Trainer::overfitTinyBatch). None of them changes the trainer.

#include <functional>
#include <string>
#include <vector>

#include "core/base/progress.h"

namespace bps {

struct RangeTestResult {
    std::vector<double> rates;    // one per mini-batch, growing exponentially
    std::vector<double> losses;   // smoothed loss after the step at that rate
    double suggestedRate = 0;     // where the smoothed loss falls fastest
    double minLossRate = 0;
    bool stoppedEarly = false;    // the loss blew up before the last rate
    bool cancelled = false;       // the progress callback asked to stop
};

struct OverfitResult {
    int rows = 0;
    int steps = 0;
    double initialLoss = 0;
    double finalLoss = 0;
    bool passed = false;          // the loss came close to zero
    std::string verdict;
    bool cancelled = false;       // the progress callback asked to stop
};

}  // namespace bps
