#pragma once
// A growing curve that thins itself for drawing in time proportional to the point budget, not
// to its length. It keeps, for every block of kBlock points, the positions of the block's lowest
// and highest finite point; thinning then reads whole blocks from those and scans only the
// partial blocks at bucket edges. The result is exactly thinMinMax(points(), budget): the same
// buckets, the same extremes, the same tie-breaking (the first of equal values).
// Memory is bounded: past kMaxPoints stored points, every run of four (all but the newest point)
// is folded into its lowest and highest finite point, in x order. The points keep their x, so the
// curve is drawn where it was; its minimum, maximum and newest point are never dropped; older
// epochs are kept coarser than recent ones.

#include <QList>
#include <QPointF>
#include <cstdint>
#include <span>
#include <vector>

namespace bps {

class MinMaxSeries {
public:
    static constexpr std::size_t kBlock = 64;
    static constexpr std::size_t kMaxPoints = std::size_t{1} << 18;  // 4 MiB of points

    void append(const QPointF& point);
    void clear();
    std::size_t size() const { return m_points.size(); }
    bool empty() const { return m_points.empty(); }
    const std::vector<QPointF>& points() const { return m_points; }

    // thinMinMax(points(), budget), computed from the block summaries.
    QList<QPointF> thinned(int budget) const;

private:
    static constexpr std::uint32_t kNone = ~std::uint32_t{0};
    struct Extremes {
        std::uint32_t lo = kNone, hi = kNone;  // positions of the lowest and highest point
    };
    // Folds point i into e, keeping the first of equal values (points arrive in x order).
    void include(Extremes& e, std::size_t i) const;
    void includeBlock(Extremes& e, const Extremes& block) const;
    void compact();

    std::vector<QPointF> m_points;
    std::vector<Extremes> m_blocks;  // m_blocks[b]: points [b * kBlock, (b + 1) * kBlock)
};

}  // namespace bps
