// `backprop-studio cv FILE.csv [train options] [--folds 5] [--repeats 1]`: k-fold
// cross-validation of the network beside its baselines, per fold and as mean +- sd.

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "app/cli_metric_columns.h"
#include "app/cli_outputs.h"
#include "core/base/errors.h"
#include "core/io/csv_writer.h"
#include "core/io/files.h"
#include "core/io/json_convert.h"
#include "core/validation/cross_validation.h"
#include "core/validation/parallel_runner.h"

namespace bps::cli {

namespace {

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

nlohmann::json summaryJson(const CrossValidation& cv, const Learner& learner) {
    nlohmann::json j;
    for (const auto& c : metricColumns(cv.task)) {
        const MeanSd s = meanSd(values(cv, learner, c.field));
        j[c.key] = {{"mean", s.count ? nlohmann::json(s.mean) : nlohmann::json()},
                    {"sd", s.count ? nlohmann::json(s.sd) : nlohmann::json()}};
    }
    return j;
}

nlohmann::json reportJson(const CrossValidation& cv, const TrainingConfig& config, int folds,
                          int repeats, const std::vector<Finding>& findings) {
    nlohmann::json j;
    j["task"] = std::string(taskName(cv.task));
    j["folds"] = folds;
    j["repeats"] = repeats;
    j["hyperparameters"] = configToJson(config);
    j["primary_score"] = std::string(primaryScoreName(cv.task));
    nlohmann::json list = nlohmann::json::array();
    for (const FoldOutcome& fold : cv.folds) {
        nlohmann::json f;
        f["repeat"] = fold.repeat + 1;
        f["fold"] = fold.index + 1;
        f["epochs"] = fold.epochs;
        f["stop_reason"] = std::string(stopReasonName(fold.stopReason));
        f["seconds"] = fold.seconds;
        f["validation_rows"] = fold.validationRows.size();
        for (const Learner& learner : kLearners)
            f[learner.name] = metricsToJson(fold.*learner.metrics);
        list.push_back(f);
    }
    j["fold_results"] = list;
    nlohmann::json summary;
    for (const Learner& learner : kLearners) summary[learner.name] = summaryJson(cv, learner);
    j["summary"] = summary;
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
    for (const char* name : {"folds", "repeats", "jobs", "report-out", "oof-out"})
        specs.push_back({name});
    specs.push_back({"quiet", false});
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

    std::vector<NamedPath> outputs;
    for (const char* name : {"report-out", "oof-out"})
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
    const CrossValidation cv = crossValidate(data, config, options);
    if (terminal && !quiet) std::fprintf(stderr, "\n");
    for (const auto& w : cv.warnings) std::cerr << "warning: " << w << "\n";

    std::printf("Cross-validation: %d folds x %d repeat%s on %lld rows (%s, %s)\n", options.folds,
                options.repeats, options.repeats == 1 ? "" : "s",
                static_cast<long long>(data.rows()), std::string(taskName(data.task)).c_str(),
                data.task == Task::Regression ? "shuffled" : "stratified by class");
    printTable(cv);
    printBaselines(cv);
    const std::vector<Finding> findings = diagnoseCrossValidation(cv);
    printDiagnosis(findings);
    if (args.has("report-out"))
        writeFileAtomically(
            args.text("report-out"),
            reportJson(cv, config, options.folds, options.repeats, findings).dump(2) + "\n");
    if (args.has("oof-out")) writeFileAtomically(args.text("oof-out"), oofCsv(cv, data));
    return kExitOk;
}

}  // namespace bps::cli
