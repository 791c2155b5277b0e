#pragma once
// What one epoch of training produced, as the trainer streams it to the CLI and the UI.

#include <string_view>
#include <vector>

#include "core/base/name_table.h"
#include "core/evaluation/metrics.h"
#include "core/model/training_config.h"
#include "core/monitoring/health.h"

namespace bps {

enum class StopReason { Running, Completed, EarlyStopping, Diverged, Stopped };

// As reports spell them ("stop_reason").
inline constexpr NameTable<StopReason, 5> kStopReasonNames{{
    {StopReason::Running, "running"},
    {StopReason::Completed, "completed"},
    {StopReason::EarlyStopping, "early_stopping"},
    {StopReason::Diverged, "diverged"},
    {StopReason::Stopped, "stopped"},
}};
std::string_view stopReasonName(StopReason reason);

struct EpochReport {
    int epoch = 0;            // 1-based
    double trainLoss = kNaN;  // mean loss over the epoch's mini-batches
    double validationLoss = kNaN;
    double validationAccuracy = kNaN;        // NaN for regression
    double learningRate = 0;                 // the rate this epoch used
    double seconds = 0;                      // training time since the start, pauses excluded
    LiveHyperparameters live;                // everything this epoch used
    std::vector<LayerHealth> layers;         // per layer, input side first
    std::vector<double> predictedFractions;  // classification: share of predictions per class
};

// `report` without its per-layer health and class shares, copied without copying those (a
// history of millions of epochs keeps only the scalars): every field but the two vectors.
inline EpochReport scalarsOf(const EpochReport& report) {
    EpochReport s;
    s.epoch = report.epoch;
    s.trainLoss = report.trainLoss;
    s.validationLoss = report.validationLoss;
    s.validationAccuracy = report.validationAccuracy;
    s.learningRate = report.learningRate;
    s.seconds = report.seconds;
    s.live = report.live;
    return s;
}

}  // namespace bps
