// The main window's training behaviour across runs (issue #14): Start after a finished run says
// it continues, numbers its epochs on, and the diagnosis does not take the continued weights
// for an initialisation; the pause shortcut leaves editors their keys and the Pause action's
// text follows what the thread did; and Close and Stop end a fast run at once however far the
// window has fallen behind, because the thread never queues more than one unhandled delivery; a
// Start uses the column kinds inferred on loading instead of inferring them again. Time is
// simulated (manual_clock.h) and epochs and deliveries are counted: nothing here depends on the
// speed of the machine.

#include <QAction>
#include <QFile>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "core/csv/csv_reader.h"
#include "core/data/column_kinds.h"
#include "tests/common/gui_test_setup.h"
#include "tests/common/manual_clock.h"
#include "ui/charts/cost_chart.h"
#include "ui/charts/health_chart.h"
#include "ui/data/csv_loader.h"
#include "ui/panels/diagnosis_panel.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/panels/results_panel.h"
#include "ui/training/training_controller.h"
#include "ui/window/main_window.h"

using namespace bps;
using namespace std::chrono_literals;

namespace {

constexpr int kLongWaitMs = 60'000;

// A few hundred rows of two features and a binary label: an epoch takes microseconds.
QString writeTinyCsv(const QTemporaryDir& dir) {
    const QString path = dir.filePath(QStringLiteral("tiny.csv"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return {};
    file.write("x1,x2,label\n");
    for (int i = 0; i < 300; ++i) {
        const double x1 = (i % 17) / 17.0, x2 = (i % 23) / 23.0;
        file.write(QStringLiteral("%1,%2,%3\n").arg(x1).arg(x2).arg(x1 + x2 > 1 ? 1 : 0).toUtf8());
    }
    return path;
}

// Waits without processing events (the window is "busy") until `done`; false after a minute.
template <typename Done>
bool waitWithoutEvents(Done done) {
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

}  // namespace

class tst_TrainingBehaviour : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void continuedRunIsNoInitialisation();
    void continuedRunNumbersItsEpochsOn();
    void spaceInAFocusedSpinBoxIsTheBoxs();
    void pauseActionFollowsTheThread();
    void closeEndsAFastRunAtOnce();
    void stopEndsAFastRunAtOnce();
    void openingAnotherFileEndsTheRun();
    void startUsesTheKindsInferredOnLoading();

private:
    void loadTiny();
    void configure(int epochs);
    QAction* action(const char* name) const;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
    QString m_tiny;
};

void tst_TrainingBehaviour::initTestCase() {
    test::useTestSettings(QStringLiteral("tst_training_behaviour"));
    QVERIFY(m_dir.isValid());
    m_tiny = writeTinyCsv(m_dir);
    QVERIFY(!m_tiny.isEmpty());
}

void tst_TrainingBehaviour::init() {
    m_window = test::shownMainWindow();
    QVERIFY(m_window);
    loadTiny();
}

void tst_TrainingBehaviour::cleanup() { m_window.reset(); }

void tst_TrainingBehaviour::loadTiny() {
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(m_tiny);
    QVERIFY2(loaded.wait(10'000), "the tiny table did not load");
}

void tst_TrainingBehaviour::configure(int epochs) {
    TrainingConfig c;
    c.epochs = epochs;
    c.live.batchSize = 0;
    m_window->hyperparameters()->setConfig(c);
}

QAction* tst_TrainingBehaviour::action(const char* name) const {
    return m_window->findChild<QAction*>(QString::fromLatin1(name));
}

// Weights that grew in an earlier run (here: a finished run's weights made 100 times larger,
// as a long run at a high rate does) are not a "large initialisation" when Start continues
// from them; Start says it continues, and Reset Weights makes it start afresh again.
void tst_TrainingBehaviour::continuedRunIsNoInitialisation() {
    configure(5);
    TrainingController* c = m_window->controller();
    QAction* start = action("startAction");
    QVERIFY(start);
    QCOMPARE(start->text(), QStringLiteral("&Start"));
    m_window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, kLongWaitMs);
    QVERIFY(c->model());
    QCOMPARE(start->text(), QStringLiteral("&Continue"));

    Model grown = *c->model();
    for (DenseLayer& layer : grown.layers) layer.weights *= 100;
    c->setModel(std::make_shared<const Model>(grown));
    QCOMPARE(start->text(), QStringLiteral("&Continue"));
    QSignalSpy diagnosed(c, &TrainingController::diagnosisUpdated);
    m_window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, kLongWaitMs);
    QVERIFY(!diagnosed.isEmpty());
    const QStringList codes = m_window->diagnosisPanel()->codes();
    QVERIFY2(!codes.contains("large_initialisation"), qPrintable(codes.join(", ")));

    m_window->resetWeights();
    QCOMPARE(start->text(), QStringLiteral("&Start"));
}

// Start after a finished run continues the curve: its epochs and seconds are numbered on from
// the first run's (the controller shifts the second run's reports before the views see them).
void tst_TrainingBehaviour::continuedRunNumbersItsEpochsOn() {
    configure(40);
    TrainingController* c = m_window->controller();
    m_window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, kLongWaitMs);
    QCOMPARE(c->history().size(), std::size_t{40});
    m_window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, kLongWaitMs);
    QCOMPARE(c->history().size(), std::size_t{80});
    for (std::size_t i = 0; i < 80; ++i) QCOMPARE(c->history()[i].epoch, int(i + 1));
    QVERIFY(c->history()[40].seconds >= c->history()[39].seconds);
    QCOMPARE(c->lastReport().epoch, 80);
    QVERIFY(c->lastReport().layers.size() >= 2);  // hidden and output: the health is there
    QCOMPARE(int(c->lastReport().layers.size()), m_window->healthCharts()->layerCount());
    QCOMPARE(m_window->healthCharts()->epochCount(), std::size_t{80});
    QCOMPARE(m_window->costChart()->trainSeries()->count(), 80);
}

