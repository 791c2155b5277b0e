#include "core/diagnosis/training_monitor.h"

#include <algorithm>
#include <cmath>

namespace bps {

void TrainingMonitor::observe(const EpochReport& r) {
    ++m_epochs;
    m_recent.push_back(r);
    if (m_recent.size() > kWindow) m_recent.pop_front();
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
