// The report's data from a real model (core/report/report_data.h, history_file.h): the
// validation rows it finds again are the trainer's own (same count, same metrics, the same rows
// core/explain finds), the numbers on the page are the ones computed, and the history file the
// command line writes reads back.

#include <QtTest>
#include <algorithm>
#include <numeric>

#include "core/base/errors.h"
#include "core/csv/csv_reader.h"
#include "core/explain/explain_data.h"
#include "core/explain/held_out_rows.h"
#include "core/io/csv_writer.h"
#include "core/report/history_file.h"
#include "core/report/html_report.h"
#include "core/report/report_data.h"
#include "core/report/report_regression.h"
#include "core/training/trainer.h"

using namespace bps;
using namespace bps::report;

namespace {

struct Trained {
    CsvTable table;
    Model model;
    std::size_t validationRows = 0;
    std::vector<EpochReport> history;
};

Trained train(const QString& path, const DataSelection& selection, int epochs) {
    Trained t;
    t.table = readCsvFile(path.toStdString(), CsvOptions{});
    const Dataset data = prepareDataset(t.table, selection);
    TrainingConfig config;
    config.epochs = epochs;
    config.seed = 7;
    Trainer trainer(data, config);
    trainer.run([&](const EpochReport& r) { t.history.push_back(r); });
    t.model = trainer.model();
    t.validationRows = trainer.split().validation.size();
    return t;
}

}  // namespace

class tst_ReportData : public QObject {
    Q_OBJECT
private slots:
    void validationRowsAreTheTrainersOwn();
    void binaryReportCarriesItsNumbers();
    void allRowsAndTheSeed();
    void regressionReportPlotsTheValidationRows();
    void regressionScatterIsThinnedEvenly();
    void multiclassCurvesMatchCoresMetrics();
    void unknownClassIsAnError();
    void historyCsvRoundTrips();
    void badHistoryCellIsLocated();
};

// Weather: a multiclass target, a text column one-hot encoded and a date taken apart, so the
// data set is rebuilt with the model's kinds, missing policy and date expansion.
void tst_ReportData::validationRowsAreTheTrainersOwn() {
    DataSelection selection;
    selection.target = "weather";
    selection.expandDates = true;
    const Trained t = train(BPS_TEST_DATA "/weather.csv", selection, 5);
    QVERIFY(t.model.preprocessing.has_value());
    QVERIFY(!t.model.preprocessing->dates.empty());
    const Dataset data = datasetForModel(t.model, t.table);
    const EvaluatedRows rows =
        evaluateRows(t.model, t.table, data, ReportRows::Validation, t.model.config.seed);
    QCOMPARE(static_cast<std::size_t>(rows.targets.size()), t.validationRows);
    const ReportInput in = buildReport(t.model, t.table, data, "weather.csv", rows, {});
    QVERIFY(t.model.validation.has_value());
    QCOMPARE(in.metrics.confusion, t.model.validation->confusion);
    QCOMPARE(in.metrics.accuracy, t.model.validation->accuracy);
    // core/explain finds the same rows its own way.
    const HeldOutRows held = heldOutRows(t.model, explainData(t.model, t.table));
    QVERIFY(held.checked && held.matches);
    QCOMPARE(rows.tableRows, held.tableRows);
    QVERIFY(in.roc.empty());  // multiclass: no binary ROC, no calibration
    QVERIFY(in.calibration.empty());
    QCOMPARE(in.data.rows, t.table.rows);
    QCOMPARE(in.data.columns.size(), t.table.columns.size());
    const auto role = [&](const std::string& name) {
        for (const ReportColumn& c : in.data.columns)
            if (c.name == name) return c.role;
        return std::string("absent");
    };
    QCOMPARE(role("weather"), std::string("target"));
    QCOMPARE(role("date"), std::string("input"));
    QCOMPARE(role("location"), std::string("input"));
    std::int64_t counted = 0;
    for (const auto& [name, n] : in.data.classCounts) counted += n;
    QCOMPARE(counted, static_cast<std::int64_t>(data.rows()));
}

