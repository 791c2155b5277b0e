#pragma once
// The mean and sample standard deviation of per-fold (or per-repeat) scores: what
// cross-validation reports and what the diagnosis compares against the spread between folds.

#include <vector>

#include "core/base/types.h"

namespace bps {

// Over the finite values only (a fold without one class has no ROC AUC); count says how many
// there were. sd is NaN without values and 0 with one.
struct MeanSd {
    double mean = kNaN;
    double sd = kNaN;
    int count = 0;
};
MeanSd meanSd(const std::vector<double>& values);

}  // namespace bps
