#include "core/validation/sweep.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>

#include "core/base/errors.h"
#include "core/data/split.h"
#include "core/training/trainer.h"
#include "core/validation/cross_validation.h"
#include "core/validation/folds.h"
#include "core/validation/parallel_runner.h"

namespace bps {

namespace {

// A trial's trainers (one per fold, or one on the seeded split) live from its first rung to its
// last, so a trial that goes on continues where it was, optimiser state and all.
struct TrialState {
    std::vector<std::unique_ptr<Trainer>> trainers;
    std::optional<Model> model;
};

// The epochs a trial has trained by the end of rung `rung` of `rungs` (the last is all of them).
int rungEpochs(int epochs, int rung, int rungs, int factor) {
    double budget = epochs;
    for (int r = rung; r < rungs - 1; ++r) budget /= factor;
    return std::max(1, static_cast<int>(std::ceil(budget)));
}

// How many rungs successive halving needs for `trials` trials: one more each time the field
// can be cut by `factor`.
int rungCount(int trials, bool prune, int factor) {
    int rungs = 1;
    if (!prune) return rungs;
    for (int n = trials; n > 1; n = (n + factor - 1) / factor) ++rungs;
    return rungs;
}

bool stopsEarly(const TrainingConfig& config) {
    return config.earlyStoppingPatience > 0 && config.validationFraction > 0;
}

bool better(const SweepTrial& a, const SweepTrial& b) {
    // NaN (diverged) last; ties in index order, so the ranking never depends on timing.
    const bool an = std::isnan(a.score), bn = std::isnan(b.score);
    if (an != bn) return bn;
    if (!an && a.score != b.score) return a.score < b.score;
    return a.index < b.index;
}

}  // namespace

SweepResult runSweep(const Dataset& data, const TrainingConfig& base,
                     const std::vector<SweepSetting>& settings, const SweepOptions& options) {
    if (options.seeds < 1) throw DataError("a sweep needs at least 1 seed per setting");
    if (options.pruneFactor < 2) throw DataError("pruning needs a factor of at least 2");
    SweepResult result;
    for (std::size_t s = 0; s < settings.size(); ++s)
        for (int k = 0; k < options.seeds; ++k) {
            SweepTrial trial;
            trial.index = static_cast<int>(result.trials.size());
            trial.setting = static_cast<int>(s);
            trial.seedIndex = k;
            trial.values = settings[s];
            trial.config = applySetting(base, settings[s]);
            trial.config.seed = base.seed + static_cast<std::uint64_t>(k);
            result.trials.push_back(std::move(trial));
        }
    // The same folds for every trial, so their scores compare like with like.
    const std::vector<Fold> folds =
        options.folds > 0 ? makeFolds(data, options.folds, 1, base.seed) : std::vector<Fold>{};
    const int n = static_cast<int>(result.trials.size());
    const int rungs = rungCount(n, options.prune, options.pruneFactor);
    int work = 0;
    for (int r = 0, alive = n; r < rungs;
         ++r, alive = (alive + options.pruneFactor - 1) / options.pruneFactor)
        work += alive;

    std::vector<TrialState> states(static_cast<std::size_t>(n));
    std::vector<int> alive(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) alive[std::size_t(i)] = i;
    std::atomic<bool> cancel{false};
    std::mutex progressMutex;
    int done = 0;
    const auto stopping = [&] {
        if (!cancel && options.shouldStop && options.shouldStop()) cancel = true;
        return cancel.load();
    };
    for (int rung = 0; rung < rungs && !cancel; ++rung) {
        const bool last = rung == rungs - 1;
        runInParallel(static_cast<int>(alive.size()), options.jobs, [&](int slot) {
            if (stopping()) return;
            SweepTrial& trial = result.trials[std::size_t(alive[std::size_t(slot)])];
            TrialState& state = states[std::size_t(trial.index)];
            const auto started = std::chrono::steady_clock::now();
            if (state.trainers.empty()) {
                if (folds.empty())
                    state.trainers.push_back(std::make_unique<Trainer>(data, trial.config));
                // With early stopping, as in crossValidate, the epoch to keep is chosen on a
                // share of the fold's training rows; the fold's own rows only score the model.
                for (const Fold& fold : folds)
                    state.trainers.push_back(std::make_unique<Trainer>(
                        data, trial.config,
                        stopsEarly(trial.config)
                            ? splitRowsOf(data, fold.split.train, trial.config.validationFraction,
                                          trial.config.seed)
                            : fold.split));
                for (auto& t : state.trainers) t->setThreads(1);
            }
            const int target = rungEpochs(trial.config.epochs, rung, rungs, options.pruneFactor);
            std::vector<Metrics> metrics;
            trial.epochs = 0;
            const int stride = std::max(
                1, (trial.config.epochs + kMaxSweepCurvePoints - 1) / kMaxSweepCurvePoints);
            for (std::size_t f = 0; f < state.trainers.size(); ++f) {
                Trainer* trainer = state.trainers[f].get();
                while (!trainer->finished() && trainer->epoch() < target && !stopping()) {
                    const EpochReport report = trainer->runEpoch();
                    if (f == 0 && (report.epoch % stride == 0 || trainer->finished()))
                        trial.curve.emplace_back(report.epoch, report.validationLoss);
                }
                metrics.push_back(
                    !folds.empty() && stopsEarly(trial.config)
                        ? Trainer(data, trial.config, folds[f].split, trainer->model())
                              .validationMetrics()
                        : trainer->validationMetrics());
                trial.epochs = std::max(trial.epochs, trainer->epoch());
            }
            trial.metrics = metrics.size() == 1 ? metrics.front() : meanMetrics(metrics);
            trial.score = trial.metrics.loss;
            if (last && options.keepBestModel && folds.empty())
                state.model = state.trainers.front()->model();
            if (last) state.trainers.clear();  // free the rows as soon as a trial is done
            trial.seconds +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            const std::lock_guard lock(progressMutex);
            ++done;
            if (options.trialDone) options.trialDone(trial);
            if (options.progress && !options.progress(done, work)) cancel = true;
        });
        if (last) break;
        // Successive halving: the best 1/factor go on, the rest stop here.
        std::vector<int> ranked = alive;
        std::sort(ranked.begin(), ranked.end(), [&](int a, int b) {
            return better(result.trials[std::size_t(a)], result.trials[std::size_t(b)]);
        });
        const std::size_t keep = (ranked.size() + std::size_t(options.pruneFactor) - 1) /
                                 std::size_t(options.pruneFactor);
        for (std::size_t i = keep; i < ranked.size(); ++i) {
            result.trials[std::size_t(ranked[i])].pruned = true;
            states[std::size_t(ranked[i])].trainers.clear();
        }
        ranked.resize(keep);
        std::sort(ranked.begin(), ranked.end());
        alive = ranked;
    }
    result.cancelled = cancel;

    // The best setting by its mean score over the trials that ran to the end.
    double bestMean = kNaN;
    for (std::size_t s = 0; s < settings.size(); ++s) {
        double sum = 0;
        int count = 0;
        for (const SweepTrial& t : result.trials)
            if (t.setting == int(s) && !t.pruned && std::isfinite(t.score)) {
                sum += t.score;
                ++count;
            }
        if (count > 0 && !(sum / count >= bestMean)) {
            bestMean = sum / count;
            result.bestSetting = static_cast<int>(s);
        }
    }
    for (const SweepTrial& t : result.trials)
        if (t.setting == result.bestSetting && !t.pruned && std::isfinite(t.score) &&
            (result.bestTrial < 0 || better(t, result.trials[std::size_t(result.bestTrial)])))
            result.bestTrial = t.index;
    if (options.keepBestModel && result.bestTrial >= 0 && !result.cancelled) {
        if (folds.empty()) {
            result.bestModel = std::move(states[std::size_t(result.bestTrial)].model);
        } else {
            Trainer trainer(data, result.trials[std::size_t(result.bestTrial)].config);
            trainer.run();
            result.bestModel = trainer.model();
        }
    }
    return result;
}

}  // namespace bps