void tst_ReportData::binaryReportCarriesItsNumbers() {
    const Trained t = train(BPS_SAMPLE_CSV, DataSelection{}, 8);
    const Dataset data = datasetForModel(t.model, t.table);
    const EvaluatedRows rows =
        evaluateRows(t.model, t.table, data, ReportRows::Validation, t.model.config.seed);
    ReportInput in =
        buildReport(t.model, t.table, data, "htru2.csv", rows, historyFromReports(t.history));
    QCOMPARE(in.metrics.confusion, t.model.validation->confusion);
    QVERIFY(std::abs(in.metrics.rocAuc - t.model.validation->rocAuc) < 1e-12);
    QVERIFY(in.roc.size() > 2);
    std::int64_t binned = 0;
    for (const CalibrationBin& b : in.calibration) binned += b.count;
    QCOMPARE(binned, static_cast<std::int64_t>(rows.targets.size()));
    QVERIFY(std::isfinite(in.brier) && in.brier > 0 && in.brier < 0.25);
    QCOMPARE(in.history.size(), t.history.size());
    addImportance(in, t.model, t.table, rows, 3, 2);
    QCOMPARE(in.importance.size(), t.model.features.size());
    for (std::size_t i = 1; i < in.importance.size(); ++i)
        QVERIFY(in.importance[i - 1].drop >= in.importance[i].drop);  // largest first
    const QString html = QString::fromStdString(htmlReport(in));
    char auc[32];
    std::snprintf(auc, sizeof auc, "%.4f", in.metrics.rocAuc);
    QVERIFY(html.contains(QStringLiteral("ROC AUC %1").arg(auc)));
    QVERIFY(html.contains(QString::fromStdString(in.importance.front().column)));
    QVERIFY(html.contains("8 epochs shown"));
}

void tst_ReportData::allRowsAndTheSeed() {
    const Trained t = train(BPS_SAMPLE_CSV, DataSelection{}, 2);
    const Dataset data = datasetForModel(t.model, t.table);
    const EvaluatedRows all = evaluateRows(t.model, t.table, data, ReportRows::All, 0);
    QCOMPARE(all.targets.size(), data.rows());
    QVERIFY(all.description.find("rows with a target") != std::string::npos);
    // Another seed: another split of the same size.
    const EvaluatedRows own = evaluateRows(t.model, t.table, data, ReportRows::Validation, 7);
    const EvaluatedRows other = evaluateRows(t.model, t.table, data, ReportRows::Validation, 8);
    QCOMPARE(own.targets.size(), other.targets.size());
    QVERIFY(own.tableRows != other.tableRows);
}

// cars.csv's fuel use: the scatter holds every validation row in miles per gallon, the
// residuals are theirs and the page draws both.
void tst_ReportData::regressionReportPlotsTheValidationRows() {
    DataSelection selection;
    selection.target = "Miles_per_Gallon";
    selection.expandDates = true;
    const Trained t = train(BPS_TEST_DATA "/cars.csv", selection, 30);
    QCOMPARE(t.model.task, Task::Regression);
    const Dataset data = datasetForModel(t.model, t.table);
    const EvaluatedRows rows =
        evaluateRows(t.model, t.table, data, ReportRows::Validation, t.model.config.seed);
    const ReportInput in = buildReport(t.model, t.table, data, "cars.csv", rows, {});
    const std::size_t n = t.validationRows;
    QVERIFY(n > 0 && n < kMaxScatterPoints);
    QCOMPARE(in.predictions.rows, n);
    QCOMPARE(in.predictions.actual.size(), n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto r = static_cast<Eigen::Index>(i);
        QCOMPARE(in.predictions.actual[i], rows.targets(r));
        QCOMPARE(in.predictions.predicted[i], rows.outputs(r, 0));
    }
    // The target's units: the actual values are the file's miles per gallon.
    QVERIFY(*std::min_element(in.predictions.actual.begin(), in.predictions.actual.end()) >= 9);
    QVERIFY(*std::max_element(in.predictions.actual.begin(), in.predictions.actual.end()) <= 46.6);
    const std::int64_t binned =
        std::accumulate(in.residuals.counts.begin(), in.residuals.counts.end(), std::int64_t{0});
    QCOMPARE(binned, static_cast<std::int64_t>(n));
    // Binned as the Results tab bins predicted - actual.
    std::vector<double> residuals;
    for (Eigen::Index i = 0; i < rows.targets.size(); ++i)
        residuals.push_back(rows.outputs(i, 0) - rows.targets(i));
    const HistogramBins expected = histogramBins(residuals);
    QCOMPARE(in.residuals.counts, expected.counts);
    QCOMPARE(in.residuals.low, expected.low);
    QCOMPARE(in.residuals.width, expected.width);
    const double mean = (rows.outputs.col(0) - rows.targets).mean();
    QVERIFY(std::abs(in.meanResidual - mean) < 1e-12);
    QVERIFY(in.classCurves.empty());
    const QString html = QString::fromStdString(htmlReport(in));
    QCOMPARE(html.count("<circle"), static_cast<qsizetype>(n));
    QVERIFY(html.contains("class=\"identity\""));
    QVERIFY(html.contains(QStringLiteral("Each of the %1 rows is a dot").arg(n)));
}

