#pragma once
// The epochs of the current curve that the window keeps for File > Export History and for
// continuing a run, bounded in memory however long the run is (issue 15: ~300 bytes an epoch
// used to add up to gigabytes). Every epoch is kept up to kMaxStored; past that only every
// stride()-th epoch (counted from the first) is kept, the stride doubling each time the store is
// full again, plus always the newest epoch. Per-layer health is not stored (see
// TrainingController::lastReport()).

#include <cstddef>
#include <vector>

#include "core/monitoring/epoch_report.h"

namespace bps {

class EpochHistory {
public:
    static constexpr std::size_t kMaxStored = 100'000;

    void clear();
    // Stored without its per-layer health and class shares (scalarsOf).
    void append(const EpochReport& report);

    // The kept epochs, oldest first; the last one is the newest epoch appended.
    const std::vector<EpochReport>& reports() const { return m_reports; }
    bool empty() const { return m_reports.empty(); }
    const EpochReport& back() const { return m_reports.back(); }
    // Epochs appended since clear(), kept or not.
    std::size_t appendedCount() const { return m_appended; }
    // 1 while every epoch is kept; else every stride()-th one is (and the newest).
    std::size_t stride() const { return m_stride; }

private:
    void thin();

    std::vector<EpochReport> m_reports;
    std::size_t m_appended = 0;
    std::size_t m_stride = 1;
    bool m_newestOffStride = false;  // the last kept report is there only as the newest
};

}  // namespace bps
