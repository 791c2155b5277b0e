#pragma once
// The headless command line: `backprop-studio train|predict|...`. No QApplication is created.

#include <string>
#include <vector>

#include "app/cli_options.h"
#include "core/csv/csv_reader.h"
#include "core/data/dataset.h"
#include "core/diagnosis/diagnosis.h"
#include "core/model/adaptive_defaults.h"
#include "core/model/training_config.h"

namespace bps::cli {

// Exit codes, relied on by users' scripts.
inline constexpr int kExitOk = 0;
inline constexpr int kExitDataError = 1;
inline constexpr int kExitUsage = 2;

// True if argv[1] names a headless command (or help/version).
bool isCommand(const std::string& word);
// True if `word`, given where a CSV path may stand, is meant as a command or an option: it is not
// an existing file and is an option (-x, --x) or a bare word without a dot or a path separator
// ("trian"). The desktop app must not be started on it (without a display it would abort).
bool looksLikeCommand(const std::string& word);
// Runs the command in args[0] with its arguments; returns the exit code. Never throws.
// An unknown command is a usage error naming the nearest command ("did you mean 'train'?").
int run(const std::vector<std::string>& args);

int runTrain(const std::vector<std::string>& args);
int runPredict(const std::vector<std::string>& args);
int runExport(const std::vector<std::string>& args);
// `importance`: permutation importance and partial dependence (app/cli_importance.cpp).
int runImportance(const std::vector<std::string>& args);
// `cv`: k-fold cross-validation beside the baselines (app/cli_cv.cpp).
int runCv(const std::vector<std::string>& args);
// `sweep`: a hyperparameter grid or random search, trials in parallel (app/cli_sweep.cpp).
int runSweep(const std::vector<std::string>& args);

// `report`: the self-contained HTML report (app/cli_report.cpp).
int runReport(const std::vector<std::string>& args);

int runLrFind(const std::vector<std::string>& args);
int runCheck(const std::vector<std::string>& args);
// `bench`: in-process timings as JSON for bench/run.sh (see bench/README.md).
int runBench(const std::vector<std::string>& args);

// Prints findings as a numbered list with evidence and suggestion ("Diagnosis: healthy" if none).
void printDiagnosis(const std::vector<Finding>& findings);

// The options shared by every command that trains (train, lr-find, ...).
std::vector<OptionSpec> trainingOptionSpecs();
struct TrainingSetup {
    std::string csvPath;
    CsvOptions csv;
    DataSelection selection;
    TrainingConfig config;
    GivenSettings given;  // the adaptable settings the command line set
};
// Throws UsageError for a malformed or out-of-range option.
TrainingSetup trainingSetup(const ParsedArgs& args);
// setup.config with the defaults the user did not set adapted to `data` (train and cv), and
// the line that says so printed unless `quiet`.
TrainingConfig adaptedConfig(const TrainingSetup& setup, const Dataset& data, bool quiet);
// --header auto|yes|no and --delimiter , ; | : tab whitespace (default: detect).
CsvOptions csvOptions(const ParsedArgs& args);

}  // namespace bps::cli
