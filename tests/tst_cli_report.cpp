// `backprop-studio report` as a user's script runs it: a train then a report that holds every
// section and the numbers train printed; a regression and a multiclass model get their own
// sections; bad arguments exit 2, data errors 1 (one line naming the file); no input is ever
// overwritten; the pages open in a headless browser when Debian's chromium is installed
// (skipped otherwise).

#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/common/run_process.h"

using namespace bps::test;

namespace {

const QStringList kSections = {"data",      "model", "training",    "metrics",
                               "confusion", "roc",   "calibration", "importance"};
const QStringList kRegressionSections = {"data",    "model",       "training",
                                         "metrics", "predictions", "importance"};

// Each task's model (in the test's folder, trained in initTestCase), its CSV, the sections its
// report has and has not, and its number of charts.
void addTaskRows() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("csv");
    QTest::addColumn<QStringList>("sections");
    QTest::addColumn<QStringList>("absent");
    QTest::addColumn<int>("charts");
    // binary and multiclass: cost, accuracy, confusion, ROC, calibration, importance;
    // regression: cost, scatter, residuals, importance (no accuracy curve).
    QTest::newRow("binary") << "m.json" << BPS_SAMPLE_CSV << kSections << QStringList{"predictions"}
                            << 6;
    QTest::newRow("multiclass") << "weather.json" << BPS_TEST_DATA "/weather.csv" << kSections
                                << QStringList{"predictions"} << 6;
    QTest::newRow("regression") << "cars.json" << BPS_TEST_DATA "/cars.csv" << kRegressionSections
                                << QStringList{"confusion", "roc", "calibration"} << 4;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class tst_CliReport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void reportHoldsWhatTrainPrinted();
    void withoutHistoryTheSectionSaysSo();
    void badArgumentsExit2_data();
    void badArgumentsExit2();
    void refusesToOverwriteAnInput();
    void dataErrorsExit1();
    void reportFitsTheTask_data() { addTaskRows(); }
    void reportFitsTheTask();
    void opensInAHeadlessBrowser_data() { addTaskRows(); }
    void opensInAHeadlessBrowser();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    // Writes `out` from `model` and its history: empty, or what went wrong.
    QString writeReport(const QString& model, const QString& csv, const QString& out);
    QTemporaryDir m_dir;
    QString m_trainOut;
};

void tst_CliReport::initTestCase() {
    QVERIFY(m_dir.isValid());
    const CliRun r = runCli({"train", BPS_SAMPLE_CSV, "--epochs", "6", "--seed", "5", "--model-out",
                             path("m.json"), "--history-out", path("h.csv")});
    QVERIFY2(judgeRun(r, 0, {}, {}).isEmpty(), qPrintable(judgeRun(r, 0, {}, {})));
    m_trainOut = r.out;
    const CliRun cars = runCli({"train", BPS_TEST_DATA "/cars.csv", "--target", "Miles_per_Gallon",
                                "--expand-dates", "--epochs", "30", "--quiet", "--model-out",
                                path("cars.json"), "--history-out", path("cars-h.csv")});
    QVERIFY2(judgeRun(cars, 0, {}, {}).isEmpty(), qPrintable(judgeRun(cars, 0, {}, {})));
    const CliRun weather = runCli({"train", BPS_TEST_DATA "/weather.csv", "--target", "weather",
                                   "--epochs", "5", "--quiet", "--model-out", path("weather.json"),
                                   "--history-out", path("weather-h.csv")});
    QVERIFY2(judgeRun(weather, 0, {}, {}).isEmpty(), qPrintable(judgeRun(weather, 0, {}, {})));
}

QString tst_CliReport::writeReport(const QString& model, const QString& csv, const QString& out) {
    const QString history = QString(model).replace(".json", "-h.csv");
    const CliRun r = runCli({"report", path(model), csv, "--out", path(out), "--history",
                             path(model == "m.json" ? "h.csv" : history), "--quiet"});
    return judgeRun(r, 0, {}, {});
}