// Space typed into a focused spin box stays the box's: it neither pauses the run nor blanks
// the box. The Pause shortcut is one no editor uses, and it works from the same box.
void tst_TrainingBehaviour::spaceInAFocusedSpinBoxIsTheBoxs() {
    configure(1'000'000);
    TrainingController* c = m_window->controller();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Running, kLongWaitMs);
    QSpinBox* box = m_window->hyperparameters()->batchSize();  // live, so enabled while training
    box->setFocus();
    QTRY_VERIFY(box->hasFocus());
    box->setValue(32);
    const QString before = box->text();
    QTest::keyClick(box, Qt::Key_Space);
    QVERIFY2(!c->pauseRequested(), "Space paused the run");
    QCOMPARE(c->state(), TrainingController::State::Running);
    QVERIFY2(!box->text().trimmed().isEmpty(), "Space blanked the spin box");
    QCOMPARE(box->text().trimmed(), before);
    QCOMPARE(box->value(), 32);

    QTest::keyClick(box, Qt::Key_P, Qt::ControlModifier);
    QVERIFY2(c->pauseRequested() || c->state() == TrainingController::State::Paused,
             "Ctrl+P did not pause");
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Paused, kLongWaitMs);
    m_window->stopTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, kLongWaitMs);
}

// The action reads "Resume" only once the thread has paused, and "Pause" again once it goes on:
// the state comes from the thread's paused and resumed signals, which arrive queued, so right
// after a click the old state is still in force.
void tst_TrainingBehaviour::pauseActionFollowsTheThread() {
    configure(1'000'000);
    TrainingController* c = m_window->controller();
    QAction* pause = action("pauseAction");
    QVERIFY(pause);
    m_window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Running, kLongWaitMs);
    QCOMPARE(pause->text(), QStringLiteral("&Pause"));

    m_window->togglePause();
    QCOMPARE(c->state(), TrainingController::State::Running);  // asked, not yet done
    QCOMPARE(pause->text(), QStringLiteral("&Pause"));
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Paused, kLongWaitMs);
    QVERIFY(c->thread()->isPaused());
    QCOMPARE(pause->text(), QStringLiteral("&Resume"));

    m_window->togglePause();
    QCOMPARE(c->state(), TrainingController::State::Paused);
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Running, kLongWaitMs);
    QCOMPARE(pause->text(), QStringLiteral("&Pause"));

    m_window->stopTraining();
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, kLongWaitMs);
    QCOMPARE(pause->text(), QStringLiteral("&Pause"));
    QVERIFY(!pause->isEnabled());
}

// A fast run while the window handles no events (a GUI thread starved by the load): the thread
// trains on but sends at most one delivery the window has not handled, so nothing piles up in
// front of the close; closing then ends the run within the epoch under way.
void tst_TrainingBehaviour::closeEndsAFastRunAtOnce() {
    configure(1'000'000);
    TrainingController* c = m_window->controller();
    const test::ManualClock clock{33ms};  // without back-pressure, every epoch is delivered
    c->thread()->setClock(clock.clock());
    std::atomic<int> deliveries{0};
    connect(
        c->thread(), &TrainingThread::epochsAvailable, c->thread(), [&] { ++deliveries; },
        Qt::DirectConnection);
    QSignalSpy started(c, &TrainingController::runStarted);
    m_window->startTraining();
    QVERIFY(started.wait(kLongWaitMs));

    const int deliveredBefore = deliveries.load();
    const std::int64_t epochsBefore = clock.readings();
    QVERIFY2(waitWithoutEvents([&] { return clock.readings() >= epochsBefore + 300; }),
             "the run did not go on");
    const int queued = deliveries.load() - deliveredBefore;
    QVERIFY2(queued <= 1, qPrintable(QStringLiteral("%1 deliveries queued for 300 epochs while "
                                                    "the window was busy")
                                         .arg(queued)));

    m_window->close();
    const std::int64_t atClose = clock.readings();
    QVERIFY(!c->isActive());
    QVERIFY2(c->thread()->wait(kLongWaitMs), "closing did not end the training thread");
    QVERIFY2(clock.readings() - atClose <= 1,
             qPrintable(QStringLiteral("%1 epochs after close").arg(clock.readings() - atClose)));
}

