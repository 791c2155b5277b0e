// `backprop-studio cv FILE.csv [train options] [--folds 5] [--repeats 1] [--importance]`:
// k-fold cross-validation of the network beside its baselines, per fold and as mean +- sd, and
// with --importance each fold's permutation importance on its own rows, pooled.

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/cli.h"
#include "app/cli_importance_table.h"
#include "app/cli_metric_columns.h"
#include "app/cli_outputs.h"
#include "core/base/errors.h"
#include "core/explain/cv_importance.h"
#include "core/io/csv_writer.h"
#include "core/io/files.h"
#include "core/io/importance_csv.h"
#include "core/io/json_convert.h"
#include "core/validation/cross_validation.h"
#include "core/validation/parallel_runner.h"

namespace bps::cli {

namespace {

constexpr int kMaxImportanceRepeats = 1000;

struct Learner {
    const char* name;  // as printed and as the report's key
    Metrics FoldOutcome::*metrics;
};
constexpr Learner kNetwork{"network", &FoldOutcome::network};
constexpr Learner kLearners[] = {
    kNetwork, {"linear", &FoldOutcome::linear}, {"majority", &FoldOutcome::majority}};

std::vector<double> values(const CrossValidation& cv, const Learner& learner,
                           double Metrics::*field) {
    std::vector<double> out;
    for (const FoldOutcome& fold : cv.folds) out.push_back((fold.*learner.metrics).*field);
    return out;
}

void printTable(const CrossValidation& cv) {
    const auto columns = metricColumns(cv.task);
    std::printf("%-8s %6s %6s", "repeat", "fold", "epochs");
    for (const auto& c : columns) std::printf(" %10s", c.title);
    std::printf("\n");
    for (const FoldOutcome& fold : cv.folds) {
        std::printf("%-8d %6d %6d", fold.repeat + 1, fold.index + 1, fold.epochs);
        for (const auto& c : columns)
            std::printf(" %10s", fixedNumber(fold.network.*c.field).c_str());
        std::printf("\n");
    }
    for (const char* row : {"mean", "sd"}) {
        std::printf("%-22s", row);
        for (const auto& c : columns) {
            const MeanSd s = meanSd(values(cv, kNetwork, c.field));
            std::printf(" %10s", fixedNumber(row[0] == 'm' ? s.mean : s.sd).c_str());
        }
        std::printf("\n");
    }
}

void printBaselines(const CrossValidation& cv) {
    const auto columns = metricColumns(cv.task);
    std::printf("\nBaselines on the same folds (mean +- sd):\n%-10s", "");
    for (const auto& c : columns) std::printf(" %17s", c.title);
    std::printf("\n");
    for (const Learner& learner : kLearners) {
        std::printf("%-10s", learner.name);
        for (const auto& c : columns) {
            const MeanSd s = meanSd(values(cv, learner, c.field));
            std::printf(" %17s", (fixedNumber(s.mean) + " +- " + fixedNumber(s.sd)).c_str());
        }
        std::printf("\n");
    }
    std::printf(
        "(linear: the same training without hidden layers; majority: always the "
        "training rows' class shares, or their mean)\n");
}

void printImportance(const CvImportance& r, const ImportanceOptions& options) {
    const ImportanceResult& p = r.pooled;
    std::printf(
        "\nPermutation importance across folds: each fold's network on its own %zu held-out "
        "rows in all\n",
        p.rows);
    std::printf(
        "%s as they are: %s (mean of the folds); the %s of each column shuffled (%zu "
        "folds x %d repeat%s, mean +- sd):\n",
        std::string(scoreLabel(p.score)).c_str(), fixedNumber(p.baseline).c_str(),
        higherIsBetter(p.score) ? "drop" : "rise", r.folds.size(), options.repeats,
        options.repeats == 1 ? "" : "s");
    printImportanceColumns(p);
}

nlohmann::json importanceJson(const CvImportance& r, const ImportanceOptions& options) {
    const ImportanceResult& p = r.pooled;
    nlohmann::json j;
    j["score"] = std::string(nameIn(kImportanceScoreNames, p.score));
    j["higher_is_better"] = higherIsBetter(p.score);
    j["baseline"] = p.baseline;
    j["rows"] = p.rows;
    j["repeats"] = options.repeats;
    j["seed"] = options.seed;
    j["columns"] = importanceColumnsJson(p);
    return j;
}

nlohmann::json summaryJson(const CrossValidation& cv, const Learner& learner) {
    nlohmann::json j;
    for (const auto& c : metricColumns(cv.task)) {
        const MeanSd s = meanSd(values(cv, learner, c.field));
        j[c.key] = {{"mean", s.count ? nlohmann::json(s.mean) : nlohmann::json()},
                    {"sd", s.count ? nlohmann::json(s.sd) : nlohmann::json()}};
    }
    return j;
}

// `importance`: the folds' importances (cv.folds' order) and the options, or null.
nlohmann::json reportJson(const CrossValidation& cv, const TrainingConfig& config, int folds,
                          int repeats, const std::vector<Finding>& findings,
                          const CvImportance* importance, const ImportanceOptions& options) {
    nlohmann::json j;
    j["task"] = std::string(taskName(cv.task));
    j["folds"] = folds;
    j["repeats"] = repeats;
    j["hyperparameters"] = configToJson(config);
    j["primary_score"] = std::string(primaryScoreName(cv.task));
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t i = 0; i < cv.folds.size(); ++i) {
        const FoldOutcome& fold = cv.folds[i];
        nlohmann::json f;
        f["repeat"] = fold.repeat + 1;
        f["fold"] = fold.index + 1;
        f["epochs"] = fold.epochs;
        f["stop_reason"] = std::string(stopReasonName(fold.stopReason));
        f["seconds"] = fold.seconds;
        f["validation_rows"] = fold.validationRows.size();
        for (const Learner& learner : kLearners)
            f[learner.name] = metricsToJson(fold.*learner.metrics);
        if (importance)
            f["importance"] = {{"baseline", importance->folds[i].baseline},
                               {"columns", importanceColumnsJson(importance->folds[i])}};
        list.push_back(f);
    }
    j["fold_results"] = list;
    nlohmann::json summary;
    for (const Learner& learner : kLearners) summary[learner.name] = summaryJson(cv, learner);
    j["summary"] = summary;
    if (importance) j["importance"] = importanceJson(*importance, options);
    j["diagnosis"] = findingsToJson(findings);
    j["warnings"] = cv.warnings;
    return j;
}

// One row per (repeat, validation row): the CSV line, where it was held out, its target and
// the network's out-of-fold prediction.
std::string oofCsv(const CrossValidation& cv, const Dataset& data) {
    std::string out = "line,repeat,fold,actual";
    if (data.task == Task::Binary) out += ",probability,predicted";
    if (data.task == Task::Multiclass) {
        for (const auto& c : data.classes) out += "," + csvField("prob_" + c);
        out += ",predicted";
    }
    if (data.task == Task::Regression) out += ",prediction";
    out += "\n";
    for (const FoldOutcome& fold : cv.folds) {
        const Eigen::VectorXi decided = data.task == Task::Regression
                                            ? Eigen::VectorXi()
                                            : Model::decide(data.task, fold.outputs);
        for (std::size_t i = 0; i < fold.validationRows.size(); ++i) {
            const Eigen::Index r = fold.validationRows[i];
            const auto row = static_cast<Eigen::Index>(i);
            out += std::to_string(data.sourceLines.empty() ? std::size_t(r + 1)
                                                           : data.sourceLines[std::size_t(r)]);
            out += "," + std::to_string(fold.repeat + 1) + "," + std::to_string(fold.index + 1);
            out += "," + (data.task == Task::Regression
                              ? formatNumber(data.y(r))
                              : csvField(data.classes[std::size_t(data.y(r))]));
            for (Eigen::Index k = 0; k < fold.outputs.cols(); ++k)
                out += "," + formatNumber(fold.outputs(row, k));
            if (data.task != Task::Regression)
                out += "," + csvField(data.classes[std::size_t(decided(row))]);
            out += "\n";
        }
    }
    return out;
}

}  // namespace

