#include "core/evaluation/histogram.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bps {

HistogramBins histogramBins(const std::vector<double>& values) {
    HistogramBins bins;
    double low = std::numeric_limits<double>::infinity(), high = -low;
    std::size_t finite = 0;
    for (double v : values) {
        if (!std::isfinite(v)) continue;
        low = std::min(low, v);
        high = std::max(high, v);
        ++finite;
    }
    if (finite == 0) return bins;
    if (!(high > low)) {
        bins.low = low - 0.5;
        bins.width = 1;
        bins.counts = {static_cast<std::int64_t>(finite)};
        return bins;
    }
    const auto count = static_cast<std::size_t>(
        std::clamp(std::lround(std::sqrt(static_cast<double>(finite))), 5L, 40L));
    bins.low = low;
    bins.width = (high - low) / static_cast<double>(count);
    bins.counts.assign(count, 0);
    for (double v : values) {
        if (!std::isfinite(v)) continue;
        // The maximum falls on the last bin's right edge: it belongs to the last bin.
        const auto i = static_cast<std::size_t>((v - low) / bins.width);
        ++bins.counts[std::min(i, count - 1)];
    }
    return bins;
}

}  // namespace bps
