#pragma once
// A sweep's trials as `sweep --results-out` writes them (a documented format): CSV, one row per
// trial (trial, setting, seed, the swept values, score, the task's metrics, epochs, pruned,
// best, seconds), or JSON with the scoring, the best trial and each trial's full config. The
// command line and the Sweep window's Export both write these.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/validation/sweep.h"

namespace bps {

std::string sweepResultsCsv(const SweepResult& result, const std::vector<SweepSetting>& settings,
                            Task task);
nlohmann::json sweepResultsJson(const SweepResult& result, const SweepOptions& options, Task task);

}  // namespace bps