int runCv(const std::vector<std::string>& argList) {
    auto specs = trainingOptionSpecs();
    for (const char* name : {"folds", "repeats", "jobs", "report-out", "oof-out", "importance-out",
                             "importance-repeats"})
        specs.push_back({name});
    specs.push_back({"quiet", false});
    specs.push_back({"importance", false});
    const ParsedArgs args(argList, specs);
    const TrainingSetup setup = trainingSetup(args);
    const bool quiet = args.has("quiet");
    CrossValidationOptions options;
    options.folds = args.smallInteger("folds", options.folds);
    options.repeats = args.smallInteger("repeats", options.repeats);
    options.jobs = args.smallInteger("jobs", coreCount());
    if (options.folds < 2) throw UsageError("option '--folds' must be at least 2");
    if (options.repeats < 1) throw UsageError("option '--repeats' must be at least 1");
    if (options.jobs < 1) throw UsageError("option '--jobs' must be at least 1");
    // --importance-out and --importance-repeats say that importance is wanted.
    const bool importance =
        args.has("importance") || args.has("importance-out") || args.has("importance-repeats");
    ImportanceOptions importanceOptions;
    importanceOptions.repeats = args.smallInteger("importance-repeats", importanceOptions.repeats);
    if (importanceOptions.repeats < 1 || importanceOptions.repeats > kMaxImportanceRepeats)
        throw UsageError("option '--importance-repeats' must be between 1 and " +
                         std::to_string(kMaxImportanceRepeats));

    std::vector<NamedPath> outputs;
    for (const char* name : {"report-out", "oof-out", "importance-out"})
        if (args.has(name)) outputs.push_back({std::string("--") + name, args.text(name)});
    checkOutputs({{"the CSV file", setup.csvPath}}, outputs);

    const CsvTable table = readCsvFile(setup.csvPath, setup.csv);
    const Dataset data = prepareDataset(table, setup.selection);
    const TrainingConfig config = adaptedConfig(setup, data, quiet);
    if (args.has("val-fraction") && config.earlyStoppingPatience == 0)
        std::cerr << "warning: --val-fraction is not used by cv without early stopping: each fold "
                     "validates on its own rows\n";
    const bool terminal = ::isatty(STDERR_FILENO) != 0;
    if (terminal && !quiet)
        options.progress = [](int done, int total) {
            std::fprintf(stderr, "\rfold %d/%d done ", done, total);
            std::fflush(stderr);
            return true;
        };
    importanceOptions.seed = config.seed;
    std::optional<CvImportance> withImportance;
    CrossValidation plain;
    if (importance)
        withImportance = crossValidateWithImportance(data, config, options, importanceOptions);
    else
        plain = crossValidate(data, config, options);
    const CrossValidation& cv = withImportance ? withImportance->cv : plain;
    if (terminal && !quiet) std::fprintf(stderr, "\n");
    for (const auto& w : cv.warnings) std::cerr << "warning: " << w << "\n";

    std::printf("Cross-validation: %d folds x %d repeat%s on %lld rows (%s, %s)\n", options.folds,
                options.repeats, options.repeats == 1 ? "" : "s",
                static_cast<long long>(data.rows()), std::string(taskName(data.task)).c_str(),
                data.task == Task::Regression ? "shuffled" : "stratified by class");
    printTable(cv);
    printBaselines(cv);
    if (withImportance) printImportance(*withImportance, importanceOptions);
    const std::vector<Finding> findings = diagnoseCrossValidation(cv);
    printDiagnosis(findings);
    if (args.has("report-out"))
        writeFileAtomically(
            args.text("report-out"),
            reportJson(cv, config, options.folds, options.repeats, findings,
                       withImportance ? &*withImportance : nullptr, importanceOptions)
                    .dump(2) +
                "\n");
    if (args.has("oof-out")) writeFileAtomically(args.text("oof-out"), oofCsv(cv, data));
    if (args.has("importance-out"))
        writeFileAtomically(args.text("importance-out"), importanceToCsv(withImportance->pooled));
    return kExitOk;
}

}  // namespace bps::cli
