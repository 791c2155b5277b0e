// The main window end to end, offscreen: loading through the dialog's code path, a bad file that
// leaves the old data in place, live training with chart updates, a live learning-rate change,
// pause / resume / stop, closing mid-run and the UI update rate. The screenshot is tst_screenshot.

#include <QFileInfo>
#include <QLineEdit>
#include <QLineSeries>
#include <QMimeData>
#include <QRandomGenerator>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <cmath>
#include <memory>

#include "tests/common/gui_test_setup.h"
#include "tests/common/manual_clock.h"
#include "ui/charts/cost_chart.h"
#include "ui/data/data_table_model.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/panels/log_value_control.h"
#include "ui/panels/restart_banner.h"
#include "ui/panels/results_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/settings_store.h"

using namespace bps;

class tst_MainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void loadsThroughLoadFile_data();
    void loadsThroughLoadFile();
    void dropOpensFile();
    void settingsPersist();
    void badFileKeepsPreviousData_data();
    void badFileKeepsPreviousData();
    void trainingUpdatesChartAndResults();
    void thresholdBelongsToTheModel();
    void otherTasksShowTheirMetrics_data();
    void otherTasksShowTheirMetrics();
    void liveLearningRateChange();
    void structuralChangeOffersRestart();
    void pauseResumeStop();
    void uiUpdatesAreThrottled_data();
    void uiUpdatesAreThrottled();
    void closingDuringTrainingIsPrompt();

private:
    void loadSample();
    void configure(int epochs, int batchSize, double learningRate = 0.01);
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
};

void tst_MainWindow::initTestCase() {
    test::useTestSettings(QStringLiteral("tst_main_window"));
    QVERIFY(m_dir.isValid());
}

void tst_MainWindow::init() {
    m_window = test::shownMainWindow();
    QVERIFY(m_window);
}

void tst_MainWindow::cleanup() { m_window.reset(); }

