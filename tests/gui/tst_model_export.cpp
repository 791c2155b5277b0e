// Export Weights writes a model file that core and the command line load; Open Model continues
// training from it.

#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "hyperparameter_panel.h"
#include "main_window.h"
#include "model_file.h"
#include "model_formats.h"

using namespace bps;

class tst_ModelExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void formatChoice_data();
    void formatChoice();
    void exportWithoutModelFails();
    void exportedModelLoads();
    void cliPredictsWithExportedModel();
    void openModelContinuesTraining();

private:
    std::unique_ptr<MainWindow> windowWithSample();
    static void train(MainWindow& window, int epochs);
    QTemporaryDir m_dir;
    QString m_modelPath;
};

void tst_ModelExport::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BackpropStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_model_export"));
    QSettings().clear();
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
