// `backprop-studio train`: trains on a CSV and writes the model, history and report.

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "app/cli_outputs.h"
#include "core/base/errors.h"
#include "core/csv/csv_cell.h"
#include "core/csv/csv_delimiter.h"
#include "core/csv/csv_reader.h"
#include "core/evaluation/cost_threshold.h"
#include "core/export/exporter.h"
#include "core/io/csv_writer.h"
#include "core/io/json_convert.h"
#include "core/io/model_file.h"
#include "core/training/trainer.h"

namespace bps::cli {

namespace {

template <typename Enum>
Enum parseChoice(const ParsedArgs& args, const std::string& name, Enum fallback,
                 std::optional<Enum> (*parse)(std::string_view), const std::string& choices) {
    if (!args.has(name)) return fallback;
    const auto value = parse(args.text(name));
    if (!value)
        throw UsageError("option '--" + name + "' must be one of " + choices + ", got '" +
                         args.text(name) + "'");
    return *value;
}

std::string fixed(double v, int digits = 4) {
    if (std::isnan(v)) return "n/a";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

void printSummary(const Trainer& trainer, const Model& model, const EpochReport& last) {
    std::cout << "Trained " << trainer.epoch() << " epochs ("
              << stopReasonName(trainer.stopReason()) << ") in " << fixed(last.seconds, 2)
              << " s on " << trainer.split().train.size() << " rows; validation "
              << trainer.split().validation.size() << " rows.\n";
    if (!trainer.divergence().empty()) {
        // Say what is true: with an overflowing initialisation no weights were ever finite.
        bool finite = true;
        for (const DenseLayer& layer : model.layers)
            finite = finite && layer.weights.allFinite() && layer.bias.allFinite();
        std::cout << "Diverged: " << trainer.divergence()
                  << (finite
                          ? "; kept the last finite weights.\n"
                          : "; no finite weights to keep (they were not finite from the start).\n");
    }
    if (!model.validation) return;
    const Metrics& m = *model.validation;
    std::cout << "Validation: loss " << fixed(m.loss);
    if (m.task == Task::Binary)
        std::cout << "  accuracy " << fixed(m.accuracy) << "  precision " << fixed(m.precision)
                  << "  recall " << fixed(m.recall) << "  F1 " << fixed(m.f1) << "  ROC AUC "
                  << fixed(m.rocAuc) << "\n";
    else if (m.task == Task::Multiclass)
        std::cout << "  accuracy " << fixed(m.accuracy) << "  macro F1 " << fixed(m.macroF1)
                  << "\n";
    else
        std::cout << "  RMSE " << fixed(m.rmse) << "  MAE " << fixed(m.mae) << "  R2 "
                  << fixed(m.r2) << "\n";
    if (!m.confusion.empty()) {
        std::cout << "Confusion matrix (rows: actual, columns: predicted; ";
        for (std::size_t c = 0; c < model.classes.size(); ++c)
            std::cout << (c ? ", " : "") << model.classes[c];
        std::cout << "):\n";
        for (const auto& row : m.confusion) {
            std::cout << " ";
            for (auto v : row) std::cout << " " << v;
            std::cout << "\n";
        }
    }
}

// What became of each feature column: its kind, how it is encoded, its missing cells in the
// rows used, and how many network inputs it became (the training rows' encoding).
void printInputs(const Dataset& data, const TrainingData& training) {
    if (!data.encoded()) return;  // plain numbers: one input each, nothing to tell
    const TableEncoding& encoding = *training.encoding;
    std::printf("Inputs (%zu columns -> %lld network inputs; missing cells: %s):\n",
                encoding.columns.size(), static_cast<long long>(training.inputCount()),
                missingPolicyName(encoding.missing));
    std::printf("  %-24s %-12s %-40s %8s %7s\n", "column", "kind", "encoding", "missing", "inputs");
    for (std::size_t i = 0; i < encoding.columns.size(); ++i) {
        const ColumnEncoding& c = encoding.columns[i];
        const CsvColumn& column = data.inputTable->columns[static_cast<std::size_t>(
            std::find_if(data.inputTable->columns.begin(), data.inputTable->columns.end(),
                         [&](const CsvColumn& t) { return t.name == c.name; }) -
            data.inputTable->columns.begin())];
        std::string how;
        if (c.kind == ColumnKind::Numeric) {
            how = "standardised";
            if (c.missingIndicator) how += ", median " + fixed(c.imputeValue, 4) + " + indicator";
        } else {
            how = "one-hot, " + std::to_string(c.levels.size()) + " levels";
            if (c.otherLevel) how += " (" + std::to_string(c.mergedLevels.size()) + " in other)";
            if (c.missingLevel) how += ", 'missing' level";
        }
        const bool date =
            c.name.find(':') != std::string::npos &&
            std::any_of(encoding.dates.begin(), encoding.dates.end(), [&](const DateExpansion& d) {
                return c.name.rfind(d.column + ":", 0) == 0;
            });
        std::printf("  %-24s %-12s %-40s %8zu %7zu\n", printableExcerpt(c.name).c_str(),
                    date ? "date part" : kindName(c.kind), how.c_str(), column.missing,
                    c.inputCount());
    }
}

nlohmann::json reportJson(const Trainer& trainer, const Model& model, const EpochReport& last) {
    nlohmann::json j;
    j["epochs"] = trainer.epoch();
    j["stop_reason"] = std::string(stopReasonName(trainer.stopReason()));
    j["seconds"] = last.seconds;
    j["task"] = std::string(taskName(model.task));
    j["train"] = {{"loss", model.trainLoss.value_or(kNaN)}};
    if (!std::isfinite(model.trainLoss.value_or(kNaN))) j["train"]["loss"] = nullptr;
    j["validation"] = model.validation ? metricsToJson(*model.validation) : nlohmann::json();
    j["baseline_loss"] = trainer.baselineLoss();
    j["hyperparameters"] = configToJson(model.config);
    j["warnings"] = trainer.warnings();
    if (!trainer.divergence().empty()) j["divergence"] = trainer.divergence();
    nlohmann::json layers = nlohmann::json::array();
    for (const auto& h : last.layers)
        layers.push_back({{"gradient_norm", h.gradientNorm},
                          {"update_ratio", h.updateRatio},
                          {"weight_norm", h.weightNorm},
                          {"saturated_fraction", h.saturatedFraction},
                          {"dead_fraction", h.deadFraction}});
    j["health"] = {{"layers", layers}, {"predicted_fractions", last.predictedFractions}};
    return j;
}

}  // namespace

CsvOptions csvOptions(const ParsedArgs& args) {
    CsvOptions options;
    const std::string header = args.text("header", "auto");
    if (header == "yes")
        options.header = HeaderMode::Present;
    else if (header == "no")
        options.header = HeaderMode::Absent;
    else if (header != "auto")
        throw UsageError("option '--header' must be one of auto, yes, no, got '" + header + "'");
    if (args.has("delimiter")) {
        const std::string d = args.text("delimiter");
        options.delimiter = delimiterFromName(d);
        if (!options.delimiter)
            throw UsageError(
                "option '--delimiter' must be ',', ';', '|', ':', tab or whitespace, got '" + d +
                "'");
    }
    return options;
}

std::vector<OptionSpec> trainingOptionSpecs() {
    return {{"target"},
            {"features"},
            {"task"},
            {"hidden"},
            {"activation"},
            {"optimizer"},
            {"nesterov", false},
            {"lr"},
            {"momentum"},
            {"epochs"},
            {"batch-size"},
            {"l2"},
            {"val-fraction"},
            {"seed"},
            {"class-weight"},
            {"early-stopping"},
            {"no-standardize", false},
            {"init-scale"},
            {"header"},
            {"delimiter"},
            {"categorical"},
            {"numeric"},
            {"missing"},
            {"min-level-count"},
            {"expand-dates", false}};
}

namespace {

// --categorical, --numeric, --missing, --min-level-count, --expand-dates.
void readDataOptions(const ParsedArgs& args, DataSelection& selection) {
    for (const auto& [option, kind] : {std::pair{"categorical", ColumnKind::Categorical},
                                       std::pair{"numeric", ColumnKind::Numeric}}) {
        if (args.has(option) && args.text(option).empty())
            throw UsageError(std::string("option '--") + option + "' needs at least one column");
        for (const std::string& name : args.list(option)) {
            const auto [it, added] = selection.kinds.emplace(name, kind);
            if (!added && it->second != kind)
                throw UsageError("column '" + name + "' is both --categorical and --numeric");
        }
    }
    if (args.has("missing")) {
        const auto policy = parseMissingPolicy(args.text("missing"));
        if (!policy)
            throw UsageError("option '--missing' must be one of impute, category, drop, got '" +
                             args.text("missing") + "'");
        selection.encoding.missing = *policy;
    }
    if (args.has("min-level-count")) {
        const long long count = args.integer("min-level-count", 1);
        if (count < 1)
            throw UsageError("option '--min-level-count' must be at least 1, got '" +
                             args.text("min-level-count") + "'");
        selection.encoding.minLevelCount = static_cast<std::size_t>(count);
    }
    selection.expandDates = args.has("expand-dates");
}

}  // namespace

TrainingSetup trainingSetup(const ParsedArgs& args) {
    if (args.positional().size() != 1) throw UsageError("expected one CSV file");
    TrainingSetup s;
    s.csvPath = args.positional()[0];
    s.csv = csvOptions(args);
    s.selection.target = args.text("target");
    if (args.has("features") && args.text("features").empty())
        throw UsageError(
            "option '--features' needs at least one column (leave it out for every numeric "
            "column)");
    s.selection.features = args.list("features");
    readDataOptions(args, s.selection);
    if (args.has("task") && args.text("task") != "auto") {
        s.selection.task = parseTask(args.text("task"));
        if (!s.selection.task)
            throw UsageError("option '--task' must be one of auto, " + joinNames(kTaskNames, ", "));
    }
    TrainingConfig& c = s.config;
    if (args.has("hidden")) {
        c.hidden.clear();
        for (const auto& item : args.list("hidden")) {
            int units = 0;
            const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), units);
            if (ec != std::errc{} || end != item.data() + item.size())
                throw UsageError("option '--hidden' expects sizes like 16 or 32,16, got '" +
                                 args.text("hidden") + "'");
            c.hidden.push_back(units);
        }
    }
    c.activation = parseChoice(args, "activation", c.activation, parseActivation,
                               joinNames(kActivationNames, ", ", isHiddenActivation));
    c.optimizer = parseChoice(args, "optimizer", c.optimizer, parseOptimizer,
                              joinNames(kOptimizerNames, ", "));
    c.classWeight = parseChoice(args, "class-weight", c.classWeight, parseClassWeighting,
                                joinNames(kClassWeightingNames, ", "));
    c.nesterov = args.has("nesterov");
    c.live.learningRate = args.number("lr", c.live.learningRate);
    c.live.momentum = args.number("momentum", c.live.momentum);
    c.live.l2 = args.number("l2", c.live.l2);
    c.live.batchSize = args.smallInteger("batch-size", c.live.batchSize);
    c.epochs = args.smallInteger("epochs", c.epochs);
    c.validationFraction = args.number("val-fraction", c.validationFraction);
    c.seed = static_cast<std::uint64_t>(args.integer("seed", static_cast<long long>(c.seed)));
    c.earlyStoppingPatience = args.smallInteger("early-stopping", 0);
    c.standardize = !args.has("no-standardize");
    c.initScale = args.number("init-scale", c.initScale);
    s.given = {args.has("hidden"), args.has("l2"), args.has("batch-size"), args.has("val-fraction"),
               args.has("early-stopping")};
    if (!isHiddenActivation(c.activation)) throw UsageError("bad --activation");
    if (const std::string problem = c.validate(); !problem.empty()) throw UsageError(problem);
    return s;
}

