// Exported models load in the tools people already use and predict what `backprop-studio
// predict` does: .json, .npz and .py with numpy (/usr/bin/python3), .onnx through
// onnx.checker plus a float32 evaluator of its graph and ONNX Runtime, .h compiled with gcc
// -std=c99 -Wall -Wextra -Werror. Models: binary (HTRU2, two activations), multiclass and
// regression data generated here, with non-ASCII names and characters that need escaping in C and
// Python.

#include <QProcess>
#include <QStandardPaths>
#include <QtTest>
#include <cmath>
#include <random>

#include "core/base/errors.h"
#include "core/csv/csv_reader.h"
#include "core/export/exporter.h"
#include "core/export/npz_writer.h"
#include "core/io/csv_writer.h"
#include "core/io/model_file.h"
#include "tests/common/export_consumers.h"

namespace {

using bps::test::CliRun;
using bps::test::kDoubleTolerance;
using bps::test::kFloatTolerance;
using bps::test::writeText;

CliRun run(const QString& program, const QStringList& args) {
    return bps::test::runProcess(program, args, 60'000);
}

std::string cellText(const bps::CsvColumn& column, std::size_t row) {
    if (column.numeric) return bps::formatNumber(column.numbers[row]);
    const auto code = column.codes[row];
    return code < 0 ? std::string() : column.levels[static_cast<std::size_t>(code)];
}

// Three Gaussian blobs in four features; names a C or Python writer must escape or keep intact.
QByteArray blobsCsv() {
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 0.8);
    const double centers[3][4] = {{0, 0, 0, 0}, {2.5, -1, 1, 0.5}, {-1, 2.5, -1.5, 2}};
    const char* names[3] = {"ünïcode", "beta", "why?\?!"};  // "?\?!" is a C trigraph
    QByteArray csv = "längd,breite_cm,température,ratio*/x,species\n";
    for (int i = 0; i < 600; ++i) {
        const int c = i % 3;
        for (int j = 0; j < 4; ++j)
            csv += QByteArray::number(centers[c][j] + noise(rng), 'g', 17) + ',';
        csv += QByteArray(names[c]) + '\n';
    }
    return csv;
}

// y = sin(x1) + x2^2 / 2 - x3 + noise.
QByteArray curveCsv() {
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> x(-2.0, 2.0);
    std::normal_distribution<double> noise(0.0, 0.05);
    QByteArray csv = "x1,x2,x3,y\n";
    for (int i = 0; i < 600; ++i) {
        const double a = x(rng), b = x(rng), c = x(rng);
        const double y = std::sin(a) + 0.5 * b * b - c + noise(rng);
        for (double v : {a, b, c}) csv += QByteArray::number(v, 'g', 17) + ',';
        csv += QByteArray::number(y, 'g', 17) + '\n';
    }
    return csv;
}

struct ModelCase {
    QString name;
    QString trainCsv;  // file name in the temporary directory, or the HTRU2 sample
    QString rowsCsv;   // the rows predictions are compared on
    QStringList options;
    double threshold = 0.5;  // stored in the model file after training
};

}  // namespace

class tst_Export : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void onnxRuntime_data();
    void onnxRuntime();
    void storedThresholdMovesPredictLabels();
    void formatFromExtension_data();
    void formatFromExtension();
    void formatNamesRoundTrip();
    void npyHeaderIsAligned();
    void unwritablePathIsADataError_data();
    void unwritablePathIsADataError();
    void inconsistentModelIsRefused();
    void controlCharactersInNamesStayLoadable();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QList<ModelCase> m_cases;
};

