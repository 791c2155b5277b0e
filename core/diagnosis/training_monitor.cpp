#include "core/diagnosis/training_monitor.h"

#include <algorithm>
#include <cmath>

namespace bps {

void TrainingMonitor::observe(const EpochReport& r) {
    ++m_epochs;
    // Tens of thousands of times a second on a small table: the oldest report's vectors keep
    // their capacity for the newest instead of being freed and allocated again.
    if (m_recent.size() >= kWindow) {
        EpochReport oldest = std::move(m_recent.front());
        m_recent.pop_front();
        oldest = r;
        m_recent.push_back(std::move(oldest));
    } else {
        m_recent.push_back(r);
    }
    if (std::isfinite(r.trainLoss)) m_minTrain = std::min(m_minTrain, r.trainLoss);
    if (std::isfinite(r.trainLoss) && r.trainLoss < m_previousTrain && r.learningRate > 0)
        m_stableRate = r.learningRate;
    m_previousTrain = r.trainLoss;
    if (std::isfinite(r.validationLoss) && r.validationLoss < m_bestVal) {
        m_bestVal = r.validationLoss;
        m_bestEpoch = r.epoch;
        m_trainAtBest = r.trainLoss;
    }
}

void TrainingMonitor::reset() { *this = TrainingMonitor(); }

}  // namespace bps
