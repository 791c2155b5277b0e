// File > Save Report (offscreen): on a freshly trained model it writes, off the UI thread, the
// HTML page with every section and the run's numbers, byte for byte the page the command line
// writes for the same model, data and history; it refuses the loaded CSV and needs a model.

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "tests/common/gui_test_setup.h"
#include "tests/common/run_process.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/window/main_window.h"

using namespace bps;

namespace {
QString readText(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}
}  // namespace

class tst_SaveReport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void needsAModel();
    void writesTheRunsReport();
    void isTheCommandLinesPage();
    void refusesTheLoadedCsv();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void tst_SaveReport::initTestCase() {
    test::useTestSettings(QStringLiteral("tst_save_report"));
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::copy(QStringLiteral(BPS_SAMPLE_CSV), path("htru2.csv")));
    m_window = std::make_unique<MainWindow>();
    m_window->setDialogsEnabled(false);
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(path("htru2.csv"));
    QVERIFY(loaded.wait(10'000));
}

void tst_SaveReport::needsAModel() {
    QVERIFY(!m_window->findChild<QAction*>("saveReportAction")->isEnabled());
    QVERIFY(m_window->saveReportTo(path("early.html")).contains("needs a trained model"));
    QVERIFY(!QFile::exists(path("early.html")));
}

void tst_SaveReport::writesTheRunsReport() {
    TrainingConfig config;
    config.epochs = 4;
    config.live.batchSize = 512;
    m_window->hyperparameters()->setConfig(config);
    m_window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->state() == TrainingController::State::Idle &&
                                 m_window->controller()->model(),
                             20'000);
    QVERIFY(m_window->findChild<QAction*>("saveReportAction")->isEnabled());
    QSignalSpy written(m_window.get(), &MainWindow::reportWritten);
    QCOMPARE(m_window->saveReportTo(path("app.html")), QString());
    QVERIFY(written.count() == 1 || written.wait(60'000));
    QCOMPARE(written.front().at(1).toString(), QString());
    const QString html = readText(path("app.html"));
    for (const char* id :
         {"data", "model", "training", "metrics", "confusion", "roc", "calibration", "importance"})
        QVERIFY2(html.contains(QStringLiteral("<section id=\"%1\">").arg(id)), id);
    QVERIFY(html.contains("4 epochs shown"));
    const Model& model = *m_window->controller()->model();
    QVERIFY(model.validation.has_value());
    for (const auto& row : model.validation->confusion)
        for (auto v : row)
            QVERIFY2(html.contains(QStringLiteral("<td class=\"num\">%1</td>").arg(v)),
                     qPrintable(QString::number(v)));
    QVERIFY(html.contains(QStringLiteral("ROC AUC %1").arg(model.validation->rocAuc, 0, 'f', 4)));
}

// The model and the history the app saves, given to `backprop-studio report`, make the page
// the app wrote.
void tst_SaveReport::isTheCommandLinesPage() {
    QCOMPARE(m_window->exportWeights(path("m.json")), QString());
    QCOMPARE(m_window->saveHistoryTo(path("h.csv")), QString());
    const test::CliRun r = test::runCli({"report", path("m.json"), path("htru2.csv"), "--history",
                                         path("h.csv"), "--out", path("cli.html"), "--quiet"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(readText(path("app.html")).contains("<section id=\"importance\">"));
    QCOMPARE(readText(path("cli.html")), readText(path("app.html")));
}

void tst_SaveReport::refusesTheLoadedCsv() {
    const QString error = m_window->saveReportTo(path("htru2.csv"));
    QVERIFY2(error.contains("is the loaded data file"), qPrintable(error));
    QCOMPARE(readText(path("htru2.csv")), readText(QStringLiteral(BPS_SAMPLE_CSV)));
}

QTEST_MAIN(tst_SaveReport)
#include "tst_save_report.moc"