// Stop likewise: the run ends within the epoch under way, and its final result is the next
// thing the window handles after at most one pending delivery.
void tst_TrainingBehaviour::stopEndsAFastRunAtOnce() {
    configure(1'000'000);
    TrainingController* c = m_window->controller();
    const test::ManualClock clock{33ms};
    c->thread()->setClock(clock.clock());
    std::atomic<int> deliveries{0};
    connect(
        c->thread(), &TrainingThread::epochsAvailable, c->thread(), [&] { ++deliveries; },
        Qt::DirectConnection);
    QSignalSpy started(c, &TrainingController::runStarted);
    QSignalSpy results(c, &TrainingController::resultAvailable);
    m_window->startTraining();
    QVERIFY(started.wait(kLongWaitMs));

    const std::int64_t epochsBefore = clock.readings();
    QVERIFY(waitWithoutEvents([&] { return clock.readings() >= epochsBefore + 300; }));
    m_window->stopTraining();
    const std::int64_t atStop = clock.readings();
    const int deliveredAtStop = deliveries.load();
    // With no further request, run() returns once the run has ended.
    QVERIFY2(c->thread()->wait(kLongWaitMs), "stop did not end the run");
    QVERIFY2(clock.readings() - atStop <= 1,
             qPrintable(QStringLiteral("%1 epochs after stop").arg(clock.readings() - atStop)));
    QTRY_VERIFY_WITH_TIMEOUT(!results.isEmpty(), kLongWaitMs);
    QVERIFY(results.last().at(0).value<TrainingResultPtr>()->final);
    QCOMPARE(c->state(), TrainingController::State::Idle);
    // The stop's own flush is the only delivery after it.
    QVERIFY2(deliveries.load() - deliveredAtStop <= 1,
             qPrintable(QString::number(deliveries.load() - deliveredAtStop)));
}

// Opening another file while a fast run trains ends the run at once, like Stop, and the run's
// result (of the previous data) is not shown as the new data's.
void tst_TrainingBehaviour::openingAnotherFileEndsTheRun() {
    configure(1'000'000);
    TrainingController* c = m_window->controller();
    const test::ManualClock clock{33ms};
    c->thread()->setClock(clock.clock());
    QSignalSpy started(c, &TrainingController::runStarted);
    QSignalSpy results(c, &TrainingController::resultAvailable);
    m_window->startTraining();
    QVERIFY(started.wait(kLongWaitMs));
    const std::int64_t epochsBefore = clock.readings();
    QVERIFY(waitWithoutEvents([&] { return clock.readings() >= epochsBefore + 50; }));

    const QString other = m_dir.filePath(QStringLiteral("other.csv"));
    QVERIFY(QFile::copy(m_tiny, other));
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(other);
    QVERIFY(loaded.wait(10'000));
    const std::int64_t atLoad = clock.readings();
    QVERIFY2(c->thread()->wait(kLongWaitMs), "opening a file did not end the run");
    QVERIFY2(clock.readings() - atLoad <= 1,
             qPrintable(QStringLiteral("%1 epochs after the load").arg(clock.readings() - atLoad)));
    QTRY_VERIFY_WITH_TIMEOUT(
        !results.isEmpty() && results.last().at(0).value<TrainingResultPtr>()->final, kLongWaitMs);
    QCOMPARE(c->state(), TrainingController::State::Idle);
    QVERIFY2(!m_window->resultsPanel()->result(),
             "the previous data's result is shown for the new file");
}

QTEST_MAIN(tst_TrainingBehaviour)
// A Start prepares its data set with the kinds the loader inferred (LoadedData::kinds) rather
// than inferring them again: a numeric column they call categorical is one-hot encoded (one
// input per level), where inferring afresh would keep it one numeric input.
void tst_TrainingBehaviour::startUsesTheKindsInferredOnLoading() {
    auto data = std::make_shared<LoadedData>();
    data->path = m_tiny;
    data->displayName = QStringLiteral("tiny.csv");
    data->table = readCsvFile(data->path.toStdString());
    data->kinds = inferColumnKinds(data->table);
    QCOMPARE(data->kinds.at(1).kind, ColumnKind::Numeric);  // x2, as inferred
    data->kinds.at(1).kind = ColumnKind::Categorical;
    TrainingController controller;
    QSignalSpy results(&controller, &TrainingController::resultAvailable);
    DataSelection selection;
    selection.target = "label";
    selection.features = {"x1", "x2"};
    TrainingConfig config;
    config.epochs = 2;
    QCOMPARE(controller.start(data, selection, config), QString());
    QTRY_VERIFY_WITH_TIMEOUT(controller.state() == TrainingController::State::Idle, kLongWaitMs);
    QVERIFY(!results.isEmpty());
    QVERIFY(controller.model());
    const Model& model = *controller.model();
    QCOMPARE(model.features, (std::vector<std::string>{"x1", "x2"}));
    QVERIFY2(model.preprocessing && model.preprocessing->inputNames().size() > 2,
             "x2 was not encoded as the kinds given say");
}

#include "tst_training_behaviour.moc"
