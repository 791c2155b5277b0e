// The report's data from a real model (core/report/report_data.h, history_file.h): the
// validation rows it finds again are the trainer's own (same count, same metrics, the same rows
// core/explain finds), the numbers on the page are the ones computed, and the history file the
// command line writes reads back.

#include <QtTest>
#include <numeric>

#include "core/base/errors.h"
#include "core/csv/csv_reader.h"
#include "core/explain/explain_data.h"
#include "core/explain/held_out_rows.h"
#include "core/io/csv_writer.h"
#include "core/report/history_file.h"
#include "core/report/html_report.h"
#include "core/report/report_data.h"
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