void tst_CliReport::reportHoldsWhatTrainPrinted() {
    const CliRun r = runCli({"report", path("m.json"), BPS_SAMPLE_CSV, "--out", path("r.html"),
                             "--history", path("h.csv")});
    QVERIFY2(judgeRun(r, 0, {}, {}).isEmpty(), qPrintable(judgeRun(r, 0, {}, {})));
    QVERIFY(r.out.contains("validation rows (fraction 0.2, seed 5)"));
    const QString html = QString::fromUtf8(readAll(path("r.html")));
    for (const QString& id : kSections)
        QVERIFY2(html.contains(QStringLiteral("<section id=\"%1\">").arg(id)), qPrintable(id));
    QVERIFY(html.contains("6 epochs shown"));
    QVERIFY(!html.contains("http"));
    // train printed the validation confusion matrix ("  3235 17" per row) and ROC AUC: the
    // report, on the same rows found again, holds the same.
    static const QRegularExpression row(QStringLiteral("^  (\\d+) (\\d+)$"),
                                        QRegularExpression::MultilineOption);
    int rows = 0;
    for (auto it = row.globalMatch(m_trainOut); it.hasNext(); ++rows) {
        const auto m = it.next();
        for (int k : {1, 2})
            QVERIFY2(html.contains(QStringLiteral("<td class=\"num\">%1</td>").arg(m.captured(k))),
                     qPrintable(m.captured(0)));
    }
    QCOMPARE(rows, 2);
    static const QRegularExpression auc(QStringLiteral("ROC AUC (\\d\\.\\d{4})"));
    const auto printed = auc.match(m_trainOut);
    QVERIFY(printed.hasMatch());
    QVERIFY2(html.contains("ROC AUC " + printed.captured(1)), qPrintable(printed.captured(1)));
    // --quiet: nothing on standard output, the same page.
    const CliRun quiet = runCli({"report", path("m.json"), BPS_SAMPLE_CSV, "--out", path("q.html"),
                                 "--history", path("h.csv"), "--quiet"});
    QCOMPARE(quiet.exitCode, 0);
    QVERIFY(quiet.out.isEmpty());
    QCOMPARE(readAll(path("q.html")), readAll(path("r.html")));
}

void tst_CliReport::withoutHistoryTheSectionSaysSo() {
    const CliRun r = runCli({"report", path("m.json"), BPS_SAMPLE_CSV, "--out", path("n.html"),
                             "--rows", "all", "--quiet"});
    QVERIFY2(judgeRun(r, 0, {}, {}).isEmpty(), qPrintable(judgeRun(r, 0, {}, {})));
    const QString html = QString::fromUtf8(readAll(path("n.html")));
    const qsizetype at = html.indexOf("<section id=\"training\">");
    QVERIFY(at >= 0);
    QVERIFY(
        html.mid(at, html.indexOf("</section>", at) - at).contains("no training history given"));
    QVERIFY(html.contains("the 17898 rows with a target"));
}

void tst_CliReport::badArgumentsExit2_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString m = QStringLiteral("MODEL"), csv = QStringLiteral(BPS_SAMPLE_CSV);
    QTest::newRow("nothing") << QStringList{"report"} << "expected MODEL.json and FILE.csv";
    QTest::newRow("no csv") << QStringList{"report", m, "--out", "x.html"}
                            << "expected MODEL.json and FILE.csv";
    QTest::newRow("no out") << QStringList{"report", m, csv} << "missing --out FILE";
    QTest::newRow("bad rows") << QStringList{"report", m, csv, "--out", "x.html", "--rows", "test"}
                              << "'--rows' must be one of all, validation";
    QTest::newRow("bad seed") << QStringList{"report", m, csv, "--out", "x.html", "--seed", "-3"}
                              << "--seed";
    QTest::newRow("unknown option")
        << QStringList{"report", m, csv, "--out", "x.html", "--colour"} << "--colour";
    QTest::newRow("empty history") << QStringList{"report", m, csv, "--out", "x.html", "--history="}
                                   << "'--history' needs a file";
}

