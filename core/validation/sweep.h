#pragma once
// A hyperparameter sweep: every setting (sweep_space.h) trained with a few seeds, scored by its
// validation loss (or the mean over k cross-validation folds), trials side by side on a thread
// each, every trial single-threaded inside. Each trial has its own seed and its own result slot,
// so the results are the same whatever the number of jobs. With pruning (successive halving)
// every trial trains a fraction of its epochs, the best third go on, and so on to the end.

#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "core/base/progress.h"
#include "core/data/dataset.h"
#include "core/evaluation/metrics.h"
#include "core/model/model.h"
#include "core/model/training_config.h"
#include "core/validation/sweep_space.h"

namespace bps {

struct SweepTrial;

struct SweepOptions {
    int folds = 0;  // 0: score by the config's validation split; k >= 2: k-fold CV
    int seeds = 1;  // trials per setting, with seeds base.seed, base.seed + 1, ...
    int jobs = 0;   // trials at once; 0 = one per core
    bool prune = false;
    int pruneFactor = 3;  // successive halving keeps the best 1/pruneFactor at each rung
    // Keep the best trial's model (with folds: trains the best setting once more on the seeded
    // split, as `train` would).
    bool keepBestModel = false;
    // After each piece of work: (done, in all). Returning false cancels the sweep (running trials
    // stop after their mini-batch). Called from a worker, one call at a time.
    ToolProgress progress;
    // Asked before every epoch of every trial; true cancels the sweep (each running trial stops
    // after its current epoch), so a long trial need not finish before Cancel takes effect.
    // Called from the workers at once: must be thread-safe.
    std::function<bool()> shouldStop;
    // After each piece of work, before `progress`: the trial as it stands (score, metrics,
    // epochs, curve so far). Called from a worker, one call at a time, so a GUI can show each
    // trial as it finishes.
    std::function<void(const SweepTrial&)> trialDone;
};

// A trial's validation curve keeps at most this many points (every k-th epoch for long runs),
// so a sweep of many long trials stays small in memory.
inline constexpr int kMaxSweepCurvePoints = 500;

struct SweepTrial {
    int index = 0;    // its place in SweepResult::trials
    int setting = 0;  // index into the settings
    int seedIndex = 0;
    SweepSetting values;
    TrainingConfig config;  // with its own seed
    double score = kNaN;    // validation loss (mean over the folds); lower is better
    Metrics metrics;        // validation metrics (mean over the folds)
    int epochs = 0;         // epochs trained (the most of any fold)
    bool pruned = false;    // stopped early by successive halving
    double seconds = 0;     // wall time of its training; varies from run to run
    // (epoch, validation loss) of its first trainer (with folds: the first fold's), every
    // k-th epoch so that at most kMaxSweepCurvePoints points (and the last epoch) are kept.
    std::vector<std::pair<int, double>> curve;
};

struct SweepResult {
    std::vector<SweepTrial> trials;  // setting by setting, seed by seed
    int bestSetting = -1;            // the lowest mean score over its unpruned trials
    int bestTrial = -1;              // that setting's lowest-scored unpruned trial
    std::optional<Model> bestModel;
    bool cancelled = false;
};

// Throws DataError when a setting or the fold count does not fit the data.
SweepResult runSweep(const Dataset& data, const TrainingConfig& base,
                     const std::vector<SweepSetting>& settings, const SweepOptions& options);

}  // namespace bps
