#pragma once
// One delivery's per-layer health, flat: every epoch's LayerHealth one after the other. The
// training thread sends its epochs as scalars (scalarsOf) with one HealthBatch beside them, so
// a delivery of thousands of epochs is a few buffers that cross threads instead of two vectors
// per epoch: those were allocated on the worker and freed on the GUI thread, which cost the
// worker's allocator its fast path (bench/results.md, "One buffer of health per delivery").

#include <QMetaType>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/monitoring/epoch_report.h"

namespace bps {

class HealthBatch {
public:
    // The health of `reports`, in order (for callers that hold whole reports).
    static HealthBatch of(std::span<const EpochReport> reports);

    void append(std::span<const LayerHealth> epoch);
    std::size_t epochs() const { return m_ends.size(); }
    // The layers of the batch's `index`-th epoch, input side first.
    std::span<const LayerHealth> epoch(std::size_t index) const;

private:
    std::vector<LayerHealth> m_layers;
    std::vector<std::uint32_t> m_ends;  // one past each epoch's last layer in m_layers
};

using HealthBatchPtr = std::shared_ptr<const HealthBatch>;

}  // namespace bps

Q_DECLARE_METATYPE(bps::HealthBatchPtr)