namespace {

// The decision threshold to store in a binary model: --threshold T, or --costs FP,FN[,TP], the
// threshold with the lowest expected cost on the validation rows
// (core/evaluation/cost_threshold.h).
struct DecisionChoice {
    std::optional<double> threshold;
    std::optional<Costs> costs;
};

DecisionChoice decisionChoice(const ParsedArgs& args, Task task) {
    DecisionChoice d;
    if (!args.has("threshold") && !args.has("costs")) return d;
    if (args.has("threshold") && args.has("costs"))
        throw UsageError("--threshold and --costs both choose the threshold: give one");
    if (task != Task::Binary)
        throw UsageError(std::string("--") + (args.has("costs") ? "costs" : "threshold") +
                         " applies to a binary target only");
    if (args.has("threshold")) {
        const double t = args.number("threshold", 0.5);
        if (!(t > 0 && t < 1)) throw UsageError("--threshold: expected a number between 0 and 1");
        d.threshold = t;
        return d;
    }
    const std::vector<std::string> parts = args.list("costs");
    if (parts.size() < 2 || parts.size() > 3)
        throw UsageError(
            "--costs: expected FP,FN or FP,FN,TP (cost of a false positive, of a "
            "false negative, benefit of a true positive)");
    std::vector<double> v;
    for (const std::string& part : parts) {
        double x = 0;
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), x);
        if (ec != std::errc() || end != part.data() + part.size() || !std::isfinite(x) || x < 0)
            throw UsageError("--costs: '" + part + "' is not a number of 0 or more");
        v.push_back(x);
    }
    d.costs = Costs{v[0], v[1], v.size() > 2 ? v[2] : 0.0, 0.0};
    return d;
}

