#pragma once
// k-fold cross-validation of one training configuration: the network trained on each fold by
// the ordinary Trainer (preprocessing fitted on that fold's training rows only), and beside it
// the baselines on the same folds (baselines.h). Folds run side by side, one thread each, each
// single-threaded inside, so the results do not depend on how many run at once.

#include <Eigen/Core>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/progress.h"
#include "core/data/dataset.h"
#include "core/diagnosis/diagnosis.h"
#include "core/evaluation/mean_sd.h"
#include "core/evaluation/metrics.h"
#include "core/model/model.h"
#include "core/model/training_config.h"
#include "core/monitoring/epoch_report.h"
#include "core/validation/folds.h"

namespace bps {

struct FoldOutcome {
    int repeat = 0;
    int index = 0;
    Metrics network;
    Metrics linear;    // no hidden layer; only with CrossValidationOptions::baselines
    Metrics majority;  // the constant prediction
    int epochs = 0;
    StopReason stopReason = StopReason::Running;
    double seconds = 0;
    std::vector<Eigen::Index> validationRows;  // indices into the data set's rows
    Eigen::MatrixXd outputs;  // the network's, one row per validationRows entry (out-of-fold)
};

struct CrossValidationOptions {
    int folds = 5;
    int repeats = 1;
    int jobs = 0;  // folds trained at once; 0 = one per core
    bool baselines = true;
    // After each fold: (folds done, folds in all). Returning false cancels: running folds stop
    // after their current mini-batch, the others are not started. Called from the worker that
    // finished the fold, one call at a time.
    ToolProgress progress;
    // After each epoch of fold `fold` (its place in the result), from that fold's worker, one
    // call at a time: for live curves.
    std::function<void(int fold, const EpochReport&)> onEpoch;
    // Polled by every worker after each epoch and before each fold, from any thread: true
    // cancels as progress returning false does, without waiting for a fold to end (a window's
    // Cancel button). Must be thread-safe.
    std::function<bool()> stopRequested;
    // Opt-in, for what needs each fold's network itself (importance across folds,
    // core/explain/cv_importance.h): called from the fold's worker once it is trained and
    // measured, before the fold counts as done, with the fold's place in the result, its model
    // (the scaler and encoding fitted on that fold's training rows) and the data set's rows it
    // held out. Folds run side by side, so calls may overlap: each must touch only its fold's
    // own state. Not called once the run is cancelled. Empty: no model is built, and plain
    // cross-validation costs nothing more.
    std::function<void(int fold, const Model& model,
                       const std::vector<Eigen::Index>& validationRows)>
        onFoldModel;
};

struct CrossValidation {
    Task task = Task::Binary;
    // Repeat by repeat, fold by fold; after a cancel, the folds never started have 0 epochs and
    // NaN metrics.
    std::vector<FoldOutcome> folds;
    std::vector<std::string> warnings;  // each distinct warning of the folds' trainers, once
    bool cancelled = false;
};

// Throws DataError when the config or the fold count does not fit the data.
CrossValidation crossValidate(const Dataset& data, const TrainingConfig& config,
                              const CrossValidationOptions& options);

// The score that sums a model up, higher is better: ROC AUC (binary), accuracy (multiclass),
// R^2 (regression); and its name as printed.
double primaryScore(const Metrics& metrics);
std::string_view primaryScoreName(Task task);

// Field by field mean of the metrics (NaNs skipped); no confusion matrix.
Metrics meanMetrics(const std::vector<Metrics>& metrics);

// The cross-validation findings: no_better_than_linear when the baselines were run.
std::vector<Finding> diagnoseCrossValidation(const CrossValidation& cv);

}  // namespace bps