void tst_Export::initTestCase() {
    QVERIFY(m_dir.isValid());
    const QString missing = bps::test::missingConsumers();
    QVERIFY2(missing.isEmpty(), qPrintable(missing));

    QFile sample(BPS_SAMPLE_CSV);
    QVERIFY(sample.open(QIODevice::ReadOnly));
    QByteArray head;
    for (int i = 0; i < 501 && !sample.atEnd(); ++i) head += sample.readLine();
    QVERIFY(writeText(path("htru2_500.csv"), head));
    QVERIFY(writeText(path("blobs.csv"), blobsCsv()));
    QVERIFY(writeText(path("curve.csv"), curveCsv()));

    const QString htru2 = BPS_SAMPLE_CSV;
    m_cases = {
        {"binary",
         htru2,
         path("htru2_500.csv"),
         {"--hidden", "16", "--activation", "tanh", "--epochs", "20"}},
        // The binary model with a decision threshold of 0.2 stored in it: every export's labels
        // must move as `predict`'s do.
        {"binary_threshold",
         htru2,
         path("htru2_500.csv"),
         {"--hidden", "16", "--activation", "tanh", "--epochs", "20"},
         0.2},
        {"binary_sigmoid",
         htru2,
         path("htru2_500.csv"),
         {"--hidden", "8,4", "--activation", "sigmoid", "--epochs", "10"}},
        {"multiclass",
         path("blobs.csv"),
         path("blobs.csv"),
         {"--hidden", "12,8", "--activation", "relu", "--epochs", "30"}},
        {"regression",
         path("curve.csv"),
         path("curve.csv"),
         {"--task", "regression", "--hidden", "8", "--activation", "leaky_relu", "--epochs", "40"}},
    };
    for (const ModelCase& c : m_cases) {
        const QString model = path(c.name + ".json");
        const CliRun train = run(BPS_CLI, QStringList{"train", c.trainCsv, "--quiet", "--seed", "3",
                                                      "--model-out", model} +
                                              c.options);
        QVERIFY2(train.exitCode == 0, qPrintable(c.name + ": " + train.err));
        if (c.threshold != 0.5) {
            bps::Model m = bps::loadModel(model.toStdString());
            m.threshold = c.threshold;
            bps::saveModel(m, model.toStdString());
        }
        const CliRun predict =
            run(BPS_CLI, {"predict", model, c.rowsCsv, "--out", path(c.name + "_ref.csv")});
        QVERIFY2(predict.exitCode == 0, qPrintable(c.name + ": " + predict.err));
    }
}

void tst_Export::roundTrip_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("format");
    for (const char* model :
         {"binary", "binary_threshold", "binary_sigmoid", "multiclass", "regression"})
        for (const char* format : {"json", "npz", "onnx", "c", "python"})
            QTest::addRow("%s/%s", model, format) << QString(model) << QString(format);
}

void tst_Export::roundTrip() {
    QFETCH(QString, model);
    QFETCH(QString, format);
    const auto parsed = bps::parseExportFormat(format.toStdString());
    QVERIFY(parsed);
    const ModelCase& c = *std::find_if(m_cases.begin(), m_cases.end(),
                                       [&](const ModelCase& m) { return m.name == model; });
    const QString exported =
        path(model + "_export" + QString::fromUtf8(bps::exportExtension(*parsed).data()));
    const CliRun e = run(BPS_CLI, {"export", path(model + ".json"), "--format", format, "--out",
                                   exported, "--quiet"});
    QVERIFY2(e.exitCode == 0, qPrintable(e.err));

    const QString got =
        bps::test::consumeExport(format, exported, path(model + ".json"), c.rowsCsv);
    QVERIFY2(!got.isEmpty(),
             qPrintable(format + " export could not be loaded or run (see warning)"));

    bps::CsvOptions options;
    options.header = bps::HeaderMode::Present;
    const bps::CsvTable ref = bps::readCsvFile(path(model + "_ref.csv").toStdString(), options);
    const bps::CsvTable out = bps::readCsvFile(got.toStdString(), options);
    QCOMPARE(out.rows, ref.rows);
    QCOMPARE(out.columns.size(), ref.columns.size());
    const bool regression = model == "regression";
    const std::size_t outputs = ref.columns.size() - (regression ? 0 : 1);
    const double tolerance = format == "onnx" ? kFloatTolerance : kDoubleTolerance;
    double maxDiff = 0;
    int labelMismatches = 0;
    for (std::size_t i = 0; i < ref.rows; ++i) {
        double top = -1, second = -1;
        for (std::size_t j = 0; j < outputs; ++j) {
            const double a = ref.columns[j].numbers[i], b = out.columns[j].numbers[i];
            // Regression values are compared relative to their size (they are not in [0, 1]).
            maxDiff = std::max(maxDiff,
                               std::abs(a - b) / (regression ? std::max(1.0, std::abs(a)) : 1.0));
            if (a > top) {
                second = top;
                top = a;
            } else {
                second = std::max(second, a);
            }
        }
        if (regression) continue;
        // A row on the decision boundary may fairly go either way.
        const bool boundary =
            outputs == 1 ? std::abs(top - c.threshold) <= tolerance : top - second <= tolerance;
        if (!boundary && cellText(ref.columns[outputs], i) != cellText(out.columns[outputs], i))
            ++labelMismatches;
    }
    qInfo().noquote() << QString("%1/%2: max abs difference %3 over %4 rows")
                             .arg(model, format)
                             .arg(maxDiff, 0, 'g', 3)
                             .arg(ref.rows);
    QVERIFY2(maxDiff <= tolerance,
             qPrintable(QString("max difference %1 > %2").arg(maxDiff).arg(tolerance)));
    QVERIFY2(labelMismatches == 0,
             qPrintable(QString("%1 predicted labels differ").arg(labelMismatches)));
}

