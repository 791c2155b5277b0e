// Every export of a model with preprocessing (imputation, missing indicators, one-hot levels,
// levels merged into `other`) predicts what Model::predictTable predicts from the raw table:
// the ONNX graph in ONNX Runtime (npm's onnxruntime-node, run by tests/export/data/run_onnx.js;
// plus onnx.checker), the Python module and the .npz arrays with numpy
// (tests/export/data/consume_encoded.py), the C header compiled with gcc -std=c99 -Werror
// (tests/export/data/predict_encoded_main.c). Models are built by hand (fitEncoding, a scaler
// over the encoded inputs, random layers) for binary, multiclass and regression, and compared
// on rows with missing cells in every spelling, unseen levels, merged levels and every level.
// ONNX Runtime is found through the env var / CMake cache variable BPS_ONNXRUNTIME_NODE_PATH
// (a node_modules directory); without it the ONNX Runtime cases skip, unless
// BPS_REQUIRE_ONNXRUNTIME=1 (.ci/test sets it), where its absence fails. Also: today's
// all-numeric graph in ONNX Runtime, onnx.checker on the new graphs, and a column named like
// the graph's output refused.

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>
#include <random>

#include "core/base/errors.h"
#include "core/csv/csv_reader.h"
#include "core/data/column_encoding.h"
#include "core/data/scaler.h"
#include "core/export/exporter.h"
#include "tests/common/export_consumers.h"