void applyDecision(const DecisionChoice& d, const Trainer& trainer, Model& model, bool quiet) {
    if (d.threshold) {
        model.threshold = *d.threshold;
    } else if (d.costs) {
        const Eigen::MatrixXd outputs = trainer.validationOutputs();
        if (outputs.rows() == 0) {
            std::cerr << "warning: --costs: no validation rows to choose a threshold on; it "
                         "stays 0.5\n";
            return;
        }
        const CostPoint best =
            minimumCostThreshold(outputs.col(0), trainer.validationTargets(), *d.costs);
        if (!std::isfinite(best.expectedCost)) {
            std::cerr << "warning: --costs: no threshold in (0, 1) changes a decision on the "
                         "validation rows; it stays 0.5\n";
            return;
        }
        model.threshold = best.threshold;
        if (!quiet)
            std::cout << "Decision threshold " << best.threshold << ": the lowest expected cost, "
                      << best.expectedCost << " per validation row\n";
    } else {
        return;
    }
    // The stored metrics are the ones at the stored threshold.
    if (model.validation) model.validation = trainer.validationMetrics(model.threshold);
}

}  // namespace

TrainingConfig adaptedConfig(const TrainingSetup& setup, const Dataset& data, bool quiet) {
    const AdaptedDefaults adapted =
        adaptDefaults(setup.config, setup.given, static_cast<std::size_t>(data.rows()));
    if (const std::string line = describeAdaptedDefaults(adapted); !quiet && !line.empty())
        std::printf("%s\n", line.c_str());
    return adapted.config;
}

