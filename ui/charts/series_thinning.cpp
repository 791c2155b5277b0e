#include "ui/charts/series_thinning.h"

#include <algorithm>
#include <cmath>

namespace bps {

namespace {
bool isFinite(const QPointF& p) { return std::isfinite(p.x()) && std::isfinite(p.y()); }
}  // namespace

QList<QPointF> thinMinMax(std::span<const QPointF> points, int budget) {
    const std::size_t limit = static_cast<std::size_t>(std::max(budget, 2));
    QList<QPointF> out;
    if (points.size() <= limit) {
        out.reserve(static_cast<qsizetype>(points.size()));
        for (const QPointF& p : points)
            if (isFinite(p)) out.append(p);
        return out;
    }
    // Two points per bucket; bucket edges are spread evenly so no bucket is more than one point
    // larger than another.
    const std::size_t buckets = limit / 2;
    const std::size_t n = points.size();
    out.reserve(static_cast<qsizetype>(limit));
    for (std::size_t b = 0; b < buckets; ++b) {
        const std::size_t begin = n * b / buckets;
        const std::size_t end = n * (b + 1) / buckets;
        std::size_t lo = end, hi = end;
        for (std::size_t i = begin; i < end; ++i) {
            if (!isFinite(points[i])) continue;
            if (lo == end || points[i].y() < points[lo].y()) lo = i;
            if (hi == end || points[i].y() > points[hi].y()) hi = i;
        }
        if (lo == end) continue;  // a bucket of NaNs only
        out.append(points[std::min(lo, hi)]);
        if (lo != hi) out.append(points[std::max(lo, hi)]);
    }
    return out;
}

}  // namespace bps
