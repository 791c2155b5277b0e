// `cv` and `sweep` run as a user's script would: what they print and write (with --importance,
// the pooled importance table, its CSV and the report's importance), usage errors (exit 2,
// naming the bad part), sweeps that give the same results for any --jobs, and a best model that
// predicts as its trial did.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "core/data/split.h"
#include "core/evaluation/metrics.h"
#include "core/io/model_file.h"
#include "tests/common/run_process.h"

using namespace bps;

class tst_CliValidation : public QObject {
    Q_OBJECT
private slots:
    void cvWritesEveryFoldAndTheBaselines();
    void cvImportanceIsPooledOverTheFolds();
    void usageErrors_data();
    void usageErrors();
    void sweepResultsDoNotDependOnJobs();
    void bestModelPredictsAsItsTrialDid();

private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }
};

namespace {
QByteArray readAll(const QString& file) {
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
const QString kSample = QStringLiteral(BPS_SAMPLE_CSV);
}  // namespace

void tst_CliValidation::cvWritesEveryFoldAndTheBaselines() {
    const auto r = test::runCli({"cv", kSample, "--epochs", "5", "--folds", "3", "--jobs", "2",
                                 "--report-out", path("cv.json"), "--oof-out", path("oof.csv")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(
        r.out.contains("Cross-validation: 3 folds x 1 repeat on 17898 rows (binary, "
                       "stratified by class)"));
    QVERIFY(r.out.contains(QRegularExpression("\\nlinear +0\\.")));
    QVERIFY(r.out.contains(QRegularExpression("\\nmajority +0\\.")));
    QVERIFY(r.out.contains("Diagnosis"));

    const QJsonObject report = QJsonDocument::fromJson(readAll(path("cv.json"))).object();
    const QJsonArray folds = report["fold_results"].toArray();
    QCOMPARE(folds.size(), 3);
    int rows = 0;
    for (const auto& f : folds) {
        const QJsonObject fold = f.toObject();
        rows += fold["validation_rows"].toInt();
        QVERIFY(fold["network"].toObject()["roc_auc"].toDouble() > 0.9);
        QVERIFY(fold["linear"].toObject()["roc_auc"].toDouble() > 0.9);
        QCOMPARE(fold["majority"].toObject()["roc_auc"].toDouble(), 0.5);
    }
    QCOMPARE(rows, 17898);
    QVERIFY(!report.contains("importance"));  // only when asked for
    const QJsonObject auc =
        report["summary"].toObject()["network"].toObject()["roc_auc"].toObject();
    QVERIFY(auc["mean"].toDouble() > 0.9 && auc["sd"].toDouble() >= 0);

    // Out-of-fold: every data row once, with its CSV line, fold and prediction.
    const QList<QByteArray> lines = readAll(path("oof.csv")).trimmed().split('\n');
    QCOMPARE(lines.front(), QByteArray("line,repeat,fold,actual,probability,predicted"));
    QCOMPARE(lines.size(), 17898 + 1);
    QSet<QByteArray> seen;
    for (qsizetype i = 1; i < lines.size(); ++i) seen.insert(lines[i].split(',').front());
    QCOMPARE(seen.size(), 17898);
}

// Every feature once in the table, the CSV and the report; the report's pooled columns hold
// folds x repeats drops, and their mean is the mean of the folds' own.
void tst_CliValidation::cvImportanceIsPooledOverTheFolds() {
    const QStringList features{"Cylinders", "Displacement", "Horsepower", "Weight_in_lbs",
                               "Acceleration"};
    const auto r = test::runCli({"cv", BPS_TEST_DATA "/cars.csv", "--target", "Miles_per_Gallon",
                                 "--features", features.join(','), "--epochs", "20", "--folds", "3",
                                 "--jobs", "2", "--importance-repeats", "2", "--report-out",
                                 path("cvi.json"), "--importance-out", path("cvi.csv")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("Permutation importance across folds: each fold's network on its "
                            "own 398 held-out rows in all"),
             qPrintable(r.out));
    QVERIFY(r.out.contains("the drop of each column shuffled (3 folds x 2 repeats, mean +- sd)"));
    // After the fold metrics and the baselines, before the diagnosis.
    QVERIFY(r.out.indexOf("Baselines") < r.out.indexOf("Permutation importance"));
    QVERIFY(r.out.indexOf("Permutation importance") < r.out.indexOf("Diagnosis"));

    const QList<QByteArray> csv = readAll(path("cvi.csv")).trimmed().split('\n');
    QCOMPARE(csv.front(), QByteArray("column,mean_drop,sd,drop_1,drop_2,drop_3,drop_4,drop_5,"
                                     "drop_6"));
    QCOMPARE(csv.size(), 5 + 1);

    const QJsonObject report = QJsonDocument::fromJson(readAll(path("cvi.json"))).object();
    const QJsonObject importance = report["importance"].toObject();
    QCOMPARE(importance["score"].toString(), QString("r2"));
    QCOMPARE(importance["repeats"].toInt(), 2);
    QCOMPARE(importance["rows"].toInt(), 398);
    const QJsonArray pooled = importance["columns"].toArray();
    QCOMPARE(pooled.size(), 5);
    QStringList seen;
    for (const auto& c : pooled) {
        const QJsonObject column = c.toObject();
        seen << column["column"].toString();
        QCOMPARE(column["drops"].toArray().size(), 6);
        double foldMeans = 0;
        for (const auto& f : report["fold_results"].toArray())
            for (const auto& fc : f.toObject()["importance"].toObject()["columns"].toArray())
                if (fc.toObject()["column"] == column["column"])
                    foldMeans += fc.toObject()["mean"].toDouble() / 3;
        QVERIFY2(std::abs(foldMeans - column["mean"].toDouble()) < 1e-12, qPrintable(seen.back()));
        // The CSV's line for the column has the same mean.
        const auto line = std::find_if(csv.begin() + 1, csv.end(), [&](const QByteArray& l) {
            return l.startsWith(column["column"].toString().toUtf8() + ',');
        });
        QVERIFY(line != csv.end());
        QVERIFY(std::abs(line->split(',')[1].toDouble() - column["mean"].toDouble()) < 1e-12);
    }
    seen.sort();
    QStringList expected = features;
    expected.sort();
    QCOMPARE(seen, expected);
    // The most important column's pooled mean is clearly positive: the folds' models use it.
    QVERIFY(pooled.first().toObject()["mean"].toDouble() > 0.01);
}

void tst_CliValidation::usageErrors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("cv folds") << QStringList{"cv", kSample, "--folds", "1"}
                              << "option '--folds' must be at least 2";
    QTest::newRow("cv importance repeats")
        << QStringList{"cv", kSample, "--importance-repeats", "0"}
        << "option '--importance-repeats' must be between 1 and 1000";
    QTest::newRow("grid value") << QStringList{"sweep", kSample, "--grid", "lr=1e-3,abc"}
                                << "option '--grid': sweep 'lr=1e-3,abc': 'abc': expected a "
                                   "number";
    QTest::newRow("grid name") << QStringList{"sweep", kSample, "--grid", "lr=1; speed=3"}
                               << "sweep 'speed=3': unknown parameter 'speed'";
    QTest::newRow("range") << QStringList{"sweep", kSample,   "--random",
                                          "4",     "--space", "l2=log:0..1"}
                           << "option '--space': sweep 'l2=log:0..1': a log range needs a "
                              "positive low end";
    QTest::newRow("no grid") << QStringList{"sweep", kSample}
                             << "sweep needs --grid SPEC, or --random N with --space SPEC";
    QTest::newRow("results format")
        << QStringList{"sweep", kSample, "--grid", "lr=0.1", "--results-out", path("r.txt")}
        << "cannot tell the results format from";
}

void tst_CliValidation::usageErrors() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const auto r = test::runCli(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith("error: ") && r.err.contains(message), qPrintable(r.err));
}

namespace {
// The results CSV without its last column (seconds, which varies from run to run).
QList<QByteArray> withoutSeconds(const QByteArray& csv) {
    QList<QByteArray> rows;
    for (const QByteArray& line : csv.trimmed().split('\n'))
        rows.push_back(line.left(line.lastIndexOf(',')));
    return rows;
}
}  // namespace

void tst_CliValidation::sweepResultsDoNotDependOnJobs() {
    QStringList args{"sweep",    kSample,  "--grid",  "lr=1e-3,1e-2,1e-1; hidden=4,8",
                     "--epochs", "6",      "--prune", "--seeds",
                     "2",        "--quiet"};
    const auto one =
        test::runCli(args + QStringList{"--jobs", "1", "--results-out", path("jobs1.csv")});
    const auto two =
        test::runCli(args + QStringList{"--jobs", "2", "--results-out", path("jobs2.csv")});
    QVERIFY2(one.exitCode == 0 && two.exitCode == 0, qPrintable(one.err + two.err));
    const auto a = withoutSeconds(readAll(path("jobs1.csv")));
    QCOMPARE(a.size(), 12 + 1);
    QVERIFY(a.front().startsWith("trial,setting,seed,lr,hidden,score,loss,"));
    QCOMPARE(withoutSeconds(readAll(path("jobs2.csv"))), a);
    QCOMPARE(one.out, two.out);
}

// The model file of the best trial, read back and run on that trial's validation rows, gives
// the trial's metrics.
void tst_CliValidation::bestModelPredictsAsItsTrialDid() {
    const auto r = test::runCli({"sweep", kSample, "--grid", "lr=1e-2,1e-1; hidden=4,8", "--epochs",
                                 "5", "--seeds", "2", "--results-out", path("trials.json"),
                                 "--model-out", path("best.json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject results = QJsonDocument::fromJson(readAll(path("trials.json"))).object();
    const int best = results["best_trial"].toInt();
    const QJsonObject trial = results["trials"].toArray()[best - 1].toObject();
    QCOMPARE(trial["trial"].toInt(), best);

    const Model model = loadModel(path("best.json").toStdString());
    QCOMPARE(qint64(model.config.seed), qint64(trial["seed"].toInteger()));
    const Dataset data = prepareDataset(readCsvFile(kSample.toStdString()), DataSelection{});
    const Split split = splitRows(data, model.config.validationFraction, model.config.seed);
    RowMatrix x(Eigen::Index(split.validation.size()), data.featureCount());
    Eigen::VectorXd y(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        x.row(i) = data.x.row(split.validation[std::size_t(i)]);
        y(i) = data.y(split.validation[std::size_t(i)]);
    }
    const Metrics m = computeMetrics(data.task, model.predict(x), y, 2, kNaN);
    const QJsonObject recorded = trial["metrics"].toObject();
    // The model predicts in double, the trial measured in float: a borderline row may differ.
    QVERIFY2(std::abs(m.rocAuc - recorded["roc_auc"].toDouble()) < 1e-4,
             qPrintable(QString::number(m.rocAuc)));
    QVERIFY(std::abs(m.accuracy - recorded["accuracy"].toDouble()) <= 1.0 / double(y.size()));
}

QTEST_GUILESS_MAIN(tst_CliValidation)
#include "tst_cli_validation.moc"
