// The command line under faults it must not turn into damage or false success (issue #15):
// outputs that name an input or each other are refused before any work, output folders are
// checked before training, standard output that cannot be written fails the command, a model
// whose outputs are not numbers is never written or used, and whole numbers that overflow
// say so. Each case runs the real executable as a user's script would.

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/common/run_process.h"

using bps::test::CliRun;
using bps::test::runCli;
using bps::test::runProcess;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

}  // namespace

class tst_CliFaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void outputThatIsAnInputIsRefused_data();
    void outputThatIsAnInputIsRefused();
    void unwritableOutputFailsBeforeTraining();
    void standardOutputErrorsFail_data();
    void standardOutputErrorsFail();
    void outputThroughSymlinkAndDevice();
    void nonFinitePredictionsAreRefused();
    void divergedModelIsNotWritten();
    void hugeValuesTrain();
    void failedCheckSaysWhatFailed();
    void memoryIsFlatInTheEpochCount();
    void overflowingWholeNumbers_data();
    void overflowingWholeNumbers();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void tst_CliFaults::initTestCase() {
    QVERIFY(m_dir.isValid());
    QFile sample(BPS_SAMPLE_CSV);
    QVERIFY(sample.open(QIODevice::ReadOnly));
    QByteArray head;
    for (int i = 0; i < 301 && !sample.atEnd(); ++i) head += sample.readLine();
    QFile small(path("a.csv"));
    QVERIFY(small.open(QIODevice::WriteOnly) && small.write(head) == head.size());
    small.close();
    QVERIFY(QFile::copy(path("a.csv"), path("table.json")));
    const CliRun r =
        runCli({"train", path("a.csv"), "--epochs", "3", "--quiet", "--model-out", path("m.json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
}

void tst_CliFaults::outputThatIsAnInputIsRefused_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("protectedFile");
    QTest::addColumn<QString>("message");
    const QString csv = path("a.csv"), model = path("m.json");
    const QString dotted = m_dir.path() + "/./sub/../a.csv";
    QTest::newRow("predict --out the CSV")
        << QStringList{"predict", model, csv, "--out", csv} << csv << "is the CSV file";
    QTest::newRow("predict --out the CSV, another spelling")
        << QStringList{"predict", model, csv, "--out", dotted} << csv << "is the CSV file";
    QTest::newRow("predict --out the model")
        << QStringList{"predict", model, csv, "--out", model} << model << "is the model file";
    QTest::newRow("train --history-out the CSV")
        << QStringList{"train", csv, "--history-out", csv} << csv << "is the CSV file";
    QTest::newRow("train --report-out the CSV")
        << QStringList{"train", csv, "--report-out", csv} << csv << "is the CSV file";
    // A CSV whose name has a model extension, so the refusal is about the file, not the format.
    QTest::newRow("train --model-out the CSV")
        << QStringList{"train", path("table.json"), "--model-out", path("table.json")}
        << path("table.json") << "is the CSV file";
    QTest::newRow("export --out the model")
        << QStringList{"export", model, "--format", "c", "--out", model} << model
        << "is the model file";
    QTest::newRow("two outputs, one file")
        << QStringList{"train", csv, "--history-out", path("h.csv"), "--report-out", path("h.csv")}
        << csv << "name the same file";
    QTest::newRow("empty output name")
        << QStringList{"train", csv, "--history-out", ""} << csv << "needs a file name";
}

void tst_CliFaults::outputThatIsAnInputIsRefused() {
    QFETCH(QStringList, args);
    QFETCH(QString, protectedFile);
    QFETCH(QString, message);
    QVERIFY(QDir(m_dir.path()).mkpath("sub"));
    const QByteArray before = readAll(protectedFile);
    const CliRun r = runCli(args);
    QVERIFY2(r.exitCode == 2, qPrintable(QString::number(r.exitCode) + ": " + r.err));
    QVERIFY2(r.err.startsWith("error: ") && r.err.contains(message), qPrintable(r.err));
    QVERIFY2(!r.out.contains("Trained"), "the refusal came after training");
    QCOMPARE(readAll(protectedFile), before);
}

void tst_CliFaults::unwritableOutputFailsBeforeTraining() {
    const CliRun r =
        runCli({"train", path("a.csv"), "--history-out", path("no/such/folder/h.csv")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("cannot write: No such file or directory"), qPrintable(r.err));
    QVERIFY2(!r.out.contains("Trained"), "the check came after training");
}

void tst_CliFaults::standardOutputErrorsFail_data() {
    QTest::addColumn<QString>("redirect");
    QTest::addColumn<QString>("reason");
    QTest::newRow("a full disk") << "> /dev/full"
                                 << "No space left on device";
    QTest::newRow("a closed descriptor") << ">&-"
                                         << "Bad file descriptor";
}

void tst_CliFaults::standardOutputErrorsFail() {
    QFETCH(QString, redirect);
    QFETCH(QString, reason);
    const QString command =
        QString("'%1' predict '%2' '%3' %4").arg(BPS_CLI, path("m.json"), path("a.csv"), redirect);
    const CliRun r = runProcess("/bin/sh", {"-c", command});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("error: standard output: cannot write: " + reason), qPrintable(r.err));
}

void tst_CliFaults::outputThroughSymlinkAndDevice() {
    const QString target = path("target.csv"), link = path("link.csv");
    QVERIFY(QFile::link(target, link));
    CliRun r = runCli({"predict", path("m.json"), path("a.csv"), "--out", link});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(QFileInfo(link).isSymLink());
    QVERIFY(readAll(target).startsWith("probability,predicted\n"));
    // A twin of /dev/null in our folder (mknod needs root; CI runs as root).
    if (::geteuid() != 0) QSKIP("mknod needs root");
    const QByteArray device = path("null").toLocal8Bit();
    QCOMPARE(::mknod(device.constData(), S_IFCHR | 0666, makedev(1, 3)), 0);
    r = runCli({"predict", path("m.json"), path("a.csv"), "--out", path("null")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    struct stat st {};
    QCOMPARE(::lstat(device.constData(), &st), 0);
    QVERIFY2(S_ISCHR(st.st_mode), "the device was replaced by a regular file");
}

void tst_CliFaults::nonFinitePredictionsAreRefused() {
    // Finite weights whose sums overflow: +-1e308 alternating over the inputs gives inf - inf.
    QJsonObject model = QJsonDocument::fromJson(readAll(path("m.json"))).object();
    QJsonArray layers = model["layers"].toArray();
    QJsonObject first = layers[0].toObject();
    QJsonArray rows = first["weights"].toArray();
    for (int i = 0; i < rows.size(); ++i) {
        QJsonArray row = rows[i].toArray();
        for (int j = 0; j < row.size(); ++j) row[j] = i % 2 ? -1e308 : 1e308;
        rows[i] = row;
    }
    first["weights"] = rows;
    layers[0] = first;
    model["layers"] = layers;
    QFile f(path("huge.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(model).toJson());
    f.close();
    const CliRun r = runCli({"predict", path("huge.json"), path("a.csv"), "--out", path("p.csv")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("not a finite number on") && r.err.contains("(lines "),
             qPrintable(r.err));
    QVERIFY2(!QFile::exists(path("p.csv")), "predictions were written");
}

void tst_CliFaults::divergedModelIsNotWritten() {
    const CliRun r =
        runCli({"train", path("a.csv"), "--init-scale", "1e300", "--epochs", "3", "--quiet",
                "--model-out", path("big.json"), "--report-out", path("big-report.json")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("not written: the model's validation outputs are not finite"),
             qPrintable(r.err));
    QVERIFY2(!r.out.contains("kept the last finite weights"), qPrintable(r.out));
    QVERIFY(!QFile::exists(path("big.json")));
    const QJsonObject report = QJsonDocument::fromJson(readAll(path("big-report.json"))).object();
    QCOMPARE(report["stop_reason"].toString(), QString("diverged"));
}

void tst_CliFaults::hugeValuesTrain() {
    // Values near 1e300 overflow a plain variance; the scaler must still standardise them.
    QByteArray csv = "big,small,y\n";
    for (int i = 0; i < 300; ++i)
        csv += QByteArray::number((1.0 + (i % 7) / 10.0 + i % 2) * 1e300, 'g', 17) + "," +
               QByteArray::number((i * 37 % 101) / 100.0) + "," + QByteArray::number(i % 2) + "\n";
    QFile f(path("huge.csv"));
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write(csv) == csv.size());
    f.close();
    const CliRun r = runCli({"train", path("huge.csv"), "--epochs", "30", "--quiet", "--model-out",
                             path("huge-model.json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
    QVERIFY2(r.out.contains("(completed)") && r.out.contains("accuracy 1.0000"), qPrintable(r.out));
    // Unstandardised, they do not fit training's floats: refused before training, not diverged.
    const CliRun raw = runCli({"train", path("huge.csv"), "--no-standardize", "--quiet"});
    QCOMPARE(raw.exitCode, 1);
    QVERIFY2(raw.err.contains("feature 'big' has values too large for training's 32-bit floats"),
             qPrintable(raw.err));
    QVERIFY(!raw.out.contains("Trained"));
}

void tst_CliFaults::failedCheckSaysWhatFailed() {
    // Identical rows with opposite labels: no network can fit them, so `check` fails; exit 1
    // must come with the one error line every other failure has.
    QByteArray csv = "a,b,y\n";
    for (int i = 0; i < 100; ++i)
        csv += QByteArray::number(i % 2) + ",1," + QByteArray::number((i / 2) % 2) + "\n";
    QFile f(path("contradictory.csv"));
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write(csv) == csv.size());
    f.close();
    const CliRun r = runCli({"check", path("contradictory.csv")});
    const QString problem =
        bps::test::judgeRun(r, 1, "contradictory.csv", "the network could not fit 16 rows");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

// Peak resident memory (KiB) of one run of the executable, measured by a python parent that
// runs nothing else (RUSAGE_CHILDREN of a fresh process).
long peakKiB(const QStringList& args) {
    const QString measure = QStringLiteral(
        "import resource, subprocess, sys\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if code == 0 else -code)\n");
    const CliRun r =
        runProcess("/usr/bin/python3", QStringList{"-c", measure, BPS_CLI} + args, 280'000);
    return r.exitCode == 0 ? r.out.trimmed().toLong() : -1;
}

void tst_CliFaults::memoryIsFlatInTheEpochCount() {
    // A million epochs used to cost ~320 bytes each (the whole history in memory). ASan's
    // quarantine of freed blocks would grow with the run too; keep it small for the children.
    qputenv("ASAN_OPTIONS", qgetenv("ASAN_OPTIONS") + ":quarantine_size_mb=1");
    QByteArray tiny = readAll(path("a.csv"));
    tiny.truncate(tiny.indexOf('\n', 0) + 1);
    QFile full(path("a.csv"));
    QVERIFY(full.open(QIODevice::ReadOnly));
    full.readLine();
    for (int i = 0; i < 20; ++i) tiny += full.readLine();
    QFile f(path("tiny.csv"));
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write(tiny) == tiny.size());
    f.close();
    const QStringList common{"train",
                             path("tiny.csv"),
                             "--quiet",
                             "--hidden",
                             "2",
                             "--batch-size",
                             "0",
                             "--history-out",
                             path("tiny-history.csv"),
                             "--early-stopping",
                             "0",
                             "--epochs"};
    const long small = peakKiB(common + QStringList{"10000"});
    const long large = peakKiB(common + QStringList{"1000000"});
    QVERIFY2(small > 0 && large > 0, "a run failed");
    qInfo("peak memory: %ld KiB after 1e4 epochs, %ld KiB after 1e6", small, large);
    QVERIFY2(large - small < 32 * 1024,
             qPrintable(QString("memory grew by %1 KiB over 990,000 epochs").arg(large - small)));
    QFile history(path("tiny-history.csv"));
    QVERIFY(history.open(QIODevice::ReadOnly));
    int lines = 0;
    while (!history.atEnd()) lines += history.readLine().endsWith('\n');
    QCOMPARE(lines, 1'000'001);  // every epoch reached the streamed history
}

void tst_CliFaults::overflowingWholeNumbers_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString csv = path("a.csv");
    QTest::newRow("epochs beyond int")
        << QStringList{"train", csv, "--epochs", "9223372036854775807"}
        << "option '--epochs' is too large (maximum 2147483647)";
    QTest::newRow("epochs beyond long long")
        << QStringList{"train", csv, "--epochs", "92233720368547758070"}
        << "option '--epochs' is too large (maximum 2147483647)";
    QTest::newRow("bench epochs that wrapped to 1")
        << QStringList{"bench", "htru2", csv, "--epochs", "4294967297"}
        << "option '--epochs' is too large (maximum 2147483647)";
    QTest::newRow("empty feature list") << QStringList{"train", csv, "--features", ""}
                                        << "option '--features' needs at least one column";
}

void tst_CliFaults::overflowingWholeNumbers() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const CliRun r = runCli(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith("error: " + message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(tst_CliFaults)
#include "tst_cli_faults.moc"
