#pragma once
// What every export records besides the numbers: the app version, when it was exported, and the
// validation metrics (as the model file's "metrics" JSON object, which survives a model loaded
// from a file even though bps::Model keeps only the metrics of a model just trained).

#include <string>
#include <vector>

#include "core/model/model.h"

namespace bps {

struct ExportMetadata {
    std::string appVersion;   // BPS_VERSION of the build that exports
    std::string created;      // UTC, ISO 8601: "2024-05-01T12:34:56Z"
    std::string metricsJson;  // {"validation": {...}, "train": {"loss": ...}}, or "{}"
};

// The metadata for exporting `model` now.
ExportMetadata exportMetadata(const Model& model);

// The current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string utcTimestamp();

// ["a", "b"] as compact JSON text (for formats that store lists as strings).
std::string jsonStringList(const std::vector<std::string>& items);

}  // namespace bps
