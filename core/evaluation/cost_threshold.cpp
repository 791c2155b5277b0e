#include "core/evaluation/cost_threshold.h"

#include <algorithm>
#include <cmath>

#include "core/base/types.h"

namespace bps {

namespace {

double perRowCost(const CostPoint& p, const Costs& c) {
    const auto rows = static_cast<double>(p.truePositives + p.falsePositives + p.trueNegatives +
                                          p.falseNegatives);
    if (rows == 0) return kNaN;
    const double total = static_cast<double>(p.falsePositives) * c.falsePositive +
                         static_cast<double>(p.falseNegatives) * c.falseNegative -
                         static_cast<double>(p.truePositives) * c.truePositive -
                         static_cast<double>(p.trueNegatives) * c.trueNegative;
    return total / rows;
}

}  // namespace

CostPoint costAt(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels, const Costs& costs,
                 double threshold) {
    CostPoint p{threshold, 0, 0, 0, 0, kNaN};
    for (Eigen::Index i = 0; i < scores.size(); ++i) {
        const bool positive = labels(i) > 0.5, predicted = scores(i) >= threshold;
        ++(positive ? (predicted ? p.truePositives : p.falseNegatives)
                    : (predicted ? p.falsePositives : p.trueNegatives));
    }
    p.expectedCost = perRowCost(p, costs);
    return p;
}

std::vector<CostPoint> costCurve(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels,
                                 const Costs& costs) {
    // Rows by score, lowest first: raising the threshold past a run of tied scores turns that run
    // from predicted positive into predicted negative. NaN scores are always negative: left out
    // of the walk, counted in the start.
    std::vector<std::pair<double, bool>> rows;
    CostPoint start{0, 0, 0, 0, 0, kNaN};  // everything with a score positive
    for (Eigen::Index i = 0; i < scores.size(); ++i) {
        const bool positive = labels(i) > 0.5;
        if (std::isnan(scores(i))) {
            ++(positive ? start.falseNegatives : start.trueNegatives);
            continue;
        }
        rows.emplace_back(scores(i), positive);
        ++(positive ? start.truePositives : start.falsePositives);
    }
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<CostPoint> curve;
    CostPoint current = start;
    std::size_t i = 0;
    while (i < rows.size()) {
        const double s = rows[i].first;
        if (s > 0 && s < 1) {
            current.threshold = s;
            current.expectedCost = perRowCost(current, costs);
            curve.push_back(current);
        }
        for (; i < rows.size() && rows[i].first == s; ++i) {
            if (rows[i].second) {
                --current.truePositives;
                ++current.falseNegatives;
            } else {
                --current.falsePositives;
                ++current.trueNegatives;
            }
        }
    }
    if (!rows.empty() && rows.back().first < 1) {
        current.threshold = (std::max(rows.back().first, 0.0) + 1) / 2;
        current.expectedCost = perRowCost(current, costs);
        curve.push_back(current);
    }
    return curve;
}

CostPoint minimumCostThreshold(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels,
                               const Costs& costs) {
    const std::vector<CostPoint> curve = costCurve(scores, labels, costs);
    if (curve.empty()) return {0.5, 0, 0, 0, 0, kNaN};
    const CostPoint* best = &curve.front();
    for (const CostPoint& p : curve) {
        const double tolerance =
            1e-12 * std::max({1.0, std::abs(p.expectedCost), std::abs(best->expectedCost)});
        const double gap = p.expectedCost - best->expectedCost;
        if (gap < -tolerance) {
            best = &p;
        } else if (std::abs(gap) <= tolerance &&
                   std::abs(p.threshold - 0.5) < std::abs(best->threshold - 0.5)) {
            best = &p;
        }
    }
    return *best;
}

}  // namespace bps