void tst_Export::onnxRuntime_data() {
    QTest::addColumn<QString>("model");
    for (const char* model :
         {"binary", "binary_threshold", "binary_sigmoid", "multiclass", "regression"})
        QTest::newRow(model) << QString(model);
}

// Today's all-numeric graphs (one input [N, features]) in ONNX Runtime, the runtime users deploy
// with, for every task: the outputs `predict` wrote, to float32 precision. Skips when
// onnxruntime-node is not installed, unless BPS_REQUIRE_ONNXRUNTIME=1 (.ci/test).
void tst_Export::onnxRuntime() {
    QFETCH(QString, model);
    const QString modules = bps::test::onnxRuntimeNodeModules();
    const QString problem = bps::test::onnxRuntimeProblem(modules);
    QVERIFY2(problem.isEmpty() || qEnvironmentVariable("BPS_REQUIRE_ONNXRUNTIME") != "1",
             qPrintable("BPS_REQUIRE_ONNXRUNTIME=1: " + problem));
    if (!problem.isEmpty()) QSKIP(qPrintable("ONNX Runtime not found: " + problem));
    const ModelCase& c = *std::find_if(m_cases.begin(), m_cases.end(),
                                       [&](const ModelCase& m) { return m.name == model; });
    const QString onnx = path(model + "_ort.onnx");
    const CliRun e = run(
        BPS_CLI, {"export", path(model + ".json"), "--format", "onnx", "--out", onnx, "--quiet"});
    QVERIFY2(e.exitCode == 0, qPrintable(e.err));
    QStringList features;
    for (const auto& f : bps::loadModel(path(model + ".json").toStdString()).features)
        features << QString::fromStdString(f);
    const QString got = bps::test::runOnnxRuntime(onnx, c.rowsCsv, modules, features);
    QVERIFY2(!got.isEmpty(), "ONNX Runtime could not run the graph (see warning)");

    bps::CsvOptions options;
    options.header = bps::HeaderMode::Present;
    const bps::CsvTable ref = bps::readCsvFile(path(model + "_ref.csv").toStdString(), options);
    const bps::CsvTable out = bps::readCsvFile(got.toStdString(), options);
    const bool regression = model == "regression";
    const std::size_t outputs = ref.columns.size() - (regression ? 0 : 1);
    // A binary graph has a second output, `label`: the class index at the model's threshold.
    const bool binary = outputs == 1 && !regression;
    QCOMPARE(out.rows, ref.rows);
    QCOMPARE(out.columns.size(), outputs + (binary ? 1 : 0));
    const std::vector<std::string> classes =
        bps::loadModel(path(model + ".json").toStdString()).classes;
    double maxDiff = 0;
    int labelMismatches = 0;
    for (std::size_t i = 0; i < ref.rows; ++i) {
        for (std::size_t j = 0; j < outputs; ++j) {
            const double a = ref.columns[j].numbers[i], b = out.columns[j].numbers[i];
            maxDiff = std::max(maxDiff,
                               std::abs(a - b) / (regression ? std::max(1.0, std::abs(a)) : 1.0));
        }
        if (!binary || std::abs(ref.columns[0].numbers[i] - c.threshold) <= kFloatTolerance)
            continue;
        const auto index = static_cast<std::size_t>(out.columns[1].numbers[i]);
        if (index >= classes.size() || classes[index] != cellText(ref.columns[1], i))
            ++labelMismatches;
    }
    QVERIFY2(labelMismatches == 0,
             qPrintable(QString("%1 labels differ from predict's").arg(labelMismatches)));
    qInfo().noquote() << QString("%1/onnxruntime: max abs difference %2 over %3 rows")
                             .arg(model)
                             .arg(maxDiff, 0, 'g', 3)
                             .arg(ref.rows);
    QVERIFY2(maxDiff <= kFloatTolerance, qPrintable(QString("max difference %1").arg(maxDiff)));
}