void tst_CliReport::badArgumentsExit2() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    args.replaceInStrings("MODEL", path("m.json"));
    args.replaceInStrings("x.html", path("x.html"));
    const CliRun r = runCli(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(!QFile::exists(path("x.html")));
}

void tst_CliReport::refusesToOverwriteAnInput() {
    QFile::copy(BPS_SAMPLE_CSV, path("data.csv"));
    for (const QString& input : {path("data.csv"), path("m.json"), path("h.csv")}) {
        const QByteArray before = readAll(input);
        const CliRun r = runCli({"report", path("m.json"), path("data.csv"), "--history",
                                 path("h.csv"), "--out", input});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("refusing to overwrite an input"), qPrintable(r.err));
        QCOMPARE(readAll(input), before);
    }
}

void tst_CliReport::dataErrorsExit1() {
    const CliRun missing =
        runCli({"report", path("none.json"), BPS_SAMPLE_CSV, "--out", path("e.html")});
    QVERIFY2(judgeRun(missing, 1, "none.json", "cannot open").isEmpty(),
             qPrintable(judgeRun(missing, 1, "none.json", "cannot open")));
    // Another file without the model's target.
    const CliRun other = runCli({"report", path("m.json"), BPS_TEST_DATA "/cars.csv", "--out",
                                 path("e.html"), "--rows", "all"});
    QVERIFY2(judgeRun(other, 1, "cars.csv", "no column named 'Class'").isEmpty(),
             qPrintable(judgeRun(other, 1, "cars.csv", "no column named 'Class'")));
    QVERIFY(!QFile::exists(path("e.html")));
}

void tst_CliReport::reportFitsTheTask() {
    QFETCH(QString, model);
    QFETCH(QString, csv);
    QFETCH(QStringList, sections);
    QFETCH(QStringList, absent);
    QFETCH(int, charts);
    const QString out = QString(model).replace(".json", "-task.html");
    const QString problem = writeReport(model, csv, out);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QString html = QString::fromUtf8(readAll(path(out)));
    for (const QString& id : sections)
        QVERIFY2(html.contains(QStringLiteral("<section id=\"%1\">").arg(id)), qPrintable(id));
    for (const QString& id : absent)
        QVERIFY2(!html.contains(QStringLiteral("<section id=\"%1\">").arg(id)), qPrintable(id));
    QCOMPARE(static_cast<int>(html.count("<svg")), charts);
    QVERIFY(!html.contains("http"));
    QVERIFY(!html.contains("<script"));
}

void tst_CliReport::opensInAHeadlessBrowser() {
    QFETCH(QString, model);
    QFETCH(QString, csv);
    QFETCH(QStringList, sections);
    QFETCH(int, charts);
    QString browser = QStandardPaths::findExecutable("chromium");
    if (browser.isEmpty()) browser = QStandardPaths::findExecutable("chromium-browser");
    if (browser.isEmpty())
        QSKIP("neither chromium nor chromium-browser is on PATH (Debian: apt install chromium)");
    const QString out = QString(model).replace(".json", "-browser.html");
    const QString problem = writeReport(model, csv, out);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // A browser that hangs is killed after two minutes and fails the test.
    const CliRun dom = runProcess(
        browser,
        {"--headless", "--disable-gpu", "--no-sandbox",
         "--user-data-dir=" + path("chromium-profile"), "--dump-dom", "file://" + path(out)},
        120'000);
    QVERIFY2(dom.finished && dom.exitCode == 0, qPrintable(dom.err));
    for (const QString& id : sections)
        QVERIFY2(dom.out.contains(QStringLiteral("<section id=\"%1\">").arg(id)), qPrintable(id));
    QCOMPARE(static_cast<int>(dom.out.count("<svg")), charts);
}

QTEST_GUILESS_MAIN(tst_CliReport)
#include "tst_cli_report.moc"
