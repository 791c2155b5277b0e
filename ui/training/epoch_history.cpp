#include "ui/training/epoch_history.h"

#include <utility>

namespace bps {

void EpochHistory::clear() {
    m_reports.clear();
    m_appended = 0;
    m_stride = 1;
    m_newestOffStride = false;
}

void EpochHistory::append(const EpochReport& full) {
    EpochReport report = scalarsOf(full);
    // The previous newest was kept only for being the newest: this one takes its place.
    if (m_newestOffStride) m_reports.pop_back();
    m_newestOffStride = m_appended % m_stride != 0;
    m_reports.push_back(std::move(report));
    ++m_appended;
    if (m_reports.size() > kMaxStored) thin();
}

void EpochHistory::thin() {
    // Stored on-stride reports are the epochs 0, s, 2s, ... (counted from 0); the doubled stride
    // keeps every other one of those. The newest is kept either way.
    const EpochReport newest = m_reports.back();
    const std::size_t onStride = m_reports.size() - (m_newestOffStride ? 1 : 0);
    std::size_t kept = 0;
    for (std::size_t j = 0; j < onStride; j += 2) m_reports[kept++] = std::move(m_reports[j]);
    m_reports.resize(kept);
    m_stride *= 2;
    const std::size_t newestIndex = m_appended - 1;
    m_newestOffStride = newestIndex % m_stride != 0;
    if (m_newestOffStride) m_reports.push_back(newest);
}

}  // namespace bps
