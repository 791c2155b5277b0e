#pragma once
// How well predicted probabilities match what happens: the reliability diagram (predicted
// probability against observed frequency, per bin), the Brier score and the expected calibration
// error. Binary scores directly; multiclass one class against the rest.

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "core/base/types.h"

namespace bps {

enum class Binning {
    Uniform,   // bins of equal width on [0, 1]; a bin may be empty
    Quantile,  // rows sorted by score, split into bins whose counts differ by at most one
};

struct ReliabilityBin {
    double lower = 0;  // uniform: the bin's edges; quantile: its lowest and highest score
    double upper = 0;
    std::int64_t count = 0;
    std::int64_t positives = 0;
    double meanPredicted = kNaN;      // NaN when the bin is empty
    double observedFrequency = kNaN;  // positives / count
    double wilsonLow = kNaN;          // 95% Wilson score interval of observedFrequency
    double wilsonHigh = kNaN;
};

struct Reliability {
    std::vector<ReliabilityBin> bins;  // in increasing score order
    double brier = kNaN;               // mean of (p - y)^2
    double ece = kNaN;         // sum over bins of count / rows * |observed - mean predicted|
    std::int64_t rows = 0;     // rows counted (NaN scores are left out, see skipped)
    std::int64_t skipped = 0;  // rows whose score was NaN
};

// probabilities: of the positive class, one per row; outcomes: 1 (positive) or 0. binCount >= 1.
Reliability reliability(const Eigen::VectorXd& probabilities, const Eigen::VectorXd& outcomes,
                        int binCount = 10, Binning binning = Binning::Uniform);

// One class against the rest, for each class: probabilities (rows, k), targets class indices.
std::vector<Reliability> perClassReliability(const Eigen::MatrixXd& probabilities,
                                             const Eigen::VectorXd& targets, int binCount = 10,
                                             Binning binning = Binning::Uniform);

// The 95% Wilson score interval of a proportion positives / count ({NaN, NaN} when count is 0).
struct Interval {
    double low;
    double high;
};
Interval wilsonInterval(std::int64_t positives, std::int64_t count);

}  // namespace bps
