// Diagnosis output and the diagnostic commands: `lr-find` (learning-rate range test) and
// `check` (gradient check and tiny-batch overfit).

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/cli.h"
#include "core/csv/csv_reader.h"
#include "core/model/limits.h"
#include "core/training/diagnostic_tools.h"
#include "core/training/trainer.h"

namespace bps::cli {

namespace {

Trainer trainerFor(const std::vector<std::string>& argList, std::vector<OptionSpec> extra,
                   ParsedArgs& parsed, Dataset& data) {
    auto specs = trainingOptionSpecs();
    specs.insert(specs.end(), extra.begin(), extra.end());
    parsed = ParsedArgs(argList, specs);
    const TrainingSetup setup = trainingSetup(parsed);
    data = prepareDataset(readCsvFile(setup.csvPath, setup.csv), setup.selection);
    return Trainer(data, setup.config);
}

}  // namespace

void printDiagnosis(const std::vector<Finding>& findings) {
    if (findings.empty()) {
        std::cout << "Diagnosis: no problems found.\n";
        return;
    }
    std::cout << "Diagnosis (most important first):\n";
    int n = 0;
    for (const auto& f : findings) {
        std::cout << "  " << ++n << ". [" << findingCodeName(f.code) << "] " << f.message
                  << "\n     evidence:";
        for (const auto& [name, value] : f.evidence) std::cout << " " << name << "=" << value;
        std::cout << "\n     fix: " << f.suggestion << "\n";
    }
}

int runLrFind(const std::vector<std::string>& argList) {
    ParsedArgs args({}, {});
    Dataset data;
    const Trainer trainer = trainerFor(argList, {{"steps"}}, args, data);
    for (const auto& w : trainer.warnings()) std::cerr << "warning: " << w << "\n";
    const int steps = args.smallInteger("steps", limits::kRangeTestSteps);
    const auto& choices = limits::kRangeTestStepChoices;
    if (!choices.contains(steps))
        throw UsageError("--steps must be between " + std::to_string(choices.min) + " and " +
                         std::to_string(choices.max));
    const RangeTestResult r =
        rangeTest(trainer, steps, limits::kRangeTestRates.min, limits::kRangeTestRates.max);
    std::cout << "learning_rate,smoothed_loss\n";
    // About 40 lines of the curve; the whole curve is in the result for the GUI.
    const std::size_t stride = std::max<std::size_t>(1, r.rates.size() / 40);
    for (std::size_t i = 0; i < r.rates.size(); i += stride)
        std::printf("%.3g,%.5f\n", r.rates[i], r.losses[i]);
    std::printf("lowest loss at rate %.3g; suggested learning rate: %.3g\n", r.minLossRate,
                r.suggestedRate);
    return kExitOk;
}

int runCheck(const std::vector<std::string>& argList) {
    ParsedArgs args({}, {});
    Dataset data;
    const Trainer trainer = trainerFor(argList, {}, args, data);
    for (const auto& w : trainer.warnings()) std::cerr << "warning: " << w << "\n";
    // A gradient check over many parameters takes minutes: show that it is working, on a
    // terminal, as `train` does.
    const bool terminal = ::isatty(STDOUT_FILENO) != 0;
    const auto progress = [&](const char* what) -> ToolProgress {
        if (!terminal) return {};
        return [what](int done, int total) {
            std::printf("\r%s: %d/%d ", what, done, total);
            std::fflush(stdout);
            return true;
        };
    };
    const GradientCheckResult g =
        gradientCheck(trainer, limits::kGradientCheckRows, {}, progress("gradient check"));
    if (terminal) std::printf("\r\033[K");
    std::cout << "Gradient check (backprop vs central differences, double precision):\n";
    for (const auto& layer : g.layers)
        std::printf("  layer %d: relative error %.2e  (gradient norm %.3g)\n", layer.layer,
                    layer.relativeError, layer.gradientNorm);
    std::printf("  %s (tolerance %.0e)\n", g.passed ? "passed" : "FAILED", g.tolerance);
    const OverfitResult o =
        overfitTinyBatch(trainer, limits::kOverfitRows, limits::kOverfitSteps, progress("overfit"));
    if (terminal) std::printf("\r\033[K");
    std::printf("Overfit %d rows: loss %.4g -> %.4g in %d steps: %s\n", o.rows, o.initialLoss,
                o.finalLoss, o.steps, o.verdict.c_str());
    if (g.passed && o.passed) return kExitOk;
    // Exit 1 says "failed"; the error line says what failed, as every other exit 1 does.
    const std::string name =
        std::filesystem::path(argList.empty() ? "" : args.positional().at(0)).filename().string();
    std::string what;
    if (!g.passed) {
        char buf[96];
        std::snprintf(buf, sizeof buf,
                      "the gradient check failed (largest relative error %.2e > %.0e)",
                      g.maxRelativeError, g.tolerance);
        what = buf;
    }
    if (!o.passed) {
        char buf[128];
        std::snprintf(buf, sizeof buf, "the network could not fit %d rows (loss %.4g -> %.4g)",
                      o.rows, o.initialLoss, o.finalLoss);
        what += std::string(what.empty() ? "" : "; ") + buf;
    }

    std::cout.flush();
    std::cerr << "error: " << name << ": " << what << "\n";
    return kExitDataError;
}

}  // namespace bps::cli
