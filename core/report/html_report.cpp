#include "core/report/html_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/report/html_parts.h"
#include "core/report/report_multiclass.h"
#include "core/report/report_regression.h"
#include "core/report/svg_plot.h"

namespace bps::report {

using namespace html;

namespace {

constexpr const char* kStyle = R"(<style>
body { font-family: sans-serif; color: #222; background: #fff; max-width: 960px;
       margin: 2em auto; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.8em; }
.meta, .note { color: #555; }
.note { font-style: italic; }
table { border-collapse: collapse; margin: 0.6em 0; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.7em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
ul.warnings li { color: #8a4b00; }
svg.chart { display: block; margin: 0.8em 0; max-width: 100%; height: auto; }
nav a { margin-right: 0.8em; color: #0b5394; }
section { page-break-inside: avoid; }
@media print { nav { display: none; } body { margin: 0; max-width: none; } }
</style>
)";

std::string dataSection(const DataSummary& d) {
    std::string h = open("data", "Data");
    h += "<table>\n<tr><th>file</th>" + cell(d.fileName) + "</tr>\n<tr><th>rows</th>" +
         numCell(std::to_string(d.rows)) + "</tr>\n<tr><th>columns</th>" +
         numCell(std::to_string(d.columns.size())) + "</tr>\n<tr><th>target</th>" + cell(d.target) +
         "</tr>\n</table>\n";
    if (!d.classCounts.empty()) {
        std::int64_t total = 0;
        for (const auto& [name, n] : d.classCounts) total += n;
        h +=
            "<h3>Class balance</h3>\n<table>\n<tr><th>class</th><th>rows</th><th>share</th></tr>\n";
        for (const auto& [name, n] : d.classCounts)
            h += "<tr>" + cell(name) + numCell(std::to_string(n)) +
                 numCell(percent(total > 0 ? static_cast<double>(n) / total : kNaN)) + "</tr>\n";
        h += "</table>\n";
    }
    if (d.targetStats) {
        const TargetStats& t = *d.targetStats;
        h += "<h3>Target</h3>\n<table>\n<tr><th>min</th><th>max</th><th>mean</th><th>sd</th></tr>\n"
             "<tr>" +
             numCell(shortNumber(t.min)) + numCell(shortNumber(t.max)) +
             numCell(shortNumber(t.mean)) + numCell(shortNumber(t.sd)) + "</tr>\n</table>\n";
    }
    h += "<h3>Columns</h3>\n<table>\n<tr><th>column</th><th>kind</th><th>role</th><th>missing "
         "cells</th></tr>\n";
    for (const ReportColumn& c : d.columns)
        h += "<tr>" + cell(c.name) + cell(c.kind) + cell(c.role) +
             numCell(std::to_string(c.missing)) + "</tr>\n";
    h += "</table>\n";
    if (!d.warnings.empty()) {
        h += "<h3>Warnings</h3>\n<ul class=\"warnings\">\n";
        for (const std::string& w : d.warnings) h += "<li>" + esc(w) + "</li>\n";
        h += "</ul>\n";
    }
    return h + "</section>\n";
}

std::string modelSection(const ModelSummary& m) {
    std::string h = open("model", "Model and settings");
    std::string layers = std::to_string(m.networkInputs) + " inputs";
    for (int units : m.layerUnits) layers += " \xE2\x86\x92 " + std::to_string(units);
    h += "<table>\n<tr><th>task</th>" + cell(std::string(taskName(m.task))) +
         "</tr>\n<tr><th>target</th>" + cell(m.target) + "</tr>\n";
    if (!m.classes.empty()) {
        std::string classes;
        for (const std::string& c : m.classes) classes += (classes.empty() ? "" : ", ") + c;
        h += "<tr><th>classes</th>" + cell(classes) + "</tr>\n";
    }
    std::string inputs;
    for (const std::string& c : m.inputs) inputs += (inputs.empty() ? "" : ", ") + c;
    h += "<tr><th>input columns</th>" + cell(inputs) + "</tr>\n<tr><th>network</th>" +
         cell(layers) + "</tr>\n</table>\n";
    h += "<h3>Training settings</h3>\n<table>\n<tr><th>setting</th><th>value</th></tr>\n";
    for (const auto& [name, value] : m.settings) h += "<tr>" + cell(name) + cell(value) + "</tr>\n";
    return h + "</table>\n</section>\n";
}

std::string trainingSection(const ReportInput& in) {
    std::string h = open("training", "Training curves");
    if (in.history.empty()) return h + note(in.historyNote) + "</section>\n";
    LineSeries train{"training cost", {}, {}}, val{"validation cost", {}, {}, true};
    LineSeries accuracy{"validation accuracy", {}, {}};
    double low = kNaN, high = kNaN;
    for (const HistoryPoint& p : in.history) {
        train.x.push_back(p.epoch);
        train.y.push_back(p.trainLoss);
        val.x.push_back(p.epoch);
        val.y.push_back(p.validationLoss);
        accuracy.x.push_back(p.epoch);
        accuracy.y.push_back(p.validationAccuracy);
        for (double v : {p.trainLoss, p.validationLoss})
            if (std::isfinite(v) && v > 0) {
                low = std::isnan(low) ? v : std::min(low, v);
                high = std::isnan(high) ? v : std::max(high, v);
            }
    }
    LineChart cost{"Cost per epoch", "epoch", "cost", {train, val}};
    cost.logY = high / low > 20;  // decades apart: a linear axis would flatten the end
    h += lineChartSvg(cost);
    if (std::any_of(accuracy.y.begin(), accuracy.y.end(),
                    [](double v) { return std::isfinite(v); }))
        h += lineChartSvg({"Validation accuracy per epoch", "epoch", "accuracy", {accuracy}});
    const HistoryPoint& last = in.history.back();
    h += "<p>" + std::to_string(in.history.size()) + " epochs shown; the last (epoch " +
         std::to_string(last.epoch) + "): training cost " + fixed(last.trainLoss) +
         ", validation cost " + fixed(last.validationLoss) +
         (std::isfinite(last.validationAccuracy)
              ? ", validation accuracy " + fixed(last.validationAccuracy)
              : std::string()) +
         ".</p>\n";
    return h + "</section>\n";
}

std::string metricsSection(const ReportInput& in) {
    const Metrics& m = in.metrics;
    std::string h = open("metrics", "Metrics");
    h += "<p>On " + esc(in.rowsDescription) + ".</p>\n";
    std::vector<std::pair<std::string, double>> rows;
    if (m.task == Task::Binary)
        rows = {{"accuracy", m.accuracy},  {"precision", m.precision},
                {"recall", m.recall},      {"F1", m.f1},
                {"ROC AUC", m.rocAuc},     {"log loss", m.loss},
                {"threshold", m.threshold}};
    else if (m.task == Task::Multiclass)
        rows = {{"accuracy", m.accuracy}, {"macro F1", m.macroF1}, {"log loss", m.loss}};
    else
        rows = {{"RMSE", m.rmse}, {"MAE", m.mae}, {"R\xC2\xB2", m.r2}};
    h += "<table>\n<tr><th>metric</th><th>value</th></tr>\n";
    for (const auto& [name, value] : rows)
        h += "<tr>" + cell(name) + numCell(fixed(value)) + "</tr>\n";
    h += "</table>\n";
    if (m.task == Task::Multiclass && !m.confusion.empty()) {
        const std::vector<ClassMetrics> per = perClassMetrics(m.confusion);
        h += "<table>\n<tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>rows</th>"
             "</tr>\n";
        for (std::size_t c = 0; c < per.size(); ++c)
            h += "<tr>" + cell(c < in.model.classes.size() ? in.model.classes[c] : "?") +
                 numCell(fixed(per[c].precision)) + numCell(fixed(per[c].recall)) +
                 numCell(fixed(per[c].f1)) + numCell(std::to_string(per[c].support)) + "</tr>\n";
        h += "</table>\n";
    }
    return h + "</section>\n";
}

std::string confusionSection(const ReportInput& in) {
    const auto& c = in.metrics.confusion;
    std::string h = open("confusion", "Confusion matrix");
    if (c.empty()) return h + note("no rows were evaluated") + "</section>\n";
    const auto& names = in.model.classes;
    h += heatMapSvg("Confusion matrix", names, c);
    h += "<table>\n<tr><th>actual \\ predicted</th>";
    for (std::size_t j = 0; j < c.size(); ++j)
        h += "<th>" + esc(j < names.size() ? names[j] : "?") + "</th>";
    h += "</tr>\n";
    for (std::size_t i = 0; i < c.size(); ++i) {
        h += "<tr><th>" + esc(i < names.size() ? names[i] : "?") + "</th>";
        for (auto v : c[i]) h += numCell(std::to_string(v));
        h += "</tr>\n";
    }
    return h + "</table>\n</section>\n";
}

std::string rocSection(const ReportInput& in) {
    std::string h = open("roc", "ROC curve");
    if (in.roc.empty())
        return h + note("no ROC curve: one class is absent from the rows") + "</section>\n";
    LineSeries curve{"ROC, AUC " + fixed(in.metrics.rocAuc, 3), {}, {}};
    for (const RocPoint& p : in.roc) {
        curve.x.push_back(p.falsePositiveRate);
        curve.y.push_back(p.truePositiveRate);
    }
    LineChart chart{"ROC curve", "false positive rate", "true positive rate", {curve}};
    chart.unitSquare = chart.diagonal = true;
    h += lineChartSvg(chart);
    h +=
        "<p>ROC AUC " + fixed(in.metrics.rocAuc) +
        " (0.5 is chance, the dashed diagonal; 1 ranks every positive above every negative).</p>\n";
    return h + "</section>\n";
}

std::string calibrationSection(const ReportInput& in) {
    std::string h = open("calibration", "Calibration");
    if (in.calibration.empty()) return h + note(in.calibrationNote) + "</section>\n";
    LineSeries bins{"", {}, {}, false, true};  // one curve: no legend
    for (const CalibrationBin& b : in.calibration) {
        bins.x.push_back(b.meanPredicted);
        bins.y.push_back(b.observed);
    }
    LineChart chart{
        "Reliability diagram", "mean predicted probability", "observed share of positives", {bins}};
    chart.unitSquare = chart.diagonal = true;
    h += lineChartSvg(chart);
    h += "<p>Brier score " + fixed(in.brier) + ", expected calibration error " + fixed(in.ece) +
         " (ten bins of equal width; a well calibrated model follows the diagonal).</p>\n";
    h += "<table>\n<tr><th>mean predicted</th><th>observed</th><th>rows</th></tr>\n";
    for (const CalibrationBin& b : in.calibration)
        h += "<tr>" + numCell(fixed(b.meanPredicted, 3)) + numCell(fixed(b.observed, 3)) +
             numCell(std::to_string(b.count)) + "</tr>\n";
    return h + "</table>\n</section>\n";
}

std::string importanceSection(const ReportInput& in) {
    std::string h = open("importance", "Input importance");
    if (in.importance.empty()) return h + note(in.importanceNote) + "</section>\n";
    std::vector<Bar> bars;
    for (const Importance& i : in.importance) bars.push_back({i.column, i.drop, i.sd});
    h += barChartSvg("Permutation importance", in.importanceMetric, bars);
    if (!in.importanceDetail.empty()) h += "<p>" + esc(in.importanceDetail) + ".</p>\n";
    h += "<table>\n<tr><th>column</th><th>" + esc(in.importanceMetric) + "</th><th>sd</th></tr>\n";
    for (const Importance& i : in.importance)
        h += "<tr>" + cell(i.column) + numCell(fixed(i.drop)) + numCell(fixed(i.sd)) + "</tr>\n";
    return h + "</table>\n</section>\n";
}

}  // namespace

std::string htmlReport(const ReportInput& in) {
    const bool classification = in.model.task != Task::Regression;
    const bool binary = in.model.task == Task::Binary;
    const bool multiclass = in.model.task == Task::Multiclass;
    std::string h =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>" +
        esc(in.title) + "</title>\n" + kStyle + "</head>\n<body>\n<h1>" + esc(in.title) +
        "</h1>\n<p class=\"meta\">" + esc(in.generatedBy) + "</p>\n";
    h += "<nav><a href=\"#data\">Data</a><a href=\"#model\">Model</a><a "
         "href=\"#training\">Training</a><a href=\"#metrics\">Metrics</a>";
    if (!classification) h += "<a href=\"#predictions\">Predicted vs actual</a>";
    if (classification) h += "<a href=\"#confusion\">Confusion matrix</a>";
    if (binary || multiclass)
        h += "<a href=\"#roc\">ROC</a><a href=\"#calibration\">Calibration</a>";
    h += "<a href=\"#importance\">Importance</a></nav>\n";
    h += dataSection(in.data) + modelSection(in.model) + trainingSection(in) + metricsSection(in);
    if (!classification) h += predictionsSection(in);
    if (classification) h += confusionSection(in);
    if (binary) h += rocSection(in) + calibrationSection(in);
    if (multiclass) h += classRocSection(in) + classCalibrationSection(in);
    h += importanceSection(in);
    return h + "</body>\n</html>\n";
}

}  // namespace bps::report
