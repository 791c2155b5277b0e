#pragma once
// The decision threshold that minimises expected cost. Each outcome of a binary decision has a
// price: a false positive and a false negative cost something, a true positive (and, rarely, a
// true negative) earns something. A row is predicted positive when its score >= the threshold,
// as everywhere else (core/evaluation/metrics.h); a NaN score is never positive.

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace bps {

struct Costs {
    double falsePositive = 1;  // cost of each false positive
    double falseNegative = 1;  // cost of each false negative
    double truePositive = 0;   // benefit of each true positive (subtracted from the cost)
    double trueNegative = 0;   // benefit of each true negative (subtracted from the cost)
};

struct CostPoint {
    double threshold;
    std::int64_t truePositives;
    std::int64_t falsePositives;
    std::int64_t trueNegatives;
    std::int64_t falseNegatives;
    double expectedCost;  // per row: (FP cFP + FN cFN - TP bTP - TN bTN) / rows
};

// Expected cost at every threshold that gives a different decision on these rows, in increasing
// threshold order: each distinct score in (0, 1) (the rows at and above it are positive), and,
// when the highest score is below 1, the midpoint between it and 1 (no row positive). Thresholds
// are kept inside (0, 1) because a model's threshold must be (core/io/model_file.h).
std::vector<CostPoint> costCurve(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels,
                                 const Costs& costs);

// The point of costCurve with the lowest expected cost. Ties (costs equal to 1e-12 relative) go
// to the threshold closest to 0.5, then to the lower one, so equal costs reproduce the usual
// decision when it is among the best. Precondition: costCurve is not empty (some score in (0, 1)
// or below 1); otherwise the returned point has threshold 0.5 and NaN cost.
CostPoint minimumCostThreshold(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels,
                               const Costs& costs);

// The cost of one threshold on these rows (any threshold, not only the curve's).
CostPoint costAt(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels, const Costs& costs,
                 double threshold);

}  // namespace bps
