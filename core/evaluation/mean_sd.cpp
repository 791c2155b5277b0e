#include "core/evaluation/mean_sd.h"

#include <cmath>

namespace bps {

MeanSd meanSd(const std::vector<double>& values) {
    MeanSd s;
    double sum = 0;
    for (double v : values)
        if (std::isfinite(v)) {
            sum += v;
            ++s.count;
        }
    if (s.count == 0) return s;
    s.mean = sum / s.count;
    double sq = 0;
    for (double v : values)
        if (std::isfinite(v)) sq += (v - s.mean) * (v - s.mean);
    s.sd = s.count > 1 ? std::sqrt(sq / (s.count - 1)) : 0.0;
    return s;
}

}  // namespace bps
