// `backprop-studio sweep FILE.csv [train options] --grid SPEC | --random N --space SPEC`: trains
// every setting (a grid, or N random draws), scores each by its validation loss or k-fold CV,
// ranks them and writes the trials and the best model.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "app/cli_metric_columns.h"
#include "app/cli_outputs.h"
#include "core/base/errors.h"
#include "core/export/exporter.h"
#include "core/io/csv_writer.h"
#include "core/io/files.h"
#include "core/io/sweep_results.h"
#include "core/validation/parallel_runner.h"
#include "core/validation/sweep.h"

namespace bps::cli {

namespace {

// The trials to print, best first: at most this many.
constexpr std::size_t kShownTrials = 10;

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The settings the options ask for; a bad part of the text is a usage error naming it.
std::vector<SweepSetting> settingsFrom(const ParsedArgs& args, const TrainingConfig& base) {
    const bool random = args.has("random");
    if (random == args.has("grid"))
        throw UsageError(random ? "--random samples from --space, not --grid"
                                : "sweep needs --grid SPEC, or --random N with --space SPEC");
    if (random && !args.has("space")) throw UsageError("--random N needs --space SPEC");
    if (!random && args.has("space")) throw UsageError("--space is for --random; use --grid");
    const std::string option = random ? "--space" : "--grid";
    std::vector<SweepSetting> settings;
    try {
        const SweepSpace space = parseSweepSpace(args.text(random ? "space" : "grid"), random);
        settings = random ? randomSettings(space, args.smallInteger("random", 0), base.seed)
                          : gridSettings(space);
        for (const SweepSetting& s : settings) applySetting(base, s);  // each combination fits
    } catch (const DataError& e) {
        throw UsageError("option '" + option + "': " + e.what());
    }
    if (random && args.smallInteger("random", 0) < 1)
        throw UsageError("option '--random' must be at least 1");
    return settings;
}

// "12/36  elapsed 10 s  ETA 20 s" on one line of the terminal.
ToolProgress terminalProgress() {
    const auto started = std::chrono::steady_clock::now();
    return [started](int done, int total) {
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const double eta = done > 0 ? elapsed * (total - done) / done : 0;
        std::fprintf(stderr, "\rsweep %d/%d  elapsed %.0f s  ETA %.0f s   ", done, total, elapsed,
                     eta);
        std::fflush(stderr);
        return true;
    };
}

void printRanking(const SweepResult& result, Task task, const SweepOptions& options) {
    std::vector<const SweepTrial*> ranked;
    for (const SweepTrial& t : result.trials) ranked.push_back(&t);
    std::stable_sort(ranked.begin(), ranked.end(), [](const SweepTrial* a, const SweepTrial* b) {
        if (a->pruned != b->pruned) return !a->pruned;
        if (std::isnan(a->score) != std::isnan(b->score)) return !std::isnan(a->score);
        return a->score < b->score;
    });
    const auto columns = metricColumns(task);
    std::printf("%zu trials scored by %s; best first:\n", result.trials.size(),
                options.folds > 0 ? (std::to_string(options.folds) + "-fold CV loss").c_str()
                                  : "validation loss");
    std::printf("%5s", "trial");
    for (const auto& c : columns) std::printf(" %9s", c.title);
    std::printf(" %6s  %s\n", "epochs", "setting");
    for (std::size_t i = 0; i < ranked.size() && i < kShownTrials; ++i) {
        const SweepTrial& t = *ranked[i];
        std::printf("%5d", t.index + 1);
        for (const auto& c : columns) std::printf(" %9s", fixedNumber(t.metrics.*c.field).c_str());
        std::printf(" %6d  %s seed=%llu%s\n", t.epochs, t.values.describe().c_str(),
                    static_cast<unsigned long long>(t.config.seed), t.pruned ? " (pruned)" : "");
    }
    if (ranked.size() > kShownTrials)
        std::printf("... %zu more in --results-out\n", ranked.size() - kShownTrials);
    if (result.bestTrial >= 0)
        std::printf("Best setting: %s (trial %d, score %s)\n",
                    result.trials[std::size_t(result.bestTrial)].values.describe().c_str(),
                    result.bestTrial + 1,
                    fixedNumber(result.trials[std::size_t(result.bestTrial)].score).c_str());
    else
        std::printf("Best setting: none (every trial diverged)\n");
}

}  // namespace

int runSweep(const std::vector<std::string>& argList) {
    auto specs = trainingOptionSpecs();
    for (const char* name :
         {"grid", "random", "space", "folds", "seeds", "jobs", "results-out", "model-out"})
        specs.push_back({name});
    specs.push_back({"prune", false});
    specs.push_back({"quiet", false});
    const ParsedArgs args(argList, specs);
    const TrainingSetup setup = trainingSetup(args);
    const bool quiet = args.has("quiet");
    const std::vector<SweepSetting> settings = settingsFrom(args, setup.config);
    SweepOptions options;
    options.folds = args.smallInteger("folds", 0);
    options.seeds = args.smallInteger("seeds", 1);
    options.jobs = args.smallInteger("jobs", coreCount());
    options.prune = args.has("prune");
    if (args.has("folds") && options.folds < 2)
        throw UsageError("option '--folds' must be at least 2");
    if (options.seeds < 1) throw UsageError("option '--seeds' must be at least 1");
    if (options.jobs < 1) throw UsageError("option '--jobs' must be at least 1");
    const std::string resultsPath = args.text("results-out");
    if (args.has("results-out") && !endsWith(resultsPath, ".csv") &&
        !endsWith(resultsPath, ".json"))
        throw UsageError("cannot tell the results format from '" + resultsPath +
                         "': use an extension .csv or .json");
    const std::optional<ExportFormat> modelFormat = modelOutFormat(args);
    options.keepBestModel = modelFormat.has_value();
    std::vector<NamedPath> outputs;
    for (const char* name : {"results-out", "model-out"})
        if (args.has(name)) outputs.push_back({std::string("--") + name, args.text(name)});
    checkOutputs({{"the CSV file", setup.csvPath}}, outputs);

    const CsvTable table = readCsvFile(setup.csvPath, setup.csv);
    const Dataset data = prepareDataset(table, setup.selection);
    for (const auto& w : data.warnings) std::cerr << "warning: " << w << "\n";
    const bool progress = ::isatty(STDERR_FILENO) != 0 && !quiet;
    if (progress) options.progress = terminalProgress();
    const SweepResult result = runSweep(data, setup.config, settings, options);
    if (progress) std::fprintf(stderr, "\n");

    printRanking(result, data.task, options);
    if (args.has("results-out"))
        writeFileAtomically(resultsPath,
                            endsWith(resultsPath, ".json")
                                ? sweepResultsJson(result, options, data.task).dump(2) + "\n"
                                : sweepResultsCsv(result, settings, data.task));
    if (args.has("model-out")) {
        if (!result.bestModel)
            throw DataError(args.text("model-out") +
                            ": not written: no trial gave a model with "
                            "finite outputs");
        exportModel(*result.bestModel, *modelFormat, args.text("model-out"));
        if (!quiet) std::cout << "Best model written to " << args.text("model-out") << "\n";
    }
    return kExitOk;
}

}  // namespace bps::cli
