// Export Weights offers every export format and writes files that core, the command line and each
// format's own consumer (numpy, onnx, gcc) load with the predictions `backprop-studio predict`
// makes; Open Model continues training from a model file.

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <cmath>
#include <memory>
#include <utility>

#include "core/csv/csv_reader.h"
#include "core/io/model_file.h"
#include "tests/common/export_consumers.h"
#include "tests/common/gui_test_setup.h"
#include "ui/files/model_formats.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/window/main_window.h"

using namespace bps;

class tst_ModelExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void formatChoice_data();
    void formatChoice();
    void everyFormatOffered();
    void suffixFollowsFormat_data();
    void suffixFollowsFormat();
    void exportWithoutModelFails();
    void exportedModelLoads();
    void cliPredictsWithExportedModel();
    void dialogRenamesForChosenFormat();
    void everyFormatLoadsInItsConsumer_data();
    void everyFormatLoadsInItsConsumer();
    void openModelContinuesTraining();

private:
    std::unique_ptr<MainWindow> windowWithSample();
    static void train(MainWindow& window, int epochs);
    QTemporaryDir m_dir;
    QString m_modelPath;
};

void tst_ModelExport::initTestCase() {
    test::useTestSettings(QStringLiteral("tst_model_export"));
    QVERIFY(m_dir.isValid());
    m_modelPath = m_dir.filePath(QStringLiteral("pulsar-model.json"));
}

std::unique_ptr<MainWindow> tst_ModelExport::windowWithSample() {
    auto window = std::make_unique<MainWindow>();
    window->setDialogsEnabled(false);
    QSignalSpy loaded(window.get(), &MainWindow::dataLoaded);
    window->loadFile(QStringLiteral(BPS_SAMPLE_CSV));
    if (!loaded.wait(10'000)) qFatal("the sample did not load");
    return window;
}

void tst_ModelExport::train(MainWindow& window, int epochs) {
    TrainingConfig config;
    config.epochs = epochs;
    config.live.batchSize = 512;
    window.hyperparameters()->setConfig(config);
    window.startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(window.controller()->state() == TrainingController::State::Idle &&
                                 window.controller()->model(),
                             20'000);
}

void tst_ModelExport::formatChoice_data() {
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("suffix");
    QTest::newRow("by filter") << modelFormats().front().filter() << "m"
                               << "json";
    QTest::newRow("by suffix") << QString() << "m.JSON"
                               << "json";
    QTest::newRow("fallback") << QString() << "m.bin"
                              << "json";
    const QString npz = modelFormatFor({}, "m.npz").filter();
    QTest::newRow("filter, no suffix") << npz << "m"
                                       << "npz";
    // What the user typed wins over the filter left selected.
    QTest::newRow("typed suffix wins") << npz << "m.ONNX"
                                       << "onnx";
    QTest::newRow("c header") << QString() << "dir/model.h"
                              << "h";
    QTest::newRow("python") << QString() << "model.py"
                            << "py";
}

void tst_ModelExport::everyFormatOffered() {
    QStringList filters;
    for (const ModelFormat& f : modelFormats()) filters << f.filter();
    QCOMPARE(filters,
             (QStringList{"Backprop Studio model (*.json)", "NumPy archive (*.npz)",
                          "ONNX model (*.onnx)", "C header (*.h)", "Python module (*.py)"}));
}

void tst_ModelExport::suffixFollowsFormat_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QString>("expected");
    QTest::newRow("replaces a format's suffix") << "/tmp/pulsar-model.json"
                                                << "npz"
                                                << "/tmp/pulsar-model.npz";
    QTest::newRow("adds one") << "model"
                              << "h"
                              << "model.h";
    QTest::newRow("keeps other dots") << "/d/run.v2"
                                      << "py"
                                      << "/d/run.v2.py";
}

void tst_ModelExport::suffixFollowsFormat() {
    QFETCH(QString, path);
    QFETCH(QString, suffix);
    QFETCH(QString, expected);
    QCOMPARE(withSuffix(path, modelFormatFor({}, "x." + suffix)), expected);
}

void tst_ModelExport::formatChoice() {
    QFETCH(QString, filter);
    QFETCH(QString, path);
    QFETCH(QString, suffix);
    QCOMPARE(modelFormatFor(filter, path).suffix, suffix);
}

void tst_ModelExport::exportWithoutModelFails() {
    MainWindow window;
    const QString error = window.exportWeights(m_dir.filePath(QStringLiteral("none.json")));
    QVERIFY2(!error.isEmpty(), "exporting without a model reported success");
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("none.json"))));
}

