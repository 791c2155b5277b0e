// An export killed mid-write (the power cut, the OOM killer, a user's `kill -9`) leaves either the
// file that was there before or the complete new one, never a partial file. This executable runs
// itself as a writer (`--writer PATH FORMAT`) that exports two large models in turn to PATH,
// forever; the test kills it with SIGKILL at random moments, in every export format, and after
// each kill compares PATH with the two complete exports. The only other files allowed are
// writeFileAtomically's temporary files, `<name>.tmp-XXXXXX`, which a kill may leave behind
// (documented in docs/reliability.md; nothing ever reads them).

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>
#include <cstdio>
#include <random>

#include "core/export/export_metadata.h"
#include "core/export/exporter.h"
#include "core/io/model_file.h"
#include "core/model/model.h"

using namespace bps;

namespace {

constexpr int kKillsPerFormat = 12;

// A model of 50 features and two hidden layers of 300 units: 105,000 weights, a few MB in text
// formats, so that a write takes long enough to be interrupted. `seed` picks the weights.
Model bigModel(unsigned seed) {
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> uniform(-1, 1);
    Model m;
    m.task = Task::Binary;
    m.target = "y";
    m.classes = {"no", "yes"};
    for (int f = 0; f < 50; ++f) m.features.push_back("f" + std::to_string(f));
    m.scaler.mean = Eigen::VectorXd::Zero(50);
    m.scaler.std = Eigen::VectorXd::Ones(50);
    for (const auto& [in, out, activation] : {std::tuple{50, 300, Activation::Tanh},
                                              {300, 300, Activation::Tanh},
                                              {300, 1, Activation::Sigmoid}}) {
        DenseLayer layer;
        layer.weights = Eigen::MatrixXd::NullaryExpr(in, out, [&] { return uniform(random); });
        layer.bias = Eigen::VectorXd::NullaryExpr(out, [&] { return uniform(random); });
        layer.activation = activation;
        m.layers.push_back(std::move(layer));
    }
    return m;
}

// The writer: makes the two exports, writes them as the reference copies PATH.refA and
// PATH.refB, says "ready", then writes them to PATH in turn until it is killed, the way
// exportModel() does (exportModelBytes, then writeFileAtomically). The bytes are made once
// because an .npz records the time in its zip entries, so that two exports may differ.
int writerMain(const std::string& path, const std::string& formatName) {
    const auto format = parseExportFormat(formatName);
    if (!format) return 2;
    const Model a = bigModel(1), b = bigModel(2);
    ExportMetadata metadata = exportMetadata(a);
    metadata.created = "2024-01-01T00:00:00Z";
    const std::string bytes[2] = {exportModelBytes(a, *format, metadata),
                                  exportModelBytes(b, *format, metadata)};
    writeFileAtomically(path + ".refA", bytes[0]);
    writeFileAtomically(path + ".refB", bytes[1]);
    std::puts("ready");
    std::fflush(stdout);
    for (unsigned i = 0;; ++i) writeFileAtomically(path, bytes[i % 2]);
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class tst_InterruptedWrite : public QObject {
    Q_OBJECT
private slots:
    void killedWriterLeavesOldOrNewFile_data();
    void killedWriterLeavesOldOrNewFile();
    void cleanupTestCase();

private:
    int m_midWrite = 0;  // kills that left a temporary file: they hit a write in progress
    int m_kills = 0;
};

void tst_InterruptedWrite::killedWriterLeavesOldOrNewFile_data() {
    QTest::addColumn<QString>("format");
    for (ExportFormat f : kExportFormats) {
        const QString name = QString::fromLatin1(exportFormatName(f));
        QTest::newRow(qPrintable(name)) << name;
    }
}

void tst_InterruptedWrite::killedWriterLeavesOldOrNewFile() {
    QFETCH(QString, format);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto ext = exportExtension(*parseExportFormat(format.toStdString()));
    const QString name =
        "model" + QString::fromLatin1(ext.data(), static_cast<qsizetype>(ext.size()));
    const QString path = dir.filePath(name);
    const QRegularExpression temporary(QRegularExpression::escape(name) +
                                       R"(\.tmp-[A-Za-z0-9]{6})");
    std::mt19937 random(static_cast<unsigned>(qHash(format)));
    QSet<QByteArray> complete;  // every complete export any writer has made
    int leftovers = 0;

    for (int kill = 0; kill < kKillsPerFormat; ++kill) {
        QProcess writer;
        writer.start(QCoreApplication::applicationFilePath(), {"--writer", path, format});
        QVERIFY2(writer.waitForReadyRead(60'000), "the writer did not start");
        QCOMPARE(writer.readLine().trimmed(), QByteArray("ready"));
        const QByteArray refA = readAll(path + ".refA"), refB = readAll(path + ".refB");
        QVERIFY(!refA.isEmpty() && !refB.isEmpty() && refA != refB);
        complete << refA << refB;
        QTest::qWait(static_cast<int>(random() % 120));
        writer.kill();  // SIGKILL: no destructor, no atexit, no flush
        QVERIFY(writer.waitForFinished(10'000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        ++m_kills;

        if (QFileInfo::exists(path)) {
            const QByteArray now = readAll(path);
            QVERIFY2(complete.contains(now),
                     qPrintable(QStringLiteral("after kill %1 the %2 file is no complete export "
                                               "(%3 bytes; complete ones have %4 and %5)")
                                    .arg(kill)
                                    .arg(format)
                                    .arg(now.size())
                                    .arg(refA.size())
                                    .arg(refB.size())));
            if (format == "json") QVERIFY(loadModel(path.toStdString()).layers.size() == 3);
        }
        int temporaries = 0;
        for (const QString& file : QDir(dir.path()).entryList(QDir::Files)) {
            if (file == name || file == name + ".refA" || file == name + ".refB") continue;
            QVERIFY2(temporary.match(file).hasMatch(), qPrintable("an unexpected file: " + file));
            ++temporaries;
        }
        QVERIFY2(temporaries <= kill + 1, "more temporary files than kills");
        if (temporaries > leftovers) ++m_midWrite;
        leftovers = temporaries;
    }
}

void tst_InterruptedWrite::cleanupTestCase() {
    qInfo("%d kills, %d of them in the middle of a write (a temporary file was left)", m_kills,
          m_midWrite);
    QVERIFY2(m_midWrite > 0, "no kill hit a write in progress: the test tested nothing");
}

int main(int argc, char** argv) {
    if (argc == 4 && std::string(argv[1]) == "--writer") {
        try {
            return writerMain(argv[2], argv[3]);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "writer: %s\n", e.what());
            return 1;
        }
    }
    QCoreApplication app(argc, argv);
    tst_InterruptedWrite test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_interrupted_write.moc"
