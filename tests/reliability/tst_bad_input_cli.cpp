// Every file of the bad-input corpus through the command line, as a user's script would run it:
// `train` on each CSV and `predict` with each model file end with the promised exit code, one
// short `error:` line naming the file (and the line and column where there is one), no signal,
// and within a time limit. Also: a diverging run stops cleanly and its model file is usable.

#include <sys/stat.h>
#include <unistd.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "core/io/model_file.h"
#include "tests/common/run_process.h"
#include "tests/reliability/bad_corpus.h"

using namespace bps::test;

Q_DECLARE_METATYPE(bps::test::CorpusCase)

namespace {
constexpr int kTimeLimitMs = 60'000;  // per run; the slowest (ASan, 3,000 columns) takes ~3 s

// The arguments of a quick training run on `path`.
QStringList trainArgs(const QString& path) {
    return {"train", path, "--epochs", "3", "--hidden", "4", "--batch-size", "0"};
}
}  // namespace

class tst_BadInputCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void csvThroughTrain_data();
    void csvThroughTrain();
    void modelThroughPredict_data();
    void modelThroughPredict();
    void divergedRunKeepsFiniteWeights();
    void duplicateNamesTrainAndPredict();

private:
    QTemporaryDir m_dir;
};

void tst_BadInputCli::initTestCase() { QVERIFY(m_dir.isValid()); }

