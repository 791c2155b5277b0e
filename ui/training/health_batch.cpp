#include "ui/training/health_batch.h"

namespace bps {

HealthBatch HealthBatch::of(std::span<const EpochReport> reports) {
    HealthBatch batch;
    for (const EpochReport& r : reports) batch.append(r.layers);
    return batch;
}

void HealthBatch::append(std::span<const LayerHealth> epoch) {
    m_layers.insert(m_layers.end(), epoch.begin(), epoch.end());
    m_ends.push_back(static_cast<std::uint32_t>(m_layers.size()));
}

std::span<const LayerHealth> HealthBatch::epoch(std::size_t index) const {
    const std::size_t begin = index == 0 ? 0 : m_ends[index - 1];
    return std::span(m_layers).subspan(begin, m_ends[index] - begin);
}

}  // namespace bps
