#include "core/report/report_data.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <unordered_map>

#include "core/base/errors.h"
#include "core/data/split.h"
#include "core/evaluation/calibration.h"
#include "core/explain/explain_data.h"
#include "core/explain/permutation_importance.h"
#include "core/io/json_convert.h"
#include "core/report/report_multiclass.h"
#include "core/report/report_regression.h"

namespace bps::report {

namespace {

// The raw column a model input came from: a date's part ("Year:year") names its date column.
std::string rawColumn(const std::string& feature, const TableEncoding* encoding) {
    if (encoding)
        for (const DateExpansion& d : encoding->dates)
            if (feature.rfind(d.column + ":", 0) == 0) return d.column;
    return feature;
}

double logLoss(Task task, const Eigen::MatrixXd& outputs, const Eigen::VectorXd& targets) {
    if (task == Task::Regression || targets.size() == 0) return kNaN;
    constexpr double eps = 1e-15;  // a confident wrong answer costs log(1e15), not infinity
    double sum = 0;
    for (Eigen::Index i = 0; i < targets.size(); ++i) {
        const double p = task == Task::Binary
                             ? (targets(i) > 0.5 ? outputs(i, 0) : 1 - outputs(i, 0))
                             : outputs(i, static_cast<Eigen::Index>(targets(i)));
        sum -= std::log(std::clamp(p, eps, 1.0));
    }
    return sum / static_cast<double>(targets.size());
}

std::string settingText(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array()) {
        std::string out;
        for (const auto& item : v) out += (out.empty() ? "" : ", ") + settingText(item);
        return out.empty() ? "none" : out;
    }
    return v.dump();
}

}  // namespace

Dataset datasetForModel(const Model& model, const CsvTable& table) {
    DataSelection selection;
    selection.target = model.target;
    selection.task = model.task;
    const TableEncoding* encoding = model.preprocessing ? &*model.preprocessing : nullptr;
    std::set<std::string> seen;
    for (const std::string& feature : model.features) {
        const std::string raw = rawColumn(feature, encoding);
        if (seen.insert(raw).second) selection.features.push_back(raw);
    }
    if (encoding) {
        selection.encoding.missing = encoding->missing;
        selection.encoding.minLevelCount = encoding->minLevelCount;
        selection.expandDates = !encoding->dates.empty();
        for (const ColumnEncoding& c : encoding->columns)
            if (rawColumn(c.name, encoding) == c.name) selection.kinds[c.name] = c.kind;
    } else {
        for (const std::string& f : model.features) selection.kinds[f] = ColumnKind::Numeric;
    }
    return prepareDataset(table, selection);
}

EvaluatedRows evaluateRows(const Model& model, const CsvTable& table, const Dataset& data,
                           ReportRows which, std::uint64_t seed) {
    // The data set's class k is the model's class classIndex[k] (matched by name: a file with
    // fewer classes numbers them differently).
    std::vector<double> classIndex;
    for (const std::string& name : data.classes) {
        const auto at = std::find(model.classes.begin(), model.classes.end(), name);
        if (at == model.classes.end())
            throw DataError("the target '" + model.target + "' has the class '" + name +
                            "', which the model was not trained on");
        classIndex.push_back(static_cast<double>(at - model.classes.begin()));
    }
    std::vector<Eigen::Index> chosen;
    std::string description;
    if (which == ReportRows::Validation) {
        const double fraction = model.config.validationFraction;
        if (fraction <= 0)
            throw DataError(
                "the model was trained without validation rows (validation fraction "
                "0): use --rows all");
        chosen = splitRows(data, fraction, seed).validation;
        std::sort(chosen.begin(), chosen.end());
        char buf[64];
        std::snprintf(buf, sizeof buf, "%g", fraction);
        description = "validation rows (fraction " + std::string(buf) + ", seed " +
                      std::to_string(seed) + ")";
    } else {
        for (Eigen::Index i = 0; i < data.rows(); ++i) chosen.push_back(i);
        description = "rows with a target";
    }
    std::unordered_map<std::size_t, std::size_t> rowOfLine;
    for (std::size_t r = 0; r < table.rowLine.size(); ++r) rowOfLine.emplace(table.rowLine[r], r);
    EncodedTable encoded;
    const Eigen::MatrixXd all = model.predictTable(table, &encoded);
    std::unordered_map<std::size_t, Eigen::Index> outputOfRow;
    for (std::size_t i = 0; i < encoded.rows.size(); ++i)
        outputOfRow.emplace(encoded.rows[i], static_cast<Eigen::Index>(i));

    EvaluatedRows out;
    std::vector<Eigen::Index> outputRows;
    std::vector<double> targets;
    for (Eigen::Index i : chosen) {
        const auto line = rowOfLine.find(data.sourceLines.at(static_cast<std::size_t>(i)));
        if (line == rowOfLine.end()) continue;
        const auto output = outputOfRow.find(line->second);
        if (output == outputOfRow.end()) continue;  // the encoding dropped it (--missing drop)
        out.tableRows.push_back(line->second);
        outputRows.push_back(output->second);
        const double y = data.y(i);
        targets.push_back(
            model.task == Task::Regression ? y : classIndex.at(static_cast<std::size_t>(y)));
    }
    out.outputs.resize(static_cast<Eigen::Index>(outputRows.size()), all.cols());
    out.targets.resize(static_cast<Eigen::Index>(targets.size()));
    for (std::size_t k = 0; k < outputRows.size(); ++k) {
        out.outputs.row(static_cast<Eigen::Index>(k)) = all.row(outputRows[k]);
        out.targets(static_cast<Eigen::Index>(k)) = targets[k];
    }
    if (out.targets.size() == 0) throw DataError("no rows left to evaluate the model on");
    out.description = "the " + std::to_string(out.targets.size()) + " " + description;
    return out;
}

