#pragma once
// Lift and cumulative gains of a binary score: target the rows with the highest scores first;
// which share of the positives has been reached after a given share of the rows, and how much
// better that is than picking rows at random.

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "core/base/types.h"

namespace bps {

struct GainsPoint {
    double fractionTargeted;  // share of the rows targeted so far (x)
    double fractionCaptured;  // share of all positives among them (the cumulative gain)
    double lift;              // fractionCaptured / fractionTargeted (NaN at x = 0)
    double threshold;         // the lowest score targeted (+inf at the origin)
};
// The full curve, one point per distinct score from high to low (tied scores are targeted
// together), starting at (0, 0) and ending at (1, 1). NaN scores rank lowest, as one group.
// Empty when there are no rows; fractionCaptured is 0 throughout when there is no positive.
std::vector<GainsPoint> cumulativeGains(const Eigen::VectorXd& scores,
                                        const Eigen::VectorXd& labels);

struct GainsGroup {
    std::int64_t rows = 0;
    std::int64_t positives = 0;
    double responseRate = kNaN;    // positives / rows in this group
    double lift = kNaN;            // responseRate / the overall positive rate
    double cumulativeGain = kNaN;  // share of all positives in this and the higher groups
    double cumulativeLift = kNaN;  // cumulativeGain / the share of rows in them
    double lowestScore = kNaN;
};
// Rows sorted by score, highest first (ties in row order), cut into `groups` groups (deciles by
// default) whose sizes differ by at most one.
std::vector<GainsGroup> gainsByGroup(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels,
                                     int groups = 10);

}  // namespace bps