int runTrain(const std::vector<std::string>& argList) {
    auto specs = trainingOptionSpecs();
    for (const char* name : {"model-out", "history-out", "report-out"}) specs.push_back({name});
    specs.push_back({"quiet", false});
    specs.push_back({"threshold"});
    specs.push_back({"costs"});
    const ParsedArgs args(argList, specs);
    const TrainingSetup setup = trainingSetup(args);
    const bool quiet = args.has("quiet");
    // Checked before training, so a typo in the extension does not waste the run.
    const std::optional<ExportFormat> modelFormat = modelOutFormat(args);

    std::vector<NamedPath> outputs;
    for (const char* name : {"model-out", "history-out", "report-out"})
        if (args.has(name)) outputs.push_back({std::string("--") + name, args.text(name)});
    checkOutputs({{"the CSV file", setup.csvPath}}, outputs);

    const CsvTable table = readCsvFile(setup.csvPath, setup.csv);
    const Dataset data = prepareDataset(table, setup.selection);
    const DecisionChoice decision = decisionChoice(args, data.task);
    const TrainingConfig config = adaptedConfig(setup, data, quiet);
    // The run's wall clock, beside the Trainer's own seconds (its epochs alone): the app's
    // rate is measured against both (bench/app_speed.sh).
    const auto trainingBegan = std::chrono::steady_clock::now();
    Trainer trainer(data, config);
    // Warnings are not progress: --quiet keeps them.
    for (const auto& w : trainer.warnings()) std::cerr << "warning: " << w << "\n";
    if (!quiet) printInputs(data, trainer.trainingData());

    const bool terminal = ::isatty(STDOUT_FILENO) != 0;
    // The history goes to its file as training goes (memory stays flat in the epoch count);
    // only the last report is kept. The file replaces the old one only when the run has ended.
    std::optional<AtomicFileWriter> historyFile;
    if (args.has("history-out")) {
        historyFile.emplace(args.text("history-out"));
        historyFile->write(historyCsvHeader());
    }
    EpochReport last;
    trainer.run([&](const EpochReport& r) {
        last = r;
        if (historyFile) historyFile->write(historyCsvRow(r));
        if (quiet) return;
        if (terminal) {
            const int width = 30;
            const int filled = width * r.epoch / std::max(1, config.epochs);
            std::printf("\r[%-*s] epoch %d/%d  train %.4f  val %.4f ", width,
                        std::string(static_cast<std::size_t>(filled), '#').c_str(), r.epoch,
                        config.epochs, r.trainLoss, r.validationLoss);
            std::fflush(stdout);
        } else {
            std::printf("epoch %d  train_loss %.6f  val_loss %.6f  val_accuracy %.4f  lr %g\n",
                        r.epoch, r.trainLoss, r.validationLoss, r.validationAccuracy,
                        r.learningRate);
        }
    });
    if (terminal && !quiet) std::printf("\n");

    Model model = trainer.model();
    const double wallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - trainingBegan).count();
    applyDecision(decision, trainer, model, quiet);
    printSummary(trainer, model, last);
    const std::vector<Finding> findings = trainer.diagnose();
    printDiagnosis(findings);
    // The history and the report first: they say what happened even when there is no model.
    if (historyFile) historyFile->commit();
    if (args.has("report-out")) {
        nlohmann::json report = reportJson(trainer, model, last);
        report["diagnosis"] = findingsToJson(findings);
        report["wall_seconds"] = wallSeconds;
        writeFileAtomically(args.text("report-out"), report.dump(2) + "\n");
    }
    if (args.has("model-out")) {
        // A model whose outputs are not numbers is no model: refuse it rather than write one
        // that predicts nothing.
        if (model.validation && !std::isfinite(model.validation->loss))
            throw DataError(args.text("model-out") +
                            ": not written: the model's validation outputs are not finite numbers "
                            "(the run diverged); see the diagnosis above");
        exportModel(model, *modelFormat, args.text("model-out"));
        if (!quiet) std::cout << "Model written to " << args.text("model-out") << "\n";
    }
    return kExitOk;
}

}  // namespace bps::cli