namespace {

using bps::test::CliRun;
using bps::test::kDoubleTolerance;
using bps::test::kFloatTolerance;
using bps::test::writeText;

// Training rows: `num` numeric with missing cells, `size` a numeric column made categorical
// (7 is rare), `color` text (mauve and teal rare, some missing), `shape` text, `y` the target.
QByteArray trainCsv() {
    std::mt19937 rng(5);
    const char* colors[] = {"red", "green", "blue", "grün"};
    const char* shapes[] = {"round", "square", "other"};  // a real level named like `other`
    QByteArray csv = "num,size,color,shape,y\n";
    for (int i = 0; i < 80; ++i) {
        const QByteArray num = i % 9 == 4 ? "NA" : QByteArray::number(0.25 * (i % 17) - 1.5);
        const QByteArray size = i % 11 == 3 ? "" : i == 20 ? "7" : QByteArray::number(1 + i % 3);
        const QByteArray color = i % 13 == 5 ? "?"
                                 : i == 30   ? "mauve"
                                 : i == 31   ? "teal"
                                             : colors[rng() % 4];
        csv += num + ',' + size + ',' + color + ',' + shapes[i % 3] + ',' +
               QByteArray::number(i % 3) + '\n';
    }
    return csv;
}

// Rows to predict: every level, the merged ones, unseen values, missing cells in every
// spelling the reader knows, a number written another way ("2.0").
QByteArray rowsCsv() {
    const char* nums[] = {"0.5", "NA", "-1.25", "", "3", "nan", "1e-3", "?"};
    const char* sizes[] = {"1", "2", "3", "7", "5", "", "2.0", "NA", "-0", "1"};
    const char* colors[] = {"red", "green", "blue", "grün", "mauve", "teal",  "zebra", "",
                            "NA",  "n/a",   "Null", "?",    "NaN",   "other", "RED"};
    const char* shapes[] = {"round", "square", "other", "triangle", "null"};
    QByteArray csv = "y,shape,color,size,num\n";  // another column order than training
    for (int i = 0; i < 45; ++i)
        csv += QByteArray("0,") + shapes[i % 5] + ',' + colors[i % 15] + ',' + sizes[i % 10] + ',' +
               nums[i % 8] + '\n';
    return csv;
}

bps::DenseLayer randomLayer(std::mt19937& rng, int in, int out, bps::Activation activation) {
    std::normal_distribution<double> w(0.0, 0.8);
    bps::DenseLayer layer;
    layer.weights = Eigen::MatrixXd::NullaryExpr(in, out, [&] { return w(rng); });
    layer.bias = Eigen::VectorXd::NullaryExpr(out, [&] { return w(rng); });
    layer.activation = activation;
    return layer;
}

struct EncodedCase {
    const char* name;
    bps::Task task;
    bps::MissingPolicy missing;
    std::size_t minLevelCount;
    std::vector<std::string> inputs;  // of num, size, color, shape
};

const std::vector<std::string> kAllInputs = {"num", "size", "color", "shape"};
const EncodedCase kCases[] = {
    {"binary", bps::Task::Binary, bps::MissingPolicy::Impute, 2, kAllInputs},
    {"multiclass", bps::Task::Multiclass, bps::MissingPolicy::Category, 2, kAllInputs},
    {"regression", bps::Task::Regression, bps::MissingPolicy::Impute, 1, kAllInputs},
    // No column of numbers, and no text column: the C header's empty tables.
    {"binary_text_only", bps::Task::Binary, bps::MissingPolicy::Impute, 2, {"color", "shape"}},
    {"regression_numbers_only",
     bps::Task::Regression,
     bps::MissingPolicy::Impute,
     2,
     {"num", "size"}},
};
constexpr int kCaseCount = static_cast<int>(std::size(kCases));

bps::Model buildModel(const EncodedCase& c, const bps::CsvTable& table) {
    bps::Model model;
    model.task = c.task;
    model.target = "y";
    if (c.task == bps::Task::Binary) model.classes = {"no", "yes"};
    if (c.task == bps::Task::Multiclass) model.classes = {"a", "b", "c"};
    std::vector<bps::InputColumn> inputs;
    for (const std::string& name : c.inputs)
        inputs.push_back(
            {name, name == "num" ? bps::ColumnKind::Numeric : bps::ColumnKind::Categorical});
    std::vector<std::size_t> rows(table.rows);
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
    bps::EncodingOptions options;
    options.missing = c.missing;
    options.minLevelCount = c.minLevelCount;
    model.preprocessing = bps::fitEncoding(table, inputs, rows, options);
    for (const auto& input : inputs) model.features.push_back(input.name);
    const bps::EncodedTable encoded = model.preprocessing->transform(table);
    std::vector<Eigen::Index> fitted(static_cast<std::size_t>(encoded.x.rows()));
    for (std::size_t i = 0; i < fitted.size(); ++i) fitted[i] = static_cast<Eigen::Index>(i);
    std::vector<std::string> warnings;
    model.scaler = bps::Scaler::fit(encoded.x, fitted, model.preprocessing->inputNames(), warnings);
    std::mt19937 rng(static_cast<unsigned>(c.task) + 17);
    const int inputsCount = static_cast<int>(model.preprocessing->inputCount());
    model.layers.push_back(randomLayer(rng, inputsCount, 6, bps::Activation::Tanh));
    switch (c.task) {
        case bps::Task::Binary:
            model.layers.push_back(randomLayer(rng, 6, 1, bps::Activation::Sigmoid));
            break;
        case bps::Task::Multiclass:
            model.layers.push_back(randomLayer(rng, 6, 3, bps::Activation::Softmax));
            break;
        case bps::Task::Regression:
            model.layers.push_back(randomLayer(rng, 6, 1, bps::Activation::Identity));
            break;
    }
    return model;
}

// Today's all-numeric model (no preprocessing) on HTRU2's first rows.
bps::Model numericModel(const bps::CsvTable& table) {
    bps::Model model;
    model.task = bps::Task::Binary;
    model.target = table.columns.back().name;
    model.classes = {"0", "1"};
    for (std::size_t j = 0; j + 1 < table.columns.size(); ++j)
        model.features.push_back(table.columns[j].name);
    const bps::EncodedTable encoded = model.encode(table);
    std::vector<Eigen::Index> rows(static_cast<std::size_t>(encoded.x.rows()));
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<Eigen::Index>(i);
    std::vector<std::string> warnings;
    model.scaler = bps::Scaler::fit(encoded.x, rows, model.features, warnings);
    std::mt19937 rng(23);
    model.layers.push_back(
        randomLayer(rng, static_cast<int>(model.features.size()), 8, bps::Activation::Relu));
    model.layers.push_back(randomLayer(rng, 8, 1, bps::Activation::Sigmoid));
    return model;
}

// The largest difference between `reference` and the consumer's outputs CSV (regression:
// relative to the value's size).
double maxDifference(const Eigen::MatrixXd& reference, const QString& outCsv, bool regression,
                     QString& problem) {
    bps::CsvOptions options;
    options.header = bps::HeaderMode::Present;
    const bps::CsvTable out = bps::readCsvFile(outCsv.toStdString(), options);
    if (out.rows != static_cast<std::size_t>(reference.rows()) ||
        out.columns.size() < static_cast<std::size_t>(reference.cols())) {
        problem = QString("%1 rows x %2 columns, expected %3 x %4")
                      .arg(out.rows)
                      .arg(out.columns.size())
                      .arg(reference.rows())
                      .arg(reference.cols());
        return 0;
    }
    double maxDiff = 0;
    for (Eigen::Index i = 0; i < reference.rows(); ++i)
        for (Eigen::Index j = 0; j < reference.cols(); ++j) {
            const double a = reference(i, j);
            const double b =
                out.columns[static_cast<std::size_t>(j)].numbers[static_cast<std::size_t>(i)];
            const double d = std::abs(a - b) / (regression ? std::max(1.0, std::abs(a)) : 1.0);
            maxDiff = std::max(maxDiff, std::isnan(d) ? 1e9 : d);
        }
    return maxDiff;
}

}  // namespace