void tst_ModelExport::exportedModelLoads() {
    auto window = windowWithSample();
    train(*window, 25);
    const QString error = window->exportWeights(m_modelPath);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const Model model = loadModel(m_modelPath.toStdString());
    QCOMPARE(model.task, Task::Binary);
    QCOMPARE(model.features.size(), std::size_t{8});
    QCOMPARE(model.target, std::string("Class"));
    QVERIFY2(model.validation && model.validation->accuracy > 0.95, "the exported model is poor");
}

void tst_ModelExport::cliPredictsWithExportedModel() {
    QVERIFY2(QFileInfo::exists(m_modelPath), "exportedModelLoads must run first");
    if (!QFileInfo::exists(QStringLiteral(BPS_CLI))) QSKIP("the backprop-studio CLI is not built");
    const QString out = m_dir.filePath(QStringLiteral("predictions.csv"));
    QProcess cli;
    cli.start(QStringLiteral(BPS_CLI),
              {QStringLiteral("predict"), m_modelPath, QStringLiteral(BPS_SAMPLE_CSV),
               QStringLiteral("--out"), out});
    QVERIFY2(cli.waitForFinished(60'000), "the CLI did not finish");
    QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0,
             qPrintable(QString::fromLocal8Bit(cli.readAllStandardError())));
    QFile file(out);
    QVERIFY2(file.open(QIODevice::ReadOnly), "no predictions file");
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 17898 + 1);  // a header and one row per input row
}

// The real File > Export Weights dialog: picking "NumPy archive" turns the proposed
// "...-model.json" into "...-model.npz", and saving writes a NumPy archive there.
void tst_ModelExport::dialogRenamesForChosenFormat() {
    QVERIFY2(QFileInfo::exists(m_modelPath), "exportedModelLoads must run first");
    MainWindow window;
    QVERIFY(window.openModel(m_modelPath).isEmpty());
    QAction* exportAction = nullptr;
    for (QAction* a : window.findChildren<QAction*>())
        if (a->text() == MainWindow::tr("&Export Weights…")) exportAction = a;
    QVERIFY(exportAction && exportAction->isEnabled());

    QString proposed, renamed;
    const QString target = m_dir.filePath(QStringLiteral("from-dialog.json"));
    QTimer::singleShot(0, &window, [&] {
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        if (!dialog) return;
        proposed = dialog->selectedFiles().value(0);
        dialog->selectFile(target);
        // What a click in the file-type box does.
        auto* types = dialog->findChild<QComboBox*>(QStringLiteral("fileTypeCombo"));
        if (types) {
            const int npz = types->findText(QStringLiteral("NumPy archive (*.npz)"));
            types->setCurrentIndex(npz);
            emit types->activated(npz);
        }
        renamed = dialog->selectedFiles().value(0);
        QMetaObject::invokeMethod(dialog, "accept");
    });
    exportAction->trigger();
    QVERIFY2(proposed.endsWith(QStringLiteral("-model.json")), qPrintable(proposed));
    QCOMPARE(renamed, m_dir.filePath(QStringLiteral("from-dialog.npz")));
    QFile written(renamed);
    QVERIFY2(written.open(QIODevice::ReadOnly), "the dialog's export wrote nothing");
    QCOMPARE(written.read(4), QByteArray("PK\x03\x04", 4));  // a zip archive, as .npz is
    QVERIFY(!QFileInfo::exists(target));
}

void tst_ModelExport::everyFormatLoadsInItsConsumer_data() {
    QTest::addColumn<QString>("format");  // the name `backprop-studio export --format` takes
    QTest::addColumn<QString>("suffix");
    for (const auto& [format, suffix] : {std::pair{"json", "json"},
                                         {"npz", "npz"},
                                         {"onnx", "onnx"},
                                         {"c", "h"},
                                         {"python", "py"}})
        QTest::newRow(format) << QString(format) << QString(suffix);
}

