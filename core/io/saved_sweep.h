#pragma once
// A finished sweep as a project keeps it, to show it again: the trials in the format of
// `sweep --results-out` JSON (core/io/sweep_results.h: scoring, best trial, each trial's full
// config), plus the space (the plot's axes, and the order of the swept values), each trial's
// seed index and validation curve, and whether it was cancelled. The best trial's model is not
// kept: its config and seed train it again. Read with the model file's care: a malformed value
// is a DataError naming where it is.

#include <nlohmann/json.hpp>
#include <string>

#include "core/validation/sweep.h"

namespace bps {

struct SavedSweep {
    // Bounds that keep a project small whatever the sweep's size: the best trials are kept
    // (the best trial always), and each curve is thinned evenly, its last point kept.
    static constexpr std::size_t kMaxTrials = 1000;
    static constexpr std::size_t kMaxCurvePoints = 100;

    Task task = Task::Binary;
    int folds = 0;  // 0: scored by the validation split
    int seeds = 1;
    bool prune = false;
    SweepSpace space;
    // Trials in index order; with more than kMaxTrials some indices are missing, so a trial is
    // found by its index, not its place. bestModel is never set.
    SweepResult result;
};

// `saved` bounded (kMaxTrials, kMaxCurvePoints) as JSON.
nlohmann::json savedSweepToJson(const SavedSweep& saved);
// Throws DataError "WHERE...: what was expected", `where` naming the object (e.g. "sweep").
SavedSweep savedSweepFromJson(const nlohmann::json& json, const std::string& where);

}  // namespace bps