// The reference the threshold cases are checked against really differs: the same probabilities,
// labels at 0.2 instead of 0.5 (so an export ignoring the threshold would fail roundTrip).
void tst_Export::storedThresholdMovesPredictLabels() {
    bps::CsvOptions options;
    options.header = bps::HeaderMode::Present;
    const bps::CsvTable usual = bps::readCsvFile(path("binary_ref.csv").toStdString(), options);
    const bps::CsvTable low =
        bps::readCsvFile(path("binary_threshold_ref.csv").toStdString(), options);
    QCOMPARE(low.rows, usual.rows);
    int moved = 0;
    for (std::size_t i = 0; i < usual.rows; ++i) {
        const double p = usual.columns[0].numbers[i];
        QCOMPARE(low.columns[0].numbers[i], p);
        QCOMPARE(cellText(low.columns[1], i), std::string(p >= 0.2 ? "1" : "0"));
        moved += cellText(low.columns[1], i) != cellText(usual.columns[1], i);
    }
    QVERIFY2(moved > 0, "no row between 0.2 and 0.5: the threshold case tests nothing");
    qInfo().noquote() << QString("threshold 0.2 moves %1 of %2 labels").arg(moved).arg(usual.rows);
}

void tst_Export::formatFromExtension_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");  // empty: no format
    QTest::newRow("json") << "model.json"
                          << "json";
    QTest::newRow("upper case") << "dir.v2/Model.NPZ"
                                << "npz";
    QTest::newRow("onnx") << "/tmp/m.onnx"
                          << "onnx";
    QTest::newRow("c header") << "model.h"
                              << "c";
    QTest::newRow("python") << "model.py"
                            << "python";
    QTest::newRow("unknown") << "model.txt"
                             << "";
    QTest::newRow("no extension") << "model"
                                  << "";
    QTest::newRow("backup") << "model.npz.bak"
                            << "";
}

void tst_Export::formatFromExtension() {
    QFETCH(QString, file);
    QFETCH(QString, format);
    const auto found = bps::formatFromExtension(file.toStdString());
    QCOMPARE(found ? QString::fromUtf8(bps::exportFormatName(*found).data()) : QString(), format);
}

void tst_Export::formatNamesRoundTrip() {
    for (const bps::ExportFormat f : bps::kExportFormats) {
        const std::string name(bps::exportFormatName(f));
        QVERIFY2(bps::parseExportFormat(name) == f, name.c_str());
        const std::string extension(bps::exportExtension(f));
        QVERIFY2(bps::formatFromExtension("model" + extension) == f, extension.c_str());
        const std::string filter(bps::exportFileFilter(f));
        QVERIFY2(filter.find("(*" + extension + ")") != std::string::npos, filter.c_str());
    }
    QVERIFY(!bps::parseExportFormat("xml"));
    QVERIFY(!bps::parseExportFormat("JSON"));
}

