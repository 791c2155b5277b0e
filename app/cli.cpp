#include "app/cli.h"

#include <cstdio>
#include <exception>
#include <iostream>
#include <string_view>
#include <utility>

#include "core/base/errors.h"
#include "core/model/limits.h"

namespace bps::cli {

namespace {

int runHelp(const std::vector<std::string>& args);
int runVersion(const std::vector<std::string>& args);

struct Command {
    std::string_view name;
    int (*handler)(const std::vector<std::string>& args);
    // Its lines of the usage text; {placeholders} are filled from the defaults and limits.h.
    std::string_view summary;
};

// The commands in the order the usage lists them. Entries with no summary are aliases.
constexpr Command kCommands[] = {
    {"train", runTrain, R"(  backprop-studio train FILE.csv [options]
      --target COL            target column, by name or 1-based number (default: last)
      --features A,B,..       feature columns (default: every other numeric column)
      --task auto|{tasks}
      --hidden {hidden}[,8..]       units per hidden layer          --activation {activations}
      --optimizer {optimizers}   --nesterov              --lr {lr}   --momentum {momentum}
      --epochs {epochs}            --batch-size {batch_size} (0 = full batch)   --l2 {l2}
      --val-fraction {val_fraction}      --seed {seed}     --class-weight {class_weights}
      --early-stopping {patience} (patience in epochs, 0 = off)
      --no-standardize        --init-scale {init_scale} (multiplies the Glorot/He initialisation)
      --header auto|yes|no    --delimiter D: , ; '|' : tab or whitespace (default: detected;
                              whitespace, or space: runs of spaces and tabs separate cells)
      --model-out model.json  --history-out history.csv  --report-out report.json  --quiet
)"},
    {"predict", runPredict,
     R"(  backprop-studio predict MODEL.json FILE.csv [--out predictions.csv] [--delimiter D]
)"},
    {"export", runExport,
     R"(  backprop-studio export MODEL.json [--format json|npz|onnx|c|python] --out FILE
      (the format defaults to the one --out's extension names: .json .npz .onnx .h .py;
       train --model-out picks the format the same way)
)"},
    {"lr-find", runLrFind,
     R"(  backprop-studio lr-find FILE.csv [train options] [--steps {range_test_steps}]
      learning-rate range test: the loss curve over exponentially growing rates and a suggestion
)"},
    {"check", runCheck, R"(  backprop-studio check FILE.csv [train options]
      gradient check (backprop vs finite differences) and whether {overfit_rows} rows can be fitted exactly
)"},
    {"bench", runBench, R"(  backprop-studio bench htru2|large|csv|make-csv ...
      timings as JSON for bench/run.sh (see bench/README.md)
)"},
    {"help", runHelp, R"(  backprop-studio help | --help | --version
)"},
    {"--help", runHelp, {}},
    {"-h", runHelp, {}},
    {"--version", runVersion, {}},
};

constexpr std::string_view kUsageStart = R"(usage:
  backprop-studio                       open the desktop app on the bundled HTRU2 sample
  backprop-studio FILE.csv              open the desktop app on FILE.csv
)";
constexpr std::string_view kUsageEnd = R"(
exit codes: 0 success, 1 data or model error, 2 usage error
)";

std::string g(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// `text` with each {name} replaced by the value the defaults and the limits give it.
std::string filled(std::string_view text) {
    const TrainingConfig d;
    std::string hidden;
    for (int units : d.hidden) hidden += (hidden.empty() ? "" : ",") + std::to_string(units);
    const std::pair<std::string_view, std::string> values[] = {
        {"tasks", joinNames(kTaskNames, "|")},
        {"hidden", hidden},
        {"activations", joinNames(kActivationNames, "|", isHiddenActivation)},
        {"optimizers", joinNames(kOptimizerNames, "|")},
        {"class_weights", joinNames(kClassWeightingNames, "|")},
        {"lr", g(d.live.learningRate)},
        {"momentum", g(d.live.momentum)},
        {"epochs", std::to_string(d.epochs)},
        {"batch_size", std::to_string(d.live.batchSize)},
        {"l2", g(d.live.l2)},
        {"val_fraction", g(d.validationFraction)},
        {"seed", std::to_string(d.seed)},
        {"patience", std::to_string(d.earlyStoppingPatience)},
        {"init_scale", g(d.initScale)},
        {"range_test_steps", std::to_string(limits::kRangeTestSteps)},
        {"overfit_rows", std::to_string(limits::kOverfitRows)},
    };
    std::string out(text);
    for (const auto& [name, value] : values) {
        const std::string placeholder = "{" + std::string(name) + "}";
        for (auto at = out.find(placeholder); at != std::string::npos;
             at = out.find(placeholder, at + value.size()))
            out.replace(at, placeholder.size(), value);
    }
    return out;
}

int runHelp(const std::vector<std::string>&) {
    std::cout << kUsageStart;
    for (const Command& command : kCommands) std::cout << filled(command.summary);
    std::cout << kUsageEnd;
    return kExitOk;
}

int runVersion(const std::vector<std::string>&) {
    std::cout << "backprop-studio " << BPS_VERSION << "\n";
    return kExitOk;
}

const Command* findCommand(std::string_view name) {
    for (const Command& command : kCommands)
        if (command.name == name) return &command;
    return nullptr;
}

}  // namespace

bool isCommand(const std::string& word) { return findCommand(word) != nullptr; }

int run(const std::vector<std::string>& args) {
    try {
        const std::string name = args.empty() ? "help" : args[0];
        const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
        const Command* command = findCommand(name);
        if (!command) throw UsageError("unknown command '" + name + "'");
        return command->handler(rest);
    } catch (const UsageError& e) {
        std::cerr << "error: " << e.what() << "\n(run 'backprop-studio --help' for usage)\n";
        return kExitUsage;
    } catch (const DataError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kExitDataError;
    } catch (const std::bad_alloc&) {
        std::cerr << "error: out of memory\n";
        return kExitDataError;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kExitDataError;
    }
}

}  // namespace bps::cli
