#include "ui/charts/min_max_series.h"

#include <algorithm>
#include <cmath>

#include "ui/charts/series_thinning.h"

namespace bps {

void MinMaxSeries::include(Extremes& e, std::size_t i) const {
    const QPointF& p = m_points[i];
    if (!std::isfinite(p.x()) || !std::isfinite(p.y())) return;
    const auto at = static_cast<std::uint32_t>(i);
    if (e.lo == kNone) {
        e.lo = e.hi = at;
        return;
    }
    if (p.y() < m_points[e.lo].y()) e.lo = at;
    if (p.y() > m_points[e.hi].y()) e.hi = at;
}

void MinMaxSeries::includeBlock(Extremes& e, const Extremes& block) const {
    if (block.lo == kNone) return;
    if (e.lo == kNone) {
        e = block;
        return;
    }
    // Blocks come after everything already in e, so a tie keeps e's earlier point.
    if (m_points[block.lo].y() < m_points[e.lo].y()) e.lo = block.lo;
    if (m_points[block.hi].y() > m_points[e.hi].y()) e.hi = block.hi;
}

void MinMaxSeries::append(const QPointF& point) {
    const std::size_t i = m_points.size();
    m_points.push_back(point);
    if (i % kBlock == 0) m_blocks.emplace_back();
    include(m_blocks.back(), i);
    if (m_points.size() > kMaxPoints) compact();
}

void MinMaxSeries::compact() {
    // Folds each run of four into its extremes (half the points), so the curve's minimum and
    // maximum survive every fold; the newest point stays as it is, so the chart ends where the
    // run is.
    constexpr std::size_t kRun = 4;
    const std::size_t folded = (m_points.size() - 1) / kRun * kRun;
    std::vector<QPointF> kept;
    kept.reserve(m_points.size() / 2 + kRun);
    for (std::size_t begin = 0; begin < folded; begin += kRun) {
        Extremes e;
        for (std::size_t i = begin; i < begin + kRun; ++i) include(e, i);
        if (e.lo == kNone) {  // no finite point: one stays, so the curve keeps its place
            kept.push_back(m_points[begin]);
            continue;
        }
        kept.push_back(m_points[std::min(e.lo, e.hi)]);
        if (e.lo != e.hi) kept.push_back(m_points[std::max(e.lo, e.hi)]);
    }
    kept.insert(kept.end(), m_points.begin() + static_cast<std::ptrdiff_t>(folded), m_points.end());
    clear();
    for (const QPointF& p : kept) {  // rebuilds the block summaries (no further fold: size < max)
        const std::size_t i = m_points.size();
        m_points.push_back(p);
        if (i % kBlock == 0) m_blocks.emplace_back();
        include(m_blocks.back(), i);
    }
}

void MinMaxSeries::clear() {
    m_points.clear();
    m_blocks.clear();
}

QList<QPointF> MinMaxSeries::thinned(int budget) const {
    const std::size_t limit = static_cast<std::size_t>(std::max(budget, 2));
    const std::size_t n = m_points.size();
    if (n <= limit) return thinMinMax(m_points, budget);
    // The buckets of thinMinMax: edges spread evenly, two points per bucket.
    const std::size_t buckets = limit / 2;
    QList<QPointF> out;
    out.reserve(static_cast<qsizetype>(limit));
    for (std::size_t b = 0; b < buckets; ++b) {
        const std::size_t begin = n * b / buckets;
        const std::size_t end = n * (b + 1) / buckets;
        Extremes e;
        std::size_t i = begin;
        for (; i < end && i % kBlock != 0; ++i) include(e, i);
        for (; i + kBlock <= end; i += kBlock) includeBlock(e, m_blocks[i / kBlock]);
        for (; i < end; ++i) include(e, i);
        if (e.lo == kNone) continue;  // a bucket of NaNs only
        out.append(m_points[std::min(e.lo, e.hi)]);
        if (e.lo != e.hi) out.append(m_points[std::max(e.lo, e.hi)]);
    }
    return out;
}

}  // namespace bps
