#pragma once
// Equal-width bins over numeric values: the Results tab's residual histogram, the Data tab's
// regression target and the HTML report's residuals all bin the same way.

#include <cstdint>
#include <vector>

namespace bps {

struct HistogramBins {
    double low = 0;    // left edge of the first bin
    double width = 0;  // every bin's width (> 0 when there are bins)
    std::vector<std::int64_t> counts;
};

// Equal-width bins over the finite values (NaN and infinities are left out): about sqrt(n) of
// them, between 5 and 40, so a few hundred rows show a shape and a million rows stay readable.
// All values equal: one bin of width 1 centred on them. No finite value: no bins.
HistogramBins histogramBins(const std::vector<double>& values);

}  // namespace bps