// Above the bound, the scatter keeps that many rows evenly spaced, the first and the last
// among them, the same ones every time; the histogram still counts every row.
void tst_ReportData::regressionScatterIsThinnedEvenly() {
    const Eigen::Index n = 5 * static_cast<Eigen::Index>(kMaxScatterPoints) + 3;
    const Eigen::VectorXd actual = Eigen::VectorXd::LinSpaced(n, 0, static_cast<double>(n - 1));
    const Eigen::VectorXd predicted = actual.array() + 0.5;
    ReportInput in;
    addRegressionPlots(in, actual, predicted);
    QCOMPARE(in.predictions.rows, static_cast<std::size_t>(n));
    QCOMPARE(in.predictions.actual.size(), kMaxScatterPoints);
    QCOMPARE(in.predictions.actual.front(), 0.0);
    QCOMPARE(in.predictions.actual.back(), static_cast<double>(n - 1));
    for (std::size_t k = 1; k < kMaxScatterPoints; ++k) {
        const double gap = in.predictions.actual[k] - in.predictions.actual[k - 1];
        QVERIFY2(gap >= 5 && gap <= 6, qPrintable(QString::number(gap)));
        QCOMPARE(in.predictions.predicted[k], in.predictions.actual[k] + 0.5);
    }
    ReportInput again;
    addRegressionPlots(again, actual, predicted);
    QCOMPARE(again.predictions.actual, in.predictions.actual);
    QCOMPARE(
        std::accumulate(in.residuals.counts.begin(), in.residuals.counts.end(), std::int64_t{0}),
        static_cast<std::int64_t>(n));
    QCOMPARE(in.meanResidual, 0.5);
}

// Weather's five classes: a curve per class whose AUC is core's rocAuc of that class's
// probability against the rest, and the page's legend and table say it.
void tst_ReportData::multiclassCurvesMatchCoresMetrics() {
    DataSelection selection;
    selection.target = "weather";
    const Trained t = train(BPS_TEST_DATA "/weather.csv", selection, 5);
    QCOMPARE(t.model.task, Task::Multiclass);
    const Dataset data = datasetForModel(t.model, t.table);
    const EvaluatedRows rows =
        evaluateRows(t.model, t.table, data, ReportRows::Validation, t.model.config.seed);
    const ReportInput in = buildReport(t.model, t.table, data, "weather.csv", rows, {});
    QCOMPARE(in.classCurves.size(), t.model.classes.size());
    const QString html = QString::fromStdString(htmlReport(in));
    const qsizetype rocAt = html.indexOf("<section id=\"roc\">");
    QVERIFY(rocAt >= 0);
    const QString roc = html.mid(rocAt, html.indexOf("</section>", rocAt) - rocAt);
    int curves = 0;
    for (std::size_t k = 0; k < in.classCurves.size(); ++k) {
        const ClassCurve& c = in.classCurves[k];
        QCOMPARE(c.name, t.model.classes[k]);
        const Eigen::VectorXd isClass =
            (rows.targets.array() == static_cast<double>(k)).cast<double>().matrix();
        QCOMPARE(c.rows, static_cast<std::int64_t>(isClass.sum()));
        const double auc = rocAuc(rows.outputs.col(static_cast<Eigen::Index>(k)), isClass);
        QVERIFY2(c.rows > 0, c.name.c_str());  // every class has validation rows here
        QCOMPARE(c.auc, auc);
        QVERIFY(c.roc.size() >= 2);
        char entry[96];
        std::snprintf(entry, sizeof entry, "%s, AUC %.3f", c.name.c_str(), auc);
        QVERIFY2(roc.contains(entry), entry);
        std::int64_t binned = 0;
        for (const CalibrationBin& b : c.calibration) binned += b.count;
        QCOMPARE(binned, static_cast<std::int64_t>(rows.targets.size()));
        curves += !c.roc.empty();
    }
    QCOMPARE(curves, static_cast<int>(t.model.classes.size()));
    QCOMPARE(static_cast<int>(roc.count("<path")), curves);
    QVERIFY(html.contains("<section id=\"calibration\">"));
    QVERIFY(!html.contains("http"));
    QVERIFY(!html.contains("<script"));
}