void tst_MainWindow::loadSample() {
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(QStringLiteral(BPS_SAMPLE_CSV));
    QVERIFY2(loaded.wait(10'000), "the sample did not load");
}

void tst_MainWindow::configure(int epochs, int batchSize, double learningRate) {
    TrainingConfig c;
    c.epochs = epochs;
    c.live.batchSize = batchSize;
    c.live.learningRate = learningRate;
    m_window->hyperparameters()->setConfig(c);
}

void tst_MainWindow::loadsThroughLoadFile_data() {
    QTest::addColumn<QString>("path");
    QTest::newRow("file") << QStringLiteral(BPS_SAMPLE_CSV);
    QTest::newRow("bundled resource") << MainWindow::kSamplePath;
}

void tst_MainWindow::loadsThroughLoadFile() {
    QFETCH(QString, path);
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(path);
    QVERIFY2(loaded.wait(10'000), "dataLoaded never came");
    QCOMPARE(m_window->data()->table.rows, std::size_t{17898});
    QCOMPARE(m_window->dataPanel()->rowsModel()->rowCount(), 17898);
    const QModelIndex cell = m_window->dataPanel()->rowsModel()->index(0, 0);
    QCOMPARE(cell.data().toString(), QStringLiteral("140.5625"));
    const DataSelection selection = m_window->dataPanel()->selection();
    QCOMPARE(selection.target, std::string("Class"));
    QCOMPARE(selection.features.size(), std::size_t{8});
    QVERIFY2(m_window->windowTitle().contains("htru2.csv"), qPrintable(m_window->windowTitle()));
    // Files go to File > Open Recent; the bundled sample does not.
    const QStringList recent = SettingsStore::recentFiles();
    if (path.startsWith(QLatin1String(":/")))
        QVERIFY2(!recent.contains(path), "the bundled sample became a recent file");
    else
        QCOMPARE(recent.value(0), QFileInfo(path).absoluteFilePath());
}

void tst_MainWindow::dropOpensFile() {
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(QStringLiteral(BPS_SAMPLE_CSV))});
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    const QPointF centre = QPointF(m_window->rect().center());
    QDragEnterEvent enter(centre.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window.get(), &enter);
    QVERIFY2(enter.isAccepted(), "a dragged CSV file was refused");
    QDropEvent drop(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window.get(), &drop);
    QVERIFY2(loaded.wait(10'000), "dropping a CSV file did not load it");
}

void tst_MainWindow::settingsPersist() {
    m_window->hyperparameters()->batchSize()->setValue(96);
    m_window->close();
    m_window = std::make_unique<MainWindow>();
    QCOMPARE(m_window->hyperparameters()->config().live.batchSize, 96);
    m_window->hyperparameters()->resetToDefaults();
    QCOMPARE(SettingsStore::config().live.batchSize, TrainingConfig{}.live.batchSize);
}

void tst_MainWindow::badFileKeepsPreviousData_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("expected");  // part of the reader's message
    QTest::newRow("ragged row") << "ragged.csv" << QByteArray("a,b,c\n1,2,3\n4,5\n") << "line 3";
    QTest::newRow("unterminated quote")
        << "quote.csv" << QByteArray("a,b\n1,\"2\n3,4\n") << "quote.csv";
    QTest::newRow("empty file") << "empty.csv" << QByteArray() << "empty.csv";
    QTest::newRow("missing file") << "" << QByteArray() << "does-not-exist.csv";
}

void tst_MainWindow::badFileKeepsPreviousData() {
    QFETCH(QString, name);
    QFETCH(QByteArray, contents);
    QFETCH(QString, expected);
    loadSample();
    const LoadedDataPtr before = m_window->data();
    QString path = m_dir.filePath(name.isEmpty() ? QStringLiteral("does-not-exist.csv") : name);
    if (!name.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
    }
    QSignalSpy failed(m_window.get(), &MainWindow::loadFailed);
    m_window->loadFile(path);
    QVERIFY2(failed.wait(10'000), "a bad file did not report an error");
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains(expected), qPrintable(message));
    QVERIFY2(m_window->data() == before, "the previous data was replaced");
    QCOMPARE(m_window->dataPanel()->rowsModel()->rowCount(), 17898);
}

void tst_MainWindow::trainingUpdatesChartAndResults() {
    loadSample();
    configure(40, 512);
    TrainingController* c = m_window->controller();
    QSignalSpy epochs(c, &TrainingController::epochsAdded);
    QSignalSpy results(c, &TrainingController::resultAvailable);
    m_window->startTraining();
    QVERIFY2(epochs.wait(10'000), "no epoch updates");
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, 20'000);
    QVERIFY2(!results.isEmpty(), "no final result");
    QCOMPARE(c->history().size(), std::size_t{40});
    QCOMPARE(m_window->costChart()->trainSeries()->count(), 40);
    QCOMPARE(m_window->costChart()->validationSeries()->count(), 40);
    const Metrics& m = m_window->resultsPanel()->metrics();
    QVERIFY2(m.accuracy > 0.95, qPrintable(QStringLiteral("accuracy %1").arg(m.accuracy)));
    QVERIFY2(m.rocAuc > 0.9, qPrintable(QStringLiteral("AUC %1").arg(m.rocAuc)));
    // Moving the threshold recomputes recall on the stored outputs.
    const double recall = m.recall;
    m_window->resultsPanel()->setThreshold(0.05);
    QVERIFY2(m_window->resultsPanel()->metrics().recall >= recall,
             "a lower threshold lowered recall");
    QCOMPARE(m_window->resultsPanel()->metrics().threshold, 0.05);
}

// A threshold moved on one model is not carried to the next data set's model, and the status bar
// reports the accuracy the Results tab shows, at the same threshold. The cost chart keeps no
// earlier run from the other data set.
void tst_MainWindow::thresholdBelongsToTheModel() {
    loadSample();
    configure(20, 512);
    TrainingController* c = m_window->controller();
    m_window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, 20'000);
    ResultsPanel* results = m_window->resultsPanel();
    results->setThreshold(0.05);
    QCOMPARE(results->metrics().threshold, 0.05);

    // 400 seeded rows, two classes split by x1 + x2.
    QRandomGenerator random(3);
    QByteArray csv = "x1,x2,y\n";
    for (int i = 0; i < 400; ++i) {
        const double x1 = random.generateDouble() * 2 - 1, x2 = random.generateDouble() * 2 - 1;
        csv += QByteArray::number(x1) + ',' + QByteArray::number(x2) + ',' +
               (x1 + x2 > 0.3 ? "yes" : "no") + '\n';
    }
    const QString path = m_dir.filePath("other.csv");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(csv);
    file.close();
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(path);
    QVERIFY2(loaded.wait(10'000), "the second file did not load");
    QCOMPARE(results->threshold(), 0.5);

    QSignalSpy finished(c, &TrainingController::resultAvailable);
    m_window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, 20'000);
    QVERIFY2(!finished.isEmpty(), "no result for the second data set");
    QCOMPARE(results->metrics().threshold, 0.5);
    QCOMPARE(m_window->costChart()->earlierRunCount(), 0);  // HTRU2's curve does not compare
    const QString accuracy = QString::number(results->metrics().accuracy, 'f', 4);
    const QString message = m_window->statusBar()->currentMessage();
    QVERIFY2(message.contains(QStringLiteral("Validation accuracy %1.").arg(accuracy)),
             qPrintable(accuracy + " not in: " + message));

    // Continuing keeps the model, so its threshold, and the status bar reports at it.
    results->setThreshold(0.05);
    finished.clear();
    m_window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, 20'000);
    QVERIFY2(!finished.isEmpty(), "no result after continuing");
    QCOMPARE(results->metrics().threshold, 0.05);
    const QString lowAccuracy = QString::number(results->metrics().accuracy, 'f', 4);
    const QString lowMessage = m_window->statusBar()->currentMessage();
    QVERIFY2(lowMessage.contains(QStringLiteral("Validation accuracy %1.").arg(lowAccuracy)),
             qPrintable(lowAccuracy + " not in: " + lowMessage));

    // Reset Weights and a new run: a new model at 0.5.
    m_window->resetWeights();
    finished.clear();
    m_window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, 20'000);
    QVERIFY2(!finished.isEmpty(), "no result after Reset Weights");
    QCOMPARE(results->metrics().threshold, 0.5);
    QCOMPARE(m_window->costChart()->earlierRunCount(), 1);  // same data, target and loss
}

void tst_MainWindow::otherTasksShowTheirMetrics_data() {
    QTest::addColumn<QString>("task");
    QTest::newRow("multiclass") << "multiclass";
    QTest::newRow("regression") << "regression";
}

void tst_MainWindow::otherTasksShowTheirMetrics() {
    QFETCH(QString, task);
    // 600 seeded rows: three classes by the angle of (x1, x2), or a smooth function of both.
    QRandomGenerator random(7);
    QByteArray csv = "x1,x2,y\n";
    for (int i = 0; i < 600; ++i) {
        const double x1 = random.generateDouble() * 2 - 1, x2 = random.generateDouble() * 2 - 1;
        QByteArray y;
        if (task == "multiclass") {
            const double angle = std::atan2(x2, x1) + M_PI;
            y = QByteArray(
                1, static_cast<char>('a' + std::min(2, static_cast<int>(angle / (2 * M_PI) * 3))));
        } else {
            y = QByteArray::number(3 * x1 - 2 * x2 + 0.5 * x1 * x2, 'g', 10);
        }
        csv += QByteArray::number(x1, 'g', 10) + ',' + QByteArray::number(x2, 'g', 10) + ',' + y +
               '\n';
    }
    const QString path = m_dir.filePath(task + QStringLiteral(".csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(csv);
    file.close();
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(path);
    QVERIFY(loaded.wait(10'000));
    configure(60, 32, 0.02);
    m_window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->state() == TrainingController::State::Idle &&
                                 m_window->resultsPanel()->result(),
                             20'000);
    const Metrics& m = m_window->resultsPanel()->metrics();
    if (task == "multiclass") {
        QCOMPARE(m.task, Task::Multiclass);
        QVERIFY2(m.accuracy > 0.8, qPrintable(QStringLiteral("accuracy %1").arg(m.accuracy)));
        QVERIFY2(std::isfinite(m.macroF1), "no macro F1");
        QCOMPARE(m_window->resultsPanel()->confusion()->rowCount(), 3);
    } else {
        QCOMPARE(m.task, Task::Regression);
        QVERIFY2(m.r2 > 0.8, qPrintable(QStringLiteral("R² %1").arg(m.r2)));
        QVERIFY2(std::isfinite(m.rmse) && std::isfinite(m.mae), "no RMSE / MAE");
    }
}

void tst_MainWindow::liveLearningRateChange() {
    loadSample();
    configure(1'000'000, 1024, 0.01);
    TrainingController* c = m_window->controller();
    QSignalSpy epochs(c, &TrainingController::epochsAdded);
    m_window->startTraining();
    QVERIFY(epochs.wait(10'000));
    // As a user would: type into the learning-rate box and press Enter.
    QLineEdit* box = m_window->hyperparameters()->learningRate()->editor();
    box->selectAll();
    QTest::keyClicks(box, QStringLiteral("0.05"));
    QTest::keyClick(box, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(c->history().back().learningRate == 0.05, 10'000);
    m_window->stopTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, 10'000);

    const auto& history = c->history();
    bool changed = false;
    for (std::size_t i = 0; i < history.size(); ++i) {
        QVERIFY2(history[i].epoch == static_cast<int>(i + 1), "the epoch count was reset");
        if (history[i].learningRate == 0.05)
            changed = true;
        else
            QVERIFY2(!changed, "the old rate came back after the change");
    }
    QVERIFY2(history.front().learningRate == 0.01, "the first epochs did not use the old rate");
    QCOMPARE(m_window->costChart()->markerCount(), 1);
}

void tst_MainWindow::structuralChangeOffersRestart() {
    loadSample();
    configure(1'000'000, 0);
    m_window->startTraining();
    QLineEdit* hidden = m_window->hyperparameters()->hiddenLayers();
    hidden->setText(QStringLiteral("32, 16"));
    emit hidden->editingFinished();
    RestartBanner* banner = m_window->restartBanner();
    QVERIFY2(banner->isVisible(), "no restart banner after changing the hidden layers");
    QVERIFY2(banner->text().contains("hidden layers"), qPrintable(banner->text()));
    QSignalSpy started(m_window->controller(), &TrainingController::runStarted);
    emit banner->restartRequested();
    QVERIFY(started.wait(10'000));
    QCOMPARE(started.at(0).at(1).toBool(), false);  // a fresh run, not a continuation
    m_window->stopTraining();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->state() == TrainingController::State::Idle,
                             10'000);
    QCOMPARE(m_window->controller()->model()->config.hidden, (std::vector<int>{32, 16}));
}

void tst_MainWindow::pauseResumeStop() {
    loadSample();
    configure(1'000'000, 0);
    TrainingController* c = m_window->controller();
    QSignalSpy epochs(c, &TrainingController::epochsAdded);
    QSignalSpy results(c, &TrainingController::resultAvailable);
    // The thread's queued signals reach the window in the order they were sent: when `resumed`
    // arrives, so has every update sent while paused.
    qsizetype updatesAtResume = -1;
    const QObject receiver;  // ends the connection with this function
    connect(c->thread(), &TrainingThread::resumed, &receiver,
            [&] { updatesAtResume = epochs.size(); });
    m_window->startTraining();
    QVERIFY(epochs.wait(30'000));
    m_window->togglePause();
    QVERIFY2(results.wait(30'000), "no snapshot on pause");
    QVERIFY2(!results.at(0).at(0).value<TrainingResultPtr>()->final, "the snapshot is final");
    const std::size_t pausedAt = c->history().size();
    epochs.clear();  // the snapshot was sent after the pause's last update
    m_window->togglePause();
    QVERIFY2(epochs.wait(30'000), "resume did not continue");
    QCOMPARE(updatesAtResume, 0);
    QCOMPARE(c->history()[pausedAt].epoch, static_cast<int>(pausedAt + 1));

    // Stopped while paused, the run ends where it paused.
    m_window->togglePause();
    QVERIFY2(results.wait(30'000), "no snapshot on the second pause");
    const std::size_t stoppedAt = c->history().size();
    m_window->stopTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, 30'000);
    QVERIFY2(c->thread()->wait(30'000), "the thread did not end after stop");
    QCOMPARE(c->history().size(), stoppedAt);
    QVERIFY(results.last().at(0).value<TrainingResultPtr>()->final);
}

// One UI update per delivery of the training thread, whose throttle runs on simulated time here:
// each epoch "takes" epochMs (see tst_training_thread's throttlesDelivery for the rule).
void tst_MainWindow::uiUpdatesAreThrottled_data() {
    QTest::addColumn<int>("epochs");
    QTest::addColumn<int>("epochMs");
    QTest::addColumn<int>("updates");
    QTest::newRow("no time passes") << 200 << 0 << 2;  // the first epoch, then the rest at the end
    QTest::newRow("11 ms epochs") << 10 << 11 << 4;
    QTest::newRow("33 ms epochs") << 5 << 33 << 5;
}

void tst_MainWindow::uiUpdatesAreThrottled() {
    QFETCH(int, epochs);
    QFETCH(int, epochMs);
    QFETCH(int, updates);
    loadSample();
    configure(epochs, 0);
    TrainingController* c = m_window->controller();
    const test::ManualClock clock{std::chrono::milliseconds(epochMs)};
    c->thread()->setClock(clock.clock());
    QSignalSpy added(c, &TrainingController::epochsAdded);
    m_window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, 30'000);
    // `updates` is the most the clock allows; a delivery the window has not handled yet makes
    // the thread merge the next one into the one after (tst_training_behaviour), so there may
    // be fewer, but never fewer than the first epoch and the rest at the end.
    QVERIFY2(added.size() >= 2 && added.size() <= updates,
             qPrintable(QString::number(added.size())));
    QCOMPARE(c->history().size(), static_cast<std::size_t>(epochs));
}

// Closing mid-epoch ends the run (the thread stops by itself, before the window is destroyed
// and joins it) and leaves no result to wait for.
void tst_MainWindow::closingDuringTrainingIsPrompt() {
    loadSample();
    configure(1'000'000, 1);  // batch size 1: each epoch takes a long time
    TrainingController* c = m_window->controller();
    QSignalSpy started(c, &TrainingController::runStarted);
    m_window->startTraining();
    QVERIFY(started.wait(30'000));
    QVERIFY(c->isActive());
    m_window->close();
    QVERIFY(!c->isActive());
    QVERIFY2(c->thread()->wait(30'000), "closing did not end the training thread");
    m_window.reset();
}

QTEST_MAIN(tst_MainWindow)
#include "tst_main_window.moc"
