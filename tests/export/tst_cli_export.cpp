// `backprop-studio export` and `train --model-out FILE.<ext>`, run as a user's script would:
// exit codes (0 ok, 1 data or model error, 2 usage error) and the files written.

#include <QProcess>
#include <QtTest>

#include "tests/common/run_process.h"

namespace {

using bps::test::CliRun;

CliRun run(const QString& program, const QStringList& args) {
    return bps::test::runProcess(program, args, 120'000);
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class tst_CliExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void exportExitCodes_data();
    void exportExitCodes();
    void trainModelOut_data();
    void trainModelOut();
    void trainRejectsUnknownModelExtensionBeforeTraining();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void tst_CliExport::initTestCase() {
    QVERIFY(m_dir.isValid());
    const CliRun r = run(BPS_CLI, {"train", BPS_SAMPLE_CSV, "--quiet", "--epochs", "2",
                                   "--model-out", path("model.json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile bad(path("bad.json"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{\"format\": \"backprop-studio-model\", \"version\": 1, \"layers\": [");
}

void tst_CliExport::exportExitCodes_data() {
    QTest::addColumn<QStringList>("args");  // after `export`; MODEL and OUT/ are replaced
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("written");  // file expected afterwards, or empty
    QTest::newRow("format from extension")
        << QStringList{"MODEL", "--out", "OUT/a.npz"} << 0 << "a.npz";
    QTest::newRow("explicit format")
        << QStringList{"MODEL", "--format", "c", "--out", "OUT/b.txt"} << 0 << "b.txt";
    QTest::newRow("format beats extension")
        << QStringList{"MODEL", "--format", "python", "--out", "OUT/c.json"} << 0 << "c.json";
    QTest::newRow("missing --out") << QStringList{"MODEL", "--format", "npz"} << 2 << "";
    QTest::newRow("unknown format")
        << QStringList{"MODEL", "--format", "xml", "--out", "OUT/d.xml"} << 2 << "";
    QTest::newRow("unknown extension") << QStringList{"MODEL", "--out", "OUT/e.bin"} << 2 << "";
    QTest::newRow("no model") << QStringList{"--out", "OUT/f.npz"} << 2 << "";
    QTest::newRow("two models") << QStringList{"MODEL", "MODEL", "--out", "OUT/g.npz"} << 2 << "";
    QTest::newRow("unknown option")
        << QStringList{"MODEL", "--out", "OUT/h.npz", "--fast"} << 2 << "";
    QTest::newRow("bad model file")
        << QStringList{"OUT/bad.json", "--out", "OUT/i.onnx"} << 1 << "";
    QTest::newRow("missing model file")
        << QStringList{"OUT/none.json", "--out", "OUT/j.onnx"} << 1 << "";
    QTest::newRow("unwritable output")
        << QStringList{"MODEL", "--out", "OUT/no/dir/k.h"} << 1 << "";
}

void tst_CliExport::exportExitCodes() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, written);
    for (QString& a : args) {
        if (a == "MODEL") a = path("model.json");
        a.replace("OUT/", m_dir.path() + "/");
    }
    const CliRun r = run(BPS_CLI, QStringList{"export"} + args);
    QVERIFY2(
        r.exitCode == exitCode,
        qPrintable(QString("exit %1, expected %2: %3").arg(r.exitCode).arg(exitCode).arg(r.err)));
    if (exitCode != 0) QVERIFY2(r.err.startsWith("error: "), qPrintable(r.err));
    if (!written.isEmpty()) QVERIFY2(!readAll(path(written)).isEmpty(), qPrintable(written));
}

void tst_CliExport::trainModelOut_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("contains");  // what the written file must hold
    QTest::newRow("json") << "t.json" << QByteArray("\"backprop-studio-model\"");
    QTest::newRow("npz") << "t.npz" << QByteArray("W1.npy");
    QTest::newRow("onnx") << "t.onnx" << QByteArray("probability");
    QTest::newRow("c") << "t.h" << QByteArray("static inline double model_predict(");
    QTest::newRow("python") << "t.py" << QByteArray("def predict_proba(X):");
}

void tst_CliExport::trainModelOut() {
    QFETCH(QString, file);
    QFETCH(QByteArray, contains);
    const CliRun r = run(
        BPS_CLI, {"train", BPS_SAMPLE_CSV, "--quiet", "--epochs", "1", "--model-out", path(file)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QByteArray bytes = readAll(path(file));
    QVERIFY2(bytes.contains(contains), qPrintable(file + " lacks " + contains));
    if (file.endsWith(".npz")) {
        QVERIFY2(bytes.startsWith("PK\x03\x04"), "not a zip archive");
        const CliRun load =
            run("/usr/bin/python3", {"-c",
                                     "import sys, numpy as np; d = np.load(sys.argv[1]); "
                                     "assert d['W1'].shape == (8, 16), d['W1'].shape; "
                                     "assert list(d['classes']) == ['0', '1']",
                                     path(file)});
        QVERIFY2(load.exitCode == 0, qPrintable(load.err));
    }
}

void tst_CliExport::trainRejectsUnknownModelExtensionBeforeTraining() {
    const CliRun r = run(
        BPS_CLI, {"train", BPS_SAMPLE_CSV, "--epochs", "1000", "--model-out", path("model.txt")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("model.txt"), qPrintable(r.err));
    QVERIFY2(!r.out.contains("Trained"), "the usage error came after training");
    QVERIFY(!QFile::exists(path("model.txt")));
}

QTEST_GUILESS_MAIN(tst_CliExport)
#include "tst_cli_export.moc"