// Through File > Export Weights' own code path (the format chosen by its filter, the file named
// without a suffix), then loaded by the tool a user of that format would use.
void tst_ModelExport::everyFormatLoadsInItsConsumer() {
    QFETCH(QString, format);
    QFETCH(QString, suffix);
    QVERIFY2(QFileInfo::exists(m_modelPath), "exportedModelLoads must run first");
    const QString missing = test::missingConsumers();
    QVERIFY2(missing.isEmpty(), qPrintable(missing));

    // 300 HTRU2 rows, and what the command line predicts for them.
    const QString rows = m_dir.filePath("rows.csv");
    const QString reference = m_dir.filePath("reference.csv");
    if (!QFileInfo::exists(reference)) {
        QFile sample(QStringLiteral(BPS_SAMPLE_CSV));
        QVERIFY(sample.open(QIODevice::ReadOnly));
        QByteArray head;
        for (int i = 0; i < 301 && !sample.atEnd(); ++i) head += sample.readLine();
        QVERIFY(test::writeText(rows, head));
        const test::CliRun r = test::runCli({"predict", m_modelPath, rows, "--out", reference});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    MainWindow window;
    QVERIFY(window.openModel(m_modelPath).isEmpty());
    const ModelFormat& chosen = modelFormatFor({}, "x." + suffix);
    const QString stem = m_dir.filePath("gui-export-" + format);
    const QString error = window.exportWeights(stem, chosen.filter());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(QFileInfo(stem).size() > 0, "nothing was written");

    // The consumer finds the file by its usual name (numpy's loader and Python's import care).
    const QString exported = stem + '.' + suffix;
    QVERIFY(QFile::rename(stem, exported));
    const QString got = test::consumeExport(format, exported, m_modelPath, rows);
    QVERIFY2(!got.isEmpty(), qPrintable(format + " export could not be loaded (see warning)"));

    CsvOptions options;
    options.header = HeaderMode::Present;
    const CsvTable want = readCsvFile(reference.toStdString(), options);
    const CsvTable have = readCsvFile(got.toStdString(), options);
    QCOMPARE(have.rows, want.rows);
    QVERIFY(have.columns[0].numeric && want.columns[0].numeric);
    double maxDiff = 0;
    for (std::size_t i = 0; i < want.rows; ++i)
        maxDiff =
            std::max(maxDiff, std::abs(have.columns[0].numbers[i] - want.columns[0].numbers[i]));
    const double tolerance = format == "onnx" ? test::kFloatTolerance : test::kDoubleTolerance;
    QVERIFY2(maxDiff <= tolerance,
             qPrintable(QString("%1: max difference %2 in probability").arg(format).arg(maxDiff)));
}

void tst_ModelExport::openModelContinuesTraining() {
    QVERIFY2(QFileInfo::exists(m_modelPath), "exportedModelLoads must run first");
    auto window = windowWithSample();
    const QString error = window->openModel(m_modelPath);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(window->controller()->model());
    QSignalSpy started(window->controller(), &TrainingController::runStarted);
    TrainingConfig config = window->hyperparameters()->config();
    config.epochs = 3;
    window->hyperparameters()->setConfig(config);
    window->startTraining();
    QVERIFY(started.wait(10'000));
    const double baseline = started.at(0).at(0).value<TrainingStart>().baselineLoss;
    QTRY_VERIFY_WITH_TIMEOUT(window->controller()->state() == TrainingController::State::Idle,
                             20'000);
    const auto& history = window->controller()->history();
    QVERIFY(!history.empty());
    // Fresh weights start near the baseline; continued ones are already far below it.
    QVERIFY2(history.front().trainLoss < 0.5 * baseline,
             qPrintable(QStringLiteral("first epoch cost %1, baseline %2")
                            .arg(history.front().trainLoss)
                            .arg(baseline)));

    auto bad = windowWithSample();
    const QString badPath = m_dir.filePath(QStringLiteral("bad.json"));
    QFile file(badPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"something else\"}");
    file.close();
    QVERIFY2(!bad->openModel(badPath).isEmpty(), "a bad model file was accepted");
    QVERIFY(!bad->controller()->model());
}

QTEST_MAIN(tst_ModelExport)
#include "tst_model_export.moc"
