#include "core/evaluation/gains.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace bps {

namespace {

// As in metrics.cpp: NaN scores sort last, as one group, so the order is a strict weak ordering.
bool ranksBefore(double a, double b) { return !std::isnan(a) && (std::isnan(b) || a > b); }
bool sameScore(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

std::vector<Eigen::Index> highestFirst(const Eigen::VectorXd& scores) {
    std::vector<Eigen::Index> order(static_cast<std::size_t>(scores.size()));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
        return ranksBefore(scores(a), scores(b));
    });
    return order;
}

double countPositives(const Eigen::VectorXd& labels) {
    return static_cast<double>((labels.array() > 0.5).count());
}

}  // namespace

std::vector<GainsPoint> cumulativeGains(const Eigen::VectorXd& scores,
                                        const Eigen::VectorXd& labels) {
    const auto n = static_cast<double>(scores.size());
    if (n == 0) return {};
    const double totalPositives = countPositives(labels);
    const auto order = highestFirst(scores);
    std::vector<GainsPoint> curve{{0.0, 0.0, kNaN, std::numeric_limits<double>::infinity()}};
    double targeted = 0, captured = 0;
    std::size_t i = 0;
    while (i < order.size()) {
        const double s = scores(order[i]);
        for (; i < order.size() && sameScore(scores(order[i]), s); ++i) {
            targeted += 1;
            captured += labels(order[i]) > 0.5;
        }
        const double x = targeted / n;
        const double gain = totalPositives > 0 ? captured / totalPositives : 0.0;
        curve.push_back({x, gain, totalPositives > 0 ? gain / x : kNaN, s});
    }
    return curve;
}

std::vector<GainsGroup> gainsByGroup(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels,
                                     int groups) {
    const auto n = static_cast<std::size_t>(scores.size());
    const std::size_t g = std::min(static_cast<std::size_t>(std::max(groups, 1)), n);
    const double totalPositives = countPositives(labels);
    const double overallRate = n > 0 ? totalPositives / static_cast<double>(n) : kNaN;
    const auto order = highestFirst(scores);
    std::vector<GainsGroup> out;
    out.reserve(g);
    double cumulativePositives = 0;
    for (std::size_t b = 0; b < g; ++b) {
        const std::size_t begin = b * n / g, end = (b + 1) * n / g;
        GainsGroup group;
        for (std::size_t i = begin; i < end; ++i) {
            ++group.rows;
            group.positives += labels(order[i]) > 0.5;
        }
        group.lowestScore = scores(order[end - 1]);
        cumulativePositives += static_cast<double>(group.positives);
        group.responseRate = static_cast<double>(group.positives) / static_cast<double>(group.rows);
        if (totalPositives > 0) {
            group.lift = group.responseRate / overallRate;
            group.cumulativeGain = cumulativePositives / totalPositives;
            group.cumulativeLift =
                group.cumulativeGain / (static_cast<double>(end) / static_cast<double>(n));
        }
        out.push_back(group);
    }
    return out;
}

}  // namespace bps
