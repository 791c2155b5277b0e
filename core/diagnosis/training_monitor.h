#pragma once
// What the diagnosis rules need from a stream of epoch reports, kept in constant memory: the
// last kWindow reports, the best validation loss and the lowest training loss so far.

#include <cstddef>
#include <deque>
#include <limits>

#include "core/monitoring/epoch_report.h"

namespace bps {

class TrainingMonitor {
public:
    static constexpr std::size_t kWindow = 50;

    void observe(const EpochReport& report);
    void reset();

    int epochs() const { return m_epochs; }
    const std::deque<EpochReport>& recent() const { return m_recent; }
    double bestValidationLoss() const { return m_bestVal; }
    int bestEpoch() const { return m_bestEpoch; }
    double trainLossAtBest() const { return m_trainAtBest; }
    double minTrainLoss() const { return m_minTrain; }
    // The learning rate of the latest epoch whose training loss was finite and below the one
    // before it (NaN if none): a rate this run is known to train at.
    double lastStableRate() const { return m_stableRate; }

private:
    int m_epochs = 0;
    std::deque<EpochReport> m_recent;
    double m_bestVal = std::numeric_limits<double>::infinity();
    int m_bestEpoch = 0;
    double m_trainAtBest = 0;
    double m_minTrain = std::numeric_limits<double>::infinity();
    double m_previousTrain = std::numeric_limits<double>::quiet_NaN();
    double m_stableRate = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace bps