class tst_ExportEncoded : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void consumers_data();
    void consumers();
    void onnxRuntime_data();
    void onnxRuntime();
    void onnxPassesTheChecker_data();
    void onnxPassesTheChecker();
    void numericOnnxInOnnxRuntime();
    void onnxInputNamedLikeTheOutputIsRefused();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    // Exports case `which` to `format` and compares its consumer with predictTable.
    void compareWithPredictTable(int which, const QString& format);

    QTemporaryDir m_dir;
    QString m_nodeModules;
    QString m_onnxRuntimeProblem;  // empty when ONNX Runtime can run
    bool m_onnxRuntimeRequired = false;
};

void tst_ExportEncoded::initTestCase() {
    QVERIFY(m_dir.isValid());
    const QString missing = bps::test::missingConsumers();
    QVERIFY2(missing.isEmpty(), qPrintable(missing));
    QVERIFY(writeText(path("train.csv"), trainCsv()));
    QVERIFY(writeText(path("rows.csv"), rowsCsv()));
    m_nodeModules = bps::test::onnxRuntimeNodeModules();
    m_onnxRuntimeProblem = bps::test::onnxRuntimeProblem(m_nodeModules);
    m_onnxRuntimeRequired = qEnvironmentVariable("BPS_REQUIRE_ONNXRUNTIME") == QLatin1String("1");
}

void tst_ExportEncoded::consumers_data() {
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("format");
    for (int i = 0; i < kCaseCount; ++i)
        for (const char* format : {"c", "python", "npz"})
            QTest::addRow("%s/%s", kCases[i].name, format) << i << QString(format);
}

void tst_ExportEncoded::consumers() {
    QFETCH(int, which);
    QFETCH(QString, format);
    compareWithPredictTable(which, format);
}

void tst_ExportEncoded::onnxRuntime_data() {
    QTest::addColumn<int>("which");
    for (int i = 0; i < kCaseCount; ++i) QTest::addRow("%s", kCases[i].name) << i;
}

void tst_ExportEncoded::onnxRuntime() {
    QFETCH(int, which);
    QVERIFY2(m_onnxRuntimeProblem.isEmpty() || !m_onnxRuntimeRequired,
             qPrintable("BPS_REQUIRE_ONNXRUNTIME=1: " + m_onnxRuntimeProblem));
    if (!m_onnxRuntimeProblem.isEmpty())
        QSKIP(qPrintable("ONNX Runtime not found: " + m_onnxRuntimeProblem));
    compareWithPredictTable(which, "onnx");
}