void tst_ReportData::unknownClassIsAnError() {
    DataSelection selection;
    selection.target = "weather";
    const Trained t = train(BPS_TEST_DATA "/weather.csv", selection, 1);
    CsvTable table = t.table;
    // The target's last cell becomes a class the model never saw.
    CsvColumn& target = table.columns.back();
    QVERIFY(!target.numeric);
    target.levels.push_back("hail");
    target.codes.back() = static_cast<std::int32_t>(target.levels.size() - 1);
    try {
        const Dataset data = datasetForModel(t.model, table);
        evaluateRows(t.model, table, data, ReportRows::All, 1);
        QFAIL("no error for a class the model does not know");
    } catch (const DataError& e) {
        QVERIFY2(QString(e.what()).contains("the class 'hail'"), e.what());
    }
}

void tst_ReportData::historyCsvRoundTrips() {
    std::vector<EpochReport> reports(3);
    for (int i = 0; i < 3; ++i) {
        reports[i].epoch = i + 1;
        reports[i].trainLoss = 1.0 / (i + 1);
        reports[i].validationLoss = 1.5 / (i + 1);
        reports[i].learningRate = 0.01;
    }
    reports[1].validationLoss = kNaN;  // written as an empty cell
    const std::vector<HistoryPoint> points = parseHistoryCsv(historyToCsv(reports), "h.csv");
    QCOMPARE(points.size(), std::size_t{3});
    QCOMPARE(points[2].epoch, 3);
    QCOMPARE(points[2].trainLoss, 1.0 / 3);
    QVERIFY(std::isnan(points[1].validationLoss));
    QVERIFY(std::isnan(points[0].validationAccuracy));
    QCOMPARE(points[0].learningRate, 0.01);
}

void tst_ReportData::badHistoryCellIsLocated() {
    const std::string header = "epoch,train_loss,val_loss,val_accuracy,learning_rate,seconds\n";
    const QList<QPair<std::string, QString>> cases = {
        {header + "1,0.5,0.6,,0.01,0.1\n2,abc,0.6,,0.01,0.2\n", "h.csv: line 3, column 2"},
        {header + "x,0.5,0.6,,0.01,0.1\n", "h.csv: line 2, column 1"},
        {header + "1,0.5\n", "h.csv: line 2, column 3"},
        {"epoch,loss\n1,2\n", "h.csv: line 1: no column 'train_loss'"},
        {"", "h.csv: line 1: empty file"}};
    for (const auto& [text, expected] : cases) {
        try {
            parseHistoryCsv(text, "h.csv");
            QFAIL(qPrintable("no error for " + QString::fromStdString(text)));
        } catch (const DataError& e) {
            QVERIFY2(QString(e.what()).startsWith(expected), e.what());
        }
    }
}

QTEST_APPLESS_MAIN(tst_ReportData)
#include "tst_report_data.moc"
