#include "app/cli.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
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
      --features A,B,..       feature columns, numeric or text (default: every other numeric
                              and categorical column; identifiers, constants, free text and
                              dates are left out, each with a warning saying why)
      --categorical A,B,..    --numeric A,B,..   force these columns' kinds
      --missing impute|category|drop   missing feature cells: imputed (median or most frequent
                              level, plus an indicator input), a level 'missing', or the row
                              dropped (default impute; rows without a target are always dropped)
      --min-level-count N     levels seen fewer times go to 'other' (default: 5, or 1% of rows)
      --expand-dates          date/time columns become year, month, day, day of week (hour, minute)
      --task auto|{tasks}
      --hidden {hidden}[,8..]       units per hidden layer          --activation {activations}
      --optimizer {optimizers}   --nesterov              --lr {lr}   --momentum {momentum}
      --epochs {epochs}            --batch-size {batch_size} (0 = full batch)   --l2 {l2}
      --val-fraction {val_fraction}      --seed {seed}     --class-weight {class_weights}
      --early-stopping N      patience in epochs, 0 = off (default: epochs / 10, at least 10)
      train and cv adapt the defaults on fewer than {small_rows} rows: --hidden 64 --l2 0.003
      --batch-size 64 --val-fraction 0.1 (from 100 rows), early stopping after epochs / 5;
      options given stay as given
      --no-standardize        --init-scale {init_scale} (multiplies the Glorot/He initialisation)
      --header auto|yes|no    --delimiter D: , ; '|' : tab or whitespace (default: detected;
                              whitespace, or space: runs of spaces and tabs separate cells)
      --model-out model.json  --history-out history.csv  --report-out report.json  --quiet
      --threshold T           binary: store decision threshold T (0 < T < 1) in the model
      --costs FP,FN[,TP]      binary: store the threshold with the lowest expected cost on the
                              validation rows (cost of a false positive, of a false negative,
                              benefit of a true positive)
)"},
    {"predict", runPredict,
     R"(  backprop-studio predict MODEL.json FILE.csv [--out predictions.csv] [--delimiter D]
      [--threshold T]
)"},
    {"importance", runImportance,
     R"(  backprop-studio importance MODEL.json FILE.csv [--repeats 5] [--seed 1]
      [--score auc|accuracy|f1|r2|rmse|loss] [--rows validation|all] [--out importance.csv|.json]
      [--pdp COLUMN [--pdp-out pdp.csv] [--class NAME]] [--delimiter D] [--quiet]
      permutation importance per input column (the score's drop when it is shuffled); rows:
      the model's validation rows when FILE.csv is its training file, else all rows
)"},
    {"export", runExport,
     R"(  backprop-studio export MODEL.json [--format json|npz|onnx|c|python] --out FILE
      (the format defaults to the one --out's extension names: .json .npz .onnx .h .py;
       train --model-out picks the format the same way)
)"},
    {"cv", runCv,
     R"(  backprop-studio cv FILE.csv [train options] [--folds 5] [--repeats 1] [--jobs N]
      k-fold cross-validation (stratified by class; preprocessing fitted per fold) beside the
      baselines (majority class or mean, no hidden layer): per fold and mean +- sd
      --report-out report.json (every fold)  --oof-out predictions.csv (out-of-fold)  --quiet
      --importance            each fold's permutation importance on its own held-out rows, pooled
                              (mean +- sd over folds x repeats; shuffles seeded by --seed)
      --importance-repeats 5  --importance-out importance.csv (imply --importance)
)"},
    {"sweep", runSweep,
     R"(  backprop-studio sweep FILE.csv [train options] --grid "lr=1e-3,1e-2; hidden=8,16x8"
                          | --random N --space "lr=log:1e-4..1; l2=0..1e-2; batch=32,64"
      parameters: lr l2 momentum batch hidden activation optimizer epochs init_scale
      --folds K (score by K-fold CV; default: the validation loss)  --seeds S  --prune
      --jobs N (default: one per core)  --results-out trials.csv|.json  --model-out best.json
      --quiet
)"},
    {"report", runReport,
     R"(  backprop-studio report MODEL.json FILE.csv --out report.html [--history history.csv]
      one self-contained HTML page (data, curves, metrics, confusion matrix, ROC, calibration,
      importance, settings) that reads offline
      --rows validation|all   the model's validation rows of FILE.csv (its split, found again
                              from --seed, default the model's) or every row (a test file)
      --header auto|yes|no  --delimiter D  --quiet
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
        {"small_rows", std::to_string(kSmallTableRows)},
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

// Edits (insert, delete, substitute, swap two neighbours) turning `a` into `b`: "trian" is one
// swap from "train", "-version" one insertion from "--version".
std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                                d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

// "unknown command 'trian' (did you mean 'train'?)"; the hint only for a near miss (at most two
// edits, and fewer than half the word), so "--frobnicate" gets none.
std::string unknownCommandMessage(const std::string& word) {
    std::string message = "unknown command '" + word + "'";
    const Command* nearest = nullptr;
    std::size_t best = 3;
    for (const Command& command : kCommands) {
        const std::size_t distance = editDistance(word, command.name);
        if (distance < best && 2 * distance < word.size()) {
            best = distance;
            nearest = &command;
        }
    }
    if (nearest) message += " (did you mean '" + std::string(nearest->name) + "'?)";
    return message;
}

}  // namespace

bool isCommand(const std::string& word) { return findCommand(word) != nullptr; }

bool looksLikeCommand(const std::string& word) {
    if (word.empty()) return false;
    std::error_code error;
    if (std::filesystem::exists(word, error)) return false;
    if (word.front() == '-') return true;
    return word.find_first_of("./\\") == std::string::npos;
}

int run(const std::vector<std::string>& args) {
    try {
        const std::string name = args.empty() ? "help" : args[0];
        const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
        const Command* command = findCommand(name);
        if (!command) throw UsageError(unknownCommandMessage(name));
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
