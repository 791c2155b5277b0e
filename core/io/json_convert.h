#pragma once
// JSON forms of the metrics and the training configuration, shared by the model file and the
// command line's reports. NaN metrics become null.

#include <nlohmann/json.hpp>

#include "core/diagnosis/diagnosis.h"
#include "core/evaluation/metrics.h"
#include "core/model/training_config.h"

namespace bps {

nlohmann::json metricsToJson(const Metrics& metrics);
// Reads what metricsToJson wrote (null or absent values stay NaN); throws DataError if malformed.
Metrics metricsFromJson(Task task, const nlohmann::json& json);
nlohmann::json configToJson(const TrainingConfig& config);
// Unknown keys are ignored and missing ones keep their defaults; bad values throw DataError.
TrainingConfig configFromJson(const nlohmann::json& json);
// [{"code", "message", "evidence": {name: number}, "suggestion"}], most important first.
nlohmann::json findingsToJson(const std::vector<Finding>& findings);

}  // namespace bps