void tst_BadInputCli::csvThroughTrain_data() {
    QTest::addColumn<CorpusCase>("corpusCase");
    QString error;
    const QList<CorpusCase> committed = committedCsvCases(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(committed.size() >= 30, "the corpus has fewer than 30 files");
    for (const CorpusCase& c : committed + generatedCsvCases(m_dir))
        QTest::newRow(qPrintable(c.name)) << c;
}

void tst_BadInputCli::csvThroughTrain() {
    QFETCH(CorpusCase, corpusCase);
    QVERIFY2(!corpusCase.path.isEmpty(), "the generated file could not be made");
    QVERIFY2(QFileInfo::exists(corpusCase.path), qPrintable(corpusCase.path + " is missing"));
    QStringList args = trainArgs(corpusCase.path);
    QString program = QStringLiteral(BPS_CLI);
    if (corpusCase.unreadable) {
        QVERIFY(QFile::setPermissions(corpusCase.path, QFileDevice::Permissions()));
        if (::geteuid() == 0) {
            // chmod 000 does not stop root, which CI runs as. Root without the capabilities that
            // override file permissions is stopped, so run the command through setpriv(1).
            const CliRun probe = runCli(
                {"--bounding-set=-dac_override,-dac_read_search", "--", "cat", corpusCase.path},
                10'000, "setpriv");
            if (!probe.finished || probe.exitCode == 0 || !probe.err.contains("Permission denied"))
                QSKIP(
                    "running as root and setpriv cannot drop CAP_DAC_OVERRIDE here: an "
                    "unreadable file cannot be made");
            args.prepend(BPS_CLI);
            args.prepend("--");
            args.prepend("--bounding-set=-dac_override,-dac_read_search");
            program = "setpriv";
        }
    }
    const CliRun r = runCli(args, kTimeLimitMs, program);
    const QString problem = judgeRun(r, corpusCase.trainExit, corpusCase.name, corpusCase.message);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    if (corpusCase.trainExit == 0) QVERIFY2(r.out.contains("Trained 3 epochs"), qPrintable(r.out));
}

void tst_BadInputCli::modelThroughPredict_data() {
    QTest::addColumn<CorpusCase>("corpusCase");
    QString error;
    const QList<CorpusCase> committed = committedModelCases(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const CorpusCase& c : committed + generatedModelCases(m_dir))
        QTest::newRow(qPrintable(c.name)) << c;
}

void tst_BadInputCli::modelThroughPredict() {
    QFETCH(CorpusCase, corpusCase);
    QVERIFY2(!corpusCase.path.isEmpty(), "the generated file could not be made");
    const CliRun r =
        runCli({"predict", corpusCase.path, corpusDir() + "/models/input.csv"}, kTimeLimitMs);
    const QString problem = judgeRun(r, corpusCase.trainExit, corpusCase.name, corpusCase.message);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    if (corpusCase.trainExit == 0)
        QVERIFY2(r.out.startsWith("probability,predicted\n") && r.out.count('\n') == 4,
                 qPrintable(r.out));
}

// A learning rate of 1e6 with plain SGD blows the weights up within an epoch or two. The run must
// end as "diverged" (not crash, not write NaN), keep the last finite weights, and the model file
// it writes must load and predict finite probabilities.
void tst_BadInputCli::divergedRunKeepsFiniteWeights() {
    const QString model = m_dir.filePath("diverged.json");
    const QString report = m_dir.filePath("diverged-report.json");
    const CliRun r =
        runCli({"train", BPS_SAMPLE_CSV, "--optimizer", "sgd", "--activation", "relu", "--lr",
                "1e6", "--epochs", "50", "--quiet", "--model-out", model, "--report-out", report},
               kTimeLimitMs * 3);
    QVERIFY2(r.finished && !r.crashed && r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("Diverged: "), qPrintable(r.out));

    QFile reportFile(report);
    QVERIFY(reportFile.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(reportFile.readAll()).object();
    QCOMPARE(json["stop_reason"].toString(), QStringLiteral("diverged"));
    QVERIFY2(json["epochs"].toInt() < 50, "a diverged run went on to the last epoch");
    QVERIFY2(!json["divergence"].toString().isEmpty(), "the report does not say what diverged");

    // loadModel validates: every weight and bias finite, shapes consistent.
    try {
        const bps::Model loaded = bps::loadModel(model.toStdString());
        QVERIFY(!loaded.layers.empty());
    } catch (const std::exception& e) {
        QFAIL(e.what());
    }
    const QString predictions = m_dir.filePath("diverged-predictions.csv");
    const CliRun p = runCli({"predict", model, BPS_SAMPLE_CSV, "--out", predictions}, kTimeLimitMs);
    QVERIFY2(p.finished && !p.crashed && p.exitCode == 0, qPrintable(p.err));
    QFile out(predictions);
    QVERIFY(out.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = out.readAll().split('\n');
    QCOMPARE(lines.front(), QByteArray("probability,predicted"));
    int rows = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (lines[i].isEmpty()) continue;
        bool ok = false;
        const double probability = lines[i].split(',').front().toDouble(&ok);
        QVERIFY2(ok && std::isfinite(probability) && probability >= 0 && probability <= 1,
                 lines[i].constData());
        ++rows;
    }
    QCOMPARE(rows, 17898);
}

// Repeated header names are made unique when read, so a model trained on such a file names its
// features unambiguously and `predict` on the same file finds the same columns.
void tst_BadInputCli::duplicateNamesTrainAndPredict() {
    const QString csv = corpusDir() + "/duplicate_header_names.csv";
    const QString model = m_dir.filePath("duplicates.json");
    const CliRun t = runCli({"train", csv, "--epochs", "3", "--quiet", "--model-out", model});
    QVERIFY2(t.finished && !t.crashed && t.exitCode == 0, qPrintable(t.err));
    const bps::Model loaded = bps::loadModel(model.toStdString());
    QCOMPARE(loaded.features, (std::vector<std::string>{"a", "a.1"}));
    const CliRun p = runCli({"predict", model, csv});
    QVERIFY2(p.finished && !p.crashed && p.exitCode == 0, qPrintable(p.err));
    QCOMPARE(p.out.count('\n'), 9);  // the header and 8 rows
}

QTEST_GUILESS_MAIN(tst_BadInputCli)
#include "tst_bad_input_cli.moc"
