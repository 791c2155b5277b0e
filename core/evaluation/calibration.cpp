#include "core/evaluation/calibration.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bps {

namespace {

struct Scored {
    double p;
    double y;
};

void finishBin(ReliabilityBin& bin, double sumPredicted) {
    if (bin.count == 0) return;
    const auto n = static_cast<double>(bin.count);
    bin.meanPredicted = sumPredicted / n;
    bin.observedFrequency = static_cast<double>(bin.positives) / n;
    const Interval w = wilsonInterval(bin.positives, bin.count);
    bin.wilsonLow = w.low;
    bin.wilsonHigh = w.high;
}

std::vector<ReliabilityBin> uniformBins(const std::vector<Scored>& rows, int binCount) {
    std::vector<ReliabilityBin> bins(static_cast<std::size_t>(binCount));
    std::vector<double> sums(bins.size(), 0.0);
    for (std::size_t b = 0; b < bins.size(); ++b) {
        bins[b].lower = static_cast<double>(b) / binCount;
        bins[b].upper = static_cast<double>(b + 1) / binCount;
    }
    for (const Scored& r : rows) {
        // [lower, upper) except the last bin, which holds 1.0; scores outside [0, 1] are clamped.
        const int b = std::clamp(static_cast<int>(std::floor(r.p * binCount)), 0, binCount - 1);
        ++bins[b].count;
        bins[b].positives += r.y > 0.5;
        sums[b] += r.p;
    }
    for (std::size_t b = 0; b < bins.size(); ++b) finishBin(bins[b], sums[b]);
    return bins;
}

std::vector<ReliabilityBin> quantileBins(std::vector<Scored> rows, int binCount) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Scored& a, const Scored& b) { return a.p < b.p; });
    const std::size_t n = rows.size();
    const std::size_t bins = std::min<std::size_t>(static_cast<std::size_t>(binCount), n);
    std::vector<ReliabilityBin> out;
    out.reserve(bins);
    for (std::size_t b = 0; b < bins; ++b) {
        // Bin b holds rows [b*n/bins, (b+1)*n/bins): sizes differ by at most one. Tied scores may
        // straddle a boundary, which keeps the counts equal (the point of quantile bins).
        const std::size_t begin = b * n / bins, end = (b + 1) * n / bins;
        ReliabilityBin bin;
        bin.lower = rows[begin].p;
        bin.upper = rows[end - 1].p;
        double sum = 0;
        for (std::size_t i = begin; i < end; ++i) {
            ++bin.count;
            bin.positives += rows[i].y > 0.5;
            sum += rows[i].p;
        }
        finishBin(bin, sum);
        out.push_back(bin);
    }
    return out;
}

}  // namespace

Interval wilsonInterval(std::int64_t positives, std::int64_t count) {
    if (count <= 0) return {kNaN, kNaN};
    constexpr double z = 1.959963984540054;  // the normal 97.5% quantile
    const auto n = static_cast<double>(count);
    const double p = static_cast<double>(positives) / n;
    const double denom = 1 + z * z / n;
    const double centre = (p + z * z / (2 * n)) / denom;
    const double half = z / denom * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Reliability reliability(const Eigen::VectorXd& probabilities, const Eigen::VectorXd& outcomes,
                        int binCount, Binning binning) {
    binCount = std::max(binCount, 1);
    Reliability out;
    std::vector<Scored> rows;
    rows.reserve(static_cast<std::size_t>(probabilities.size()));
    double squared = 0;
    for (Eigen::Index i = 0; i < probabilities.size(); ++i) {
        if (std::isnan(probabilities(i))) {
            ++out.skipped;
            continue;
        }
        const double y = outcomes(i) > 0.5 ? 1.0 : 0.0;
        rows.push_back({probabilities(i), y});
        squared += (probabilities(i) - y) * (probabilities(i) - y);
    }
    out.rows = static_cast<std::int64_t>(rows.size());
    out.bins = binning == Binning::Uniform ? uniformBins(rows, binCount)
                                           : quantileBins(std::move(rows), binCount);
    if (out.rows == 0) return out;
    const auto n = static_cast<double>(out.rows);
    out.brier = squared / n;
    out.ece = 0;
    for (const ReliabilityBin& b : out.bins)
        if (b.count > 0)
            out.ece +=
                static_cast<double>(b.count) / n * std::abs(b.observedFrequency - b.meanPredicted);
    return out;
}

std::vector<Reliability> perClassReliability(const Eigen::MatrixXd& probabilities,
                                             const Eigen::VectorXd& targets, int binCount,
                                             Binning binning) {
    std::vector<Reliability> out;
    for (Eigen::Index c = 0; c < probabilities.cols(); ++c) {
        const Eigen::VectorXd isClass =
            (targets.array() == static_cast<double>(c)).cast<double>().matrix();
        out.push_back(reliability(probabilities.col(c), isClass, binCount, binning));
    }
    return out;
}

}  // namespace bps