void tst_ExportEncoded::compareWithPredictTable(int which, const QString& format) {
    const EncodedCase& c = kCases[which];
    const bps::CsvTable train = bps::readCsvFile(path("train.csv").toStdString());
    const bps::Model model = buildModel(c, train);
    QCOMPARE(model.validate(), std::string());
    const bps::CsvTable rows = bps::readCsvFile(path("rows.csv").toStdString());
    bps::EncodedTable encoded;
    Eigen::MatrixXd reference = model.predictTable(rows, &encoded);
    // The rows cover what they should: every row kept, unseen levels met.
    QCOMPARE(encoded.rows.size(), rows.rows);
    for (std::size_t j = 0; j < c.inputs.size(); ++j) {
        QVERIFY2(encoded.counts[j].missing > 0, c.inputs[j].c_str());
        QVERIFY2(c.inputs[j] == "num" || encoded.counts[j].unknown > 0, c.inputs[j].c_str());
    }

    const auto parsed = bps::parseExportFormat(format.toStdString());
    QVERIFY(parsed);
    const QString exported = path(QString(c.name) + "_encoded" +
                                  QString::fromUtf8(bps::exportExtension(*parsed).data()));
    bps::exportModel(model, *parsed, exported.toStdString());
    const QString got =
        bps::test::consumeEncodedExport(format, exported, path("rows.csv"), m_nodeModules);
    QVERIFY2(!got.isEmpty(),
             qPrintable(format + " export could not be loaded or run (see warning)"));
    QString problem;
    const double diff = maxDifference(reference, got, c.task == bps::Task::Regression, problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const double tolerance = format == "onnx" ? kFloatTolerance : kDoubleTolerance;
    qInfo().noquote() << QString("%1/%2: max difference %3 over %4 rows")
                             .arg(c.name, format)
                             .arg(diff, 0, 'g', 3)
                             .arg(reference.rows());
    QVERIFY2(diff <= tolerance,
             qPrintable(QString("max difference %1 > %2").arg(diff).arg(tolerance)));
}

void tst_ExportEncoded::onnxPassesTheChecker_data() {
    QTest::addColumn<int>("which");
    for (int i = 0; i < kCaseCount; ++i) QTest::addRow("%s", kCases[i].name) << i;
}

// Debian's onnx 1.12 checker (full_check: types and shapes inferred) accepts the graph, whose
// inputs are the raw columns with their types and whose opsets are 13 and ai.onnx.ml 2.
void tst_ExportEncoded::onnxPassesTheChecker() {
    QFETCH(int, which);
    const bps::Model model =
        buildModel(kCases[which], bps::readCsvFile(path("train.csv").toStdString()));
    const QString file = path(QString(kCases[which].name) + "_checked.onnx");
    bps::exportModel(model, bps::ExportFormat::Onnx, file.toStdString());
    const QString check = QStringLiteral(
        "import sys, onnx\n"
        "m = onnx.load(sys.argv[1])\n"
        "onnx.checker.check_model(m, full_check=True)\n"
        "ops = sorted((o.domain or 'ai.onnx') + ':' + str(o.version) for o in m.opset_import)\n"
        "ins = [i.name + ':' + str(i.type.tensor_type.elem_type) for i in m.graph.input]\n"
        "print(' '.join(ops) + '|' + ' '.join(ins))\n");
    const CliRun r = bps::test::runProcess(bps::test::kPython, {"-c", check, file});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    // FLOAT is 1, STRING is 8: size is numbers made categorical, color and shape are text.
    QStringList inputs;
    for (const std::string& name : kCases[which].inputs)
        inputs << QString::fromStdString(name) + (name == "num" || name == "size" ? ":1" : ":8");
    QCOMPARE(r.out.trimmed(), "ai.onnx.ml:2 ai.onnx:13|" + inputs.join(' '));
}

// Today's numeric model's single-input graph in ONNX Runtime, on HTRU2 rows.
void tst_ExportEncoded::numericOnnxInOnnxRuntime() {
    QVERIFY2(m_onnxRuntimeProblem.isEmpty() || !m_onnxRuntimeRequired,
             qPrintable("BPS_REQUIRE_ONNXRUNTIME=1: " + m_onnxRuntimeProblem));
    if (!m_onnxRuntimeProblem.isEmpty())
        QSKIP(qPrintable("ONNX Runtime not found: " + m_onnxRuntimeProblem));
    QFile sample(BPS_SAMPLE_CSV);
    QVERIFY(sample.open(QIODevice::ReadOnly));
    QByteArray head;
    for (int i = 0; i < 301 && !sample.atEnd(); ++i) head += sample.readLine();
    QVERIFY(writeText(path("htru2_300.csv"), head));
    const bps::CsvTable table = bps::readCsvFile(path("htru2_300.csv").toStdString());
    const bps::Model model = numericModel(table);
    QVERIFY(!model.preprocessing);
    const Eigen::MatrixXd reference = model.predictTable(table);
    const QString file = path("htru2.onnx");
    bps::exportModel(model, bps::ExportFormat::Onnx, file.toStdString());
    QStringList features;
    for (const auto& f : model.features) features << QString::fromStdString(f);
    const QString got =
        bps::test::runOnnxRuntime(file, path("htru2_300.csv"), m_nodeModules, features);
    QVERIFY2(!got.isEmpty(), "ONNX Runtime could not run the graph (see warning)");
    QString problem;
    const double diff = maxDifference(reference, got, false, problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    qInfo().noquote() << QString("htru2/onnxruntime: max difference %1").arg(diff, 0, 'g', 3);
    QVERIFY2(diff <= kFloatTolerance, qPrintable(QString("max difference %1").arg(diff)));
}

// A raw column named "probability" would be both a graph input and the graph's output.
void tst_ExportEncoded::onnxInputNamedLikeTheOutputIsRefused() {
    bps::Model model = buildModel(kCases[0], bps::readCsvFile(path("train.csv").toStdString()));
    model.features[2] = model.preprocessing->columns[2].name = "probability";
    QCOMPARE(model.validate(), std::string());
    QVERIFY_THROWS_EXCEPTION(bps::DataError, bps::exportModelBytes(model, bps::ExportFormat::Onnx,
                                                                   bps::exportMetadata(model)));
    // The other formats have no such names to keep apart.
    QVERIFY(!bps::exportModelBytes(model, bps::ExportFormat::Python, bps::exportMetadata(model))
                 .empty());
}

QTEST_GUILESS_MAIN(tst_ExportEncoded)
#include "tst_export_encoded.moc"
