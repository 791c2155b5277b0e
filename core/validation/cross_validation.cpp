#include "core/validation/cross_validation.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>
#include <optional>

#include "core/base/errors.h"
#include "core/diagnosis/diagnosis_rules.h"
#include "core/training/trainer.h"
#include "core/validation/baselines.h"
#include "core/validation/parallel_runner.h"

namespace bps {

namespace {

struct Trained {
    Metrics metrics;
    Eigen::MatrixXd outputs;
    int epochs = 0;
    StopReason stopReason = StopReason::Running;
    std::optional<Model> model;  // only when asked for (CrossValidationOptions::onFoldModel)
};

// One model on one fold, single-threaded: the folds are the parallelism. With early stopping,
// the epoch to keep is chosen on a validation share of the fold's training rows, never on the
// fold's own validation rows: those only measure the model that was chosen.
Trained trainOnFold(const Dataset& data, const TrainingConfig& config, const Split& split,
                    std::atomic<bool>& cancel, const std::function<bool()>& stopRequested,
                    const std::function<void(const EpochReport&)>& onEpoch,
                    std::vector<std::string>* warnings, bool keepModel = false) {
    const bool earlyStopping = config.earlyStoppingPatience > 0 && config.validationFraction > 0;
    Trainer trainer(data, config,
                    earlyStopping
                        ? splitRowsOf(data, split.train, config.validationFraction, config.seed)
                        : split);
    trainer.setThreads(1);
    if (warnings) *warnings = trainer.warnings();
    trainer.run([&](const EpochReport& report) {
        if (onEpoch) onEpoch(report);
        if (stopRequested && stopRequested()) cancel.store(true);
        if (cancel.load()) trainer.requestStop();
    });
    std::optional<Model> model;
    if (keepModel || earlyStopping) model = trainer.model();
    if (!earlyStopping)
        return {trainer.validationMetrics(), trainer.validationOutputs(), trainer.epoch(),
                trainer.stopReason(), std::move(model)};
    const Trainer measured(data, config, split, *model);
    if (!keepModel) model.reset();
    return {measured.validationMetrics(), measured.validationOutputs(), trainer.epoch(),
            trainer.stopReason(), std::move(model)};
}

}  // namespace

CrossValidation crossValidate(const Dataset& data, const TrainingConfig& config,
                              const CrossValidationOptions& options) {
    if (const std::string problem = config.validate(); !problem.empty()) throw DataError(problem);
    const std::vector<Fold> folds = makeFolds(data, options.folds, options.repeats, config.seed);
    CrossValidation cv;
    cv.task = data.task;
    cv.folds.resize(folds.size());
    std::vector<std::vector<std::string>> warnings(folds.size());
    std::atomic<bool> cancel{false};
    std::mutex callbackMutex;
    int done = 0;
    runInParallel(static_cast<int>(folds.size()), options.jobs, [&](int i) {
        if (options.stopRequested && options.stopRequested()) cancel.store(true);
        if (cancel.load()) return;
        const Fold& fold = folds[std::size_t(i)];
        FoldOutcome& out = cv.folds[std::size_t(i)];
        out.repeat = fold.repeat;
        out.index = fold.index;
        out.validationRows = fold.split.validation;
        const auto started = std::chrono::steady_clock::now();
        std::function<void(const EpochReport&)> onEpoch;
        if (options.onEpoch)
            onEpoch = [&](const EpochReport& r) {
                const std::lock_guard lock(callbackMutex);
                options.onEpoch(i, r);
            };
        Trained network =
            trainOnFold(data, config, fold.split, cancel, options.stopRequested, onEpoch,
                        &warnings[std::size_t(i)], static_cast<bool>(options.onFoldModel));
        if (network.model && !cancel.load())
            options.onFoldModel(i, *network.model, fold.split.validation);
        out.network = std::move(network.metrics);
        out.outputs = std::move(network.outputs);
        out.epochs = network.epochs;
        out.stopReason = network.stopReason;
        if (options.baselines) {
            out.majority = majorityBaseline(data, fold.split);
            out.linear = trainOnFold(data, linearBaselineConfig(config), fold.split, cancel,
                                     options.stopRequested, {}, nullptr)
                             .metrics;
        }
        out.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const std::lock_guard lock(callbackMutex);
        ++done;
        if (options.progress && !options.progress(done, static_cast<int>(folds.size())))
            cancel.store(true);
    });
    cv.cancelled = cancel.load();
    for (const auto& list : warnings)
        for (const auto& w : list)
            if (std::find(cv.warnings.begin(), cv.warnings.end(), w) == cv.warnings.end())
                cv.warnings.push_back(w);
    return cv;
}

double primaryScore(const Metrics& m) {
    switch (m.task) {
        case Task::Binary:
            return m.rocAuc;
        case Task::Multiclass:
            return m.accuracy;
        case Task::Regression:
            return m.r2;
    }
    return kNaN;
}

std::string_view primaryScoreName(Task task) {
    switch (task) {
        case Task::Binary:
            return "ROC AUC";
        case Task::Multiclass:
            return "accuracy";
        case Task::Regression:
            return "R2";
    }
    return "score";
}

Metrics meanMetrics(const std::vector<Metrics>& metrics) {
    Metrics mean;
    if (metrics.empty()) return mean;
    mean.task = metrics.front().task;
    mean.threshold = metrics.front().threshold;
    for (double Metrics::*field :
         {&Metrics::loss, &Metrics::accuracy, &Metrics::precision, &Metrics::recall, &Metrics::f1,
          &Metrics::rocAuc, &Metrics::macroF1, &Metrics::rmse, &Metrics::mae, &Metrics::r2}) {
        std::vector<double> values;
        for (const Metrics& m : metrics) values.push_back(m.*field);
        mean.*field = meanSd(values).mean;
    }
    return mean;
}

std::vector<Finding> diagnoseCrossValidation(const CrossValidation& cv) {
    rules::BaselineComparison in;
    in.metric = std::string(primaryScoreName(cv.task));
    for (const FoldOutcome& fold : cv.folds) {
        in.network.push_back(primaryScore(fold.network));
        in.linear.push_back(primaryScore(fold.linear));
    }
    std::vector<Finding> findings;
    if (auto f = rules::noBetterThanLinear(in)) findings.push_back(std::move(*f));
    return findings;
}

}  // namespace bps