void tst_Export::npyHeaderIsAligned() {
    // Shapes (), (3,) and (2, 3): numpy's tuple reprs, data 64-byte aligned as numpy writes it.
    for (const std::vector<std::size_t>& shape :
         {std::vector<std::size_t>{}, std::vector<std::size_t>{3},
          std::vector<std::size_t>{2, 3}}) {
        const std::string data(8 * (shape.empty() ? 1 : shape.size() == 1 ? 3 : 6), '\0');
        const std::string npy = bps::npyFile("<f8", shape, data);
        QVERIFY(npy.compare(0, 8, std::string("\x93NUMPY\x01\x00", 8)) == 0);
        const std::size_t headerLength =
            static_cast<unsigned char>(npy[8]) |
            static_cast<std::size_t>(static_cast<unsigned char>(npy[9])) << 8;
        QCOMPARE((10 + headerLength) % 64, std::size_t(0));
        QCOMPARE(npy[10 + headerLength - 1], '\n');
        QCOMPARE(npy.size(), 10 + headerLength + data.size());
    }
    const std::string vector = bps::npyFile("<f8", {3}, std::string(24, '\0'));
    QVERIFY(vector.find("'shape': (3,), }") != std::string::npos);
}

void tst_Export::unwritablePathIsADataError_data() {
    QTest::addColumn<int>("format");
    for (const bps::ExportFormat f : bps::kExportFormats)
        QTest::newRow(bps::exportFormatName(f).data()) << static_cast<int>(f);
}

void tst_Export::unwritablePathIsADataError() {
    QFETCH(int, format);
    const bps::Model model = bps::loadModel(path("binary.json").toStdString());
    const auto f = static_cast<bps::ExportFormat>(format);
    const std::string target =
        path("no/such/dir/model").toStdString() + std::string(bps::exportExtension(f));
    QVERIFY_THROWS_EXCEPTION(bps::DataError, bps::exportModel(model, f, target));
}

void tst_Export::inconsistentModelIsRefused() {
    bps::Model model = bps::loadModel(path("multiclass.json").toStdString());
    model.layers.back().bias.conservativeResize(model.layers.back().bias.size() + 1);
    for (const bps::ExportFormat f : bps::kExportFormats)
        QVERIFY_THROWS_EXCEPTION(bps::DataError,
                                 bps::exportModelBytes(model, f, bps::exportMetadata(model)));
}

QTEST_GUILESS_MAIN(tst_Export)
// A NUL, a line break or an escape character in a feature or class name (a CSV header may hold
// any byte) must not make the Python module unimportable or the C header fail -Werror.
void tst_Export::controlCharactersInNamesStayLoadable() {
    bps::Model model = bps::loadModel(path("multiclass.json").toStdString());
    const std::string feature = std::string("l\0ngd\nnext\x1b[0m*/", 17);
    model.features[0] = feature;
    model.classes[0] = "tab\there\r";
    const QString py = path("control_names.py"), header = path("control_names.h");
    bps::exportModel(model, bps::ExportFormat::Python, py.toStdString());
    bps::exportModel(model, bps::ExportFormat::C, header.toStdString());

    const QString check = QStringLiteral(
        "import importlib.util, sys\n"
        "spec = importlib.util.spec_from_file_location('m', sys.argv[1])\n"
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
        "sys.stdout.buffer.write(m.FEATURES[0].encode('utf-8', 'surrogateescape') + b'|' +\n"
        "                        m.CLASSES[0].encode())\n");
    const CliRun r = run(bps::test::kPython, {"-c", check, py});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out.toUtf8(), QByteArray::fromStdString(feature + "|" + model.classes[0]));

    QDir dir(m_dir.path());
    QVERIFY(dir.mkpath("control_c"));
    QVERIFY(QFile::copy(header, dir.filePath("control_c/model.h")));
    QVERIFY(writeText(dir.filePath("control_c/main.c"),
                      "#include \"model.h\"\nint main(void) { return 0; }\n"));
    const CliRun c = run("gcc", {"-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic",
                                 "-fsyntax-only", dir.filePath("control_c/main.c")});
    QVERIFY2(c.exitCode == 0, qPrintable(c.err));
}

#include "tst_export.moc"