DataSummary summarizeData(const std::string& fileName, const CsvTable& table, const Dataset& data,
                          const Model& model) {
    DataSummary d;
    d.fileName = fileName;
    d.rows = table.rows;
    d.target = model.target;
    const TableEncoding* encoding = model.preprocessing ? &*model.preprocessing : nullptr;
    std::set<std::string> inputs;
    for (const std::string& f : model.features) inputs.insert(rawColumn(f, encoding));
    for (const ColumnKindInfo& c : data.columnKinds)
        d.columns.push_back({c.name, kindName(c.kind), c.missing,
                             c.name == model.target ? "target"
                             : inputs.count(c.name) ? "input"
                                                    : "not used"});
    if (data.task != Task::Regression) {
        std::vector<std::int64_t> counts(data.classes.size(), 0);
        for (Eigen::Index i = 0; i < data.y.size(); ++i)
            ++counts.at(static_cast<std::size_t>(data.y(i)));
        for (std::size_t c = 0; c < counts.size(); ++c)
            d.classCounts.emplace_back(data.classes[c], counts[c]);
    } else if (data.y.size() > 0) {
        TargetStats t;
        t.min = data.y.minCoeff();
        t.max = data.y.maxCoeff();
        t.mean = data.y.mean();
        t.sd = data.y.size() > 1 ? std::sqrt((data.y.array() - t.mean).square().sum() /
                                             static_cast<double>(data.y.size() - 1))
                                 : 0.0;
        d.targetStats = t;
    }
    d.warnings = data.warnings;
    return d;
}

ModelSummary summarizeModel(const Model& model) {
    ModelSummary m;
    m.task = model.task;
    m.target = model.target;
    m.classes = model.classes;
    m.inputs = model.features;
    m.networkInputs = model.inputCount();
    for (const DenseLayer& layer : model.layers)
        m.layerUnits.push_back(static_cast<int>(layer.weights.cols()));
    const nlohmann::json settings = configToJson(model.config);
    for (const auto& [name, value] : settings.items())
        m.settings.emplace_back(name, settingText(value));
    return m;
}

std::vector<HistoryPoint> historyFromReports(const std::vector<EpochReport>& reports) {
    std::vector<HistoryPoint> out;
    out.reserve(reports.size());
    for (const EpochReport& r : reports)
        out.push_back(
            {r.epoch, r.trainLoss, r.validationLoss, r.validationAccuracy, r.learningRate});
    return out;
}

ReportInput buildReport(const Model& model, const CsvTable& table, const Dataset& data,
                        const std::string& fileName, const EvaluatedRows& rows,
                        std::vector<HistoryPoint> history) {
    ReportInput in;
    in.title = "Backprop Studio report: " + fileName + ", target " + model.target;
    in.generatedBy = std::string("backprop-studio ") + BPS_VERSION;
    in.data = summarizeData(fileName, table, data, model);
    in.model = summarizeModel(model);
    in.history = std::move(history);
    if (in.history.empty()) in.historyNote = "no training history given";
    in.rowsDescription = rows.description;
    in.evaluatedRows = static_cast<std::size_t>(rows.targets.size());
    const double threshold = model.threshold;
    in.metrics = computeMetrics(model.task, rows.outputs, rows.targets,
                                static_cast<int>(model.classes.size()),
                                logLoss(model.task, rows.outputs, rows.targets), threshold);
    if (model.task == Task::Binary && in.metrics.confusion.size() == 2 &&
        in.metrics.confusion[0][0] + in.metrics.confusion[0][1] > 0 &&
        in.metrics.confusion[1][0] + in.metrics.confusion[1][1] > 0)
        in.roc = rocCurve(rows.outputs.col(0), rows.targets);
    if (model.task == Task::Binary) {
        const Reliability r = reliability(rows.outputs.col(0), rows.targets, 10, Binning::Uniform);
        for (const ReliabilityBin& b : r.bins)
            if (b.count > 0)
                in.calibration.push_back({b.meanPredicted, b.observedFrequency, b.count});
        in.brier = r.brier;
        in.ece = r.ece;
        if (in.calibration.empty()) in.calibrationNote = "no finite probabilities to bin";
    }
    if (model.task == Task::Multiclass)
        in.classCurves = classCurves(rows.outputs, rows.targets, model.classes);
    if (model.task == Task::Regression && rows.outputs.cols() > 0)
        addRegressionPlots(in, rows.targets, rows.outputs.col(0));
    in.importanceNote = "importance was not computed";
    return in;
}

void addImportance(ReportInput& input, const Model& model, const CsvTable& table,
                   const EvaluatedRows& rows, std::uint64_t seed, int repeats,
                   const ToolProgress& progress) {
    ImportanceOptions options;
    options.repeats = repeats;
    options.seed = seed;
    const ExplainData data = explainData(model, table, rows.tableRows);
    const ImportanceResult result = permutationImportance(model, data, options, progress);
    if (result.cancelled) {
        input.importanceNote = "importance was cancelled before it was complete";
        return;
    }
    input.importance.clear();
    for (const ColumnImportance& c : sortedByImportance(result))
        input.importance.push_back({c.column, c.mean, c.sd});
    input.importanceMetric = std::string(scoreLabel(result.score)) + " lost when shuffled";
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "%d shuffles per column, seed %llu; %s on %zu rows as they are: %.4f", repeats,
                  static_cast<unsigned long long>(seed),
                  std::string(scoreLabel(result.score)).c_str(), result.rows, result.baseline);
    input.importanceDetail = buf;
}

}  // namespace bps::report
