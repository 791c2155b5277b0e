// TrainingThread on the HTRU2 sample: throttled delivery, live hyperparameters at the next epoch
// without a reset, pause / resume / stop, superseded runs and the join on destruction. Time is
// simulated (tests/common/manual_clock.h) and events are counted, so every assertion holds
// exactly however fast or loaded the machine is; waits are only ever for something to happen.

#include <QtTest>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

#include "core/csv/csv_reader.h"
#include "tests/common/manual_clock.h"
#include "tests/common/queued_handover.h"
#include "ui/training/training_thread.h"

using namespace bps;
using namespace bps::test;
using namespace std::chrono_literals;

namespace {

// Generous limits for waiting *for* something (a sanitizer build is ten times slower).
constexpr int kLongWaitMs = 60'000;

// A clock whose first reading holds the training thread until release(): to the locks that
// reading is the middle of an epoch that lasts as long as the test likes. It lets go by itself
// after a minute, so a call that wrongly waits for training fails the test instead of hanging it.
class ParkingClock {
public:
    Clock clock() const {
        return [state = m_state] {
            std::unique_lock lock(state->mutex);
            if (!state->used) {
                state->used = true;
                state->parked = true;
                state->changed.notify_all();
                state->changed.wait_for(lock, 60s, [&] { return state->released; });
                state->parked = false;
            }
            return SteadyTime(1h);  // frozen: only the first epoch and the last flush deliver
        };
    }
    bool waitUntilParked() const {
        std::unique_lock lock(m_state->mutex);
        return m_state->changed.wait_for(lock, 60s, [&] { return m_state->parked; });
    }
    bool isParked() const {
        const std::lock_guard lock(m_state->mutex);
        return m_state->parked;
    }
    void release() const {
        const std::lock_guard lock(m_state->mutex);
        m_state->released = true;
        m_state->changed.notify_all();
    }

private:
    struct State {
        std::mutex mutex;
        std::condition_variable changed;
        bool used = false, parked = false, released = false;
    };
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

}  // namespace

// QSignalSpy records direct calls without a lock, so it must not watch another thread's signals.
// The relay lives in the test's thread: its signals arrive queued, and the spies watch those.
// Queued signals arrive in the order they were sent, so whatever the thread sent before one the
// test waits for has arrived with it. The emissions are bracketed for ThreadSanitizer
// (queued_handover.h).
class Relay : public QueuedReceiver {
    Q_OBJECT
public:
    explicit Relay(TrainingThread* thread) {
        bracketEmissions(
            thread,
            [&] {
                connect(thread, &TrainingThread::trainingStarted, this, &Relay::trainingStarted);
                connect(thread, &TrainingThread::epochsAvailable, this, &Relay::epochsAvailable);
                connect(thread, &TrainingThread::paused, this, &Relay::paused);
                connect(thread, &TrainingThread::resumed, this, &Relay::resumed);
                connect(thread, &TrainingThread::snapshotReady, this, &Relay::snapshotReady);
                connect(thread, &TrainingThread::trainingFinished, this, &Relay::trainingFinished);
                connect(thread, &TrainingThread::trainingFailed, this, &Relay::trainingFailed);
            },
            &TrainingThread::trainingStarted, &TrainingThread::epochsAvailable,
            &TrainingThread::paused, &TrainingThread::resumed, &TrainingThread::snapshotReady,
            &TrainingThread::trainingFinished, &TrainingThread::trainingFailed);
    }
signals:
    void trainingStarted(const bps::TrainingStart& start);
    void epochsAvailable(int runId, const QList<bps::EpochReport>& reports,
                         const bps::HealthBatchPtr& health);
    void paused(int runId);
    void resumed(int runId);
    void snapshotReady(bps::TrainingResultPtr result);
    void trainingFinished(bps::TrainingResultPtr result);
    void trainingFailed(int runId, const QString& message);
};

class tst_TrainingThread : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void throttlesDelivery_data();
    void throttlesDelivery();
    void pausedThreadDeliversNothing_data();
    void pausedThreadDeliversNothing();
    void liveLearningRateAtNextEpoch();
    void pauseResumeStop();
    void stopWhilePausedTrainsNoFurther();
    void stopBetweenEpochsTrainsNoFurther();
    void callsDoNotWaitForTraining();
    void newRequestSupersedesRun();
    void badSelectionFails();
    void divergedRunWithNaNOutputsFinishes();
    void destructorEndsTheRunWithinAnEpoch();

private:
    TrainingRequest request(int epochs, int batchSize) const;
    static QList<EpochReport> reportsOf(const QSignalSpy& spy);
    // The number of reports in each delivery, in order.
    static QList<int> sizesOf(const QSignalSpy& spy, qsizetype from = 0);
    // The reports' epochs are 1, 2, ..., n: none lost, repeated or reordered.
    static bool consecutive(const QList<EpochReport>& reports);
    std::shared_ptr<const CsvTable> m_table;
};

void tst_TrainingThread::initTestCase() {
    m_table = std::make_shared<const CsvTable>(readCsvFile(BPS_SAMPLE_CSV));
    QVERIFY2(m_table->rows > 17000, "the HTRU2 sample did not load");
}

TrainingRequest tst_TrainingThread::request(int epochs, int batchSize) const {
    TrainingRequest r;
    r.table = m_table;
    r.selection.target = "Class";
    r.config.epochs = epochs;
    r.config.hidden = {8};
    r.config.live.batchSize = batchSize;
    return r;
}

QList<EpochReport> tst_TrainingThread::reportsOf(const QSignalSpy& spy) {
    QList<EpochReport> all;
    for (const QList<QVariant>& args : spy) all += args.at(1).value<QList<EpochReport>>();
    return all;
}

QList<int> tst_TrainingThread::sizesOf(const QSignalSpy& spy, qsizetype from) {
    QList<int> sizes;
    for (qsizetype i = from; i < spy.size(); ++i)
        sizes << static_cast<int>(spy.at(i).at(1).value<QList<EpochReport>>().size());
    return sizes;
}

bool tst_TrainingThread::consecutive(const QList<EpochReport>& reports) {
    for (qsizetype i = 0; i < reports.size(); ++i)
        if (reports[i].epoch != i + 1) return false;
    return true;
}

// At most one delivery per 33 ms of (simulated) time, the first epoch at once, the rest flushed
// at the end: each epoch "takes" `epochMs`, because the thread reads its clock once per epoch.
void tst_TrainingThread::throttlesDelivery_data() {
    QTest::addColumn<int>("epochs");
    QTest::addColumn<int>("epochMs");
    QTest::addColumn<QList<int>>("sizes");
    QTest::newRow("one epoch") << 1 << 0 << QList<int>{1};
    QTest::newRow("no time passes") << 50 << 0 << QList<int>{1, 49};
    // Readings at 0, 11, 22, 33 | 44, 55, 66 | 77, 88, 99 ms.
    QTest::newRow("11 ms epochs") << 10 << 11 << QList<int>{1, 3, 3, 3};
    // Readings at 0 | 32, 64 | 96, 128 | 160 (flushed at the end).
    QTest::newRow("32 ms epochs") << 6 << 32 << QList<int>{1, 2, 2, 1};
    QTest::newRow("33 ms epochs") << 5 << 33 << QList<int>{1, 1, 1, 1, 1};
    QTest::newRow("1 s epochs") << 3 << 1000 << QList<int>{1, 1, 1};
}

void tst_TrainingThread::throttlesDelivery() {
    QFETCH(int, epochs);
    QFETCH(int, epochMs);
    QFETCH(QList<int>, sizes);
    const ManualClock clock{std::chrono::milliseconds(epochMs)};
    TrainingThread thread;
    thread.setClock(clock.clock());
    Relay relay(&thread);
    QSignalSpy delivered(&relay, &Relay::epochsAvailable);
    QSignalSpy finished(&relay, &Relay::trainingFinished);
    thread.startTraining(request(epochs, 0));
    QVERIFY2(finished.wait(kLongWaitMs), "no final result");
    // Every delivery was sent before the final result, so all of them are here.
    QCOMPARE(sizesOf(delivered), sizes);
    QVERIFY(consecutive(reportsOf(delivered)));
    // Scalars only, each report's layers (hidden and output) flat in the delivery's HealthBatch.
    for (const QList<QVariant>& args : delivered) {
        const auto reports = args.at(1).value<QList<EpochReport>>();
        const auto health = args.at(2).value<HealthBatchPtr>();
        QCOMPARE(health->epochs(), std::size_t(reports.size()));
        for (std::size_t e = 0; e < health->epochs(); ++e) {
            QVERIFY(reports[qsizetype(e)].layers.empty() && health->epoch(e).size() == 2);
            QVERIFY(health->epoch(e)[0].gradientNorm > 0);
        }
    }
    QCOMPARE(clock.readings(), std::int64_t(epochs));  // what makes epochMs an epoch's duration
    QCOMPARE(finished.at(0).at(0).value<TrainingResultPtr>()->epoch, epochs);
}

// Paused, the thread delivers nothing however much simulated time passes; on resume the clock
// decides, as ever, whether the next epoch goes out at once or waits for the rest.
void tst_TrainingThread::pausedThreadDeliversNothing_data() {
    QTest::addColumn<int>("pausedMs");
    QTest::addColumn<QList<int>>("sizesAfterResume");
    QTest::newRow("no time") << 0 << QList<int>{10};
    QTest::newRow("32 ms") << 32 << QList<int>{10};
    QTest::newRow("33 ms") << 33 << QList<int>{1, 9};
    QTest::newRow("10 s") << 10'000 << QList<int>{1, 9};
}

void tst_TrainingThread::pausedThreadDeliversNothing() {
    QFETCH(int, pausedMs);
    QFETCH(QList<int>, sizesAfterResume);
    ManualClock clock;  // stands still unless advanced
    TrainingThread thread;
    thread.setClock(clock.clock());
    Relay relay(&thread);
    QSignalSpy delivered(&relay, &Relay::epochsAvailable);
    QSignalSpy paused(&relay, &Relay::paused);
    QSignalSpy snapshots(&relay, &Relay::snapshotReady);
    QSignalSpy finished(&relay, &Relay::trainingFinished);
    qsizetype deliveredAtResume = -1;
    connect(&relay, &Relay::resumed, this, [&] { deliveredAtResume = delivered.size(); });
    thread.startTraining(request(1'000'000, 0));
    QVERIFY2(delivered.wait(kLongWaitMs), "no epochs arrived");
    QCOMPARE(sizesOf(delivered), QList<int>{1});  // the first epoch, at once

    thread.pause();
    QVERIFY2(paused.wait(kLongWaitMs), "the thread did not pause");
    // The pause flushed what was pending (nothing if it came right after epoch 1).
    const int pausedAt = snapshots.at(0).at(0).value<TrainingResultPtr>()->epoch;
    QCOMPARE(delivered.size(), pausedAt == 1 ? 1 : 2);
    QCOMPARE(reportsOf(delivered).size(), pausedAt);
    QCOMPARE(clock.readings(), std::int64_t(pausedAt));
    const qsizetype deliveredAtPause = delivered.size();

    clock.advance(std::chrono::milliseconds(pausedMs));
    thread.setEpochLimit(pausedAt + 10);
    thread.resume();
    QVERIFY2(finished.wait(kLongWaitMs), "no final result after resume");
    // `resumed` was sent after anything sent while paused, and before the next epoch.
    QCOMPARE(deliveredAtResume, deliveredAtPause);
    QCOMPARE(sizesOf(delivered, deliveredAtPause), sizesAfterResume);
    QVERIFY(consecutive(reportsOf(delivered)));
    const auto result = finished.at(0).at(0).value<TrainingResultPtr>();
    QCOMPARE(result->epoch, pausedAt + 10);
    QCOMPARE(result->reason, StopReason::Completed);
}

void tst_TrainingThread::liveLearningRateAtNextEpoch() {
    TrainingThread thread;
    Relay relay(&thread);
    QSignalSpy epochs(&relay, &Relay::epochsAvailable);
    QSignalSpy finished(&relay, &Relay::trainingFinished);
    TrainingRequest r = request(1'000'000, 1024);
    r.config.live.learningRate = 0.01;
    thread.startTraining(r);
    QVERIFY(epochs.wait(kLongWaitMs));
    LiveHyperparameters live = r.config.live;
    live.learningRate = 0.05;
    live.batchSize = 512;
    thread.setLive(live);
    QTRY_VERIFY_WITH_TIMEOUT(reportsOf(epochs).back().learningRate == 0.05, kLongWaitMs);
    thread.stop();
    QVERIFY(finished.wait(kLongWaitMs));

    const QList<EpochReport> all = reportsOf(epochs);
    int firstNew = -1;
    for (qsizetype i = 0; i < all.size(); ++i) {
        QVERIFY2(all[i].epoch == i + 1,
                 qPrintable(QStringLiteral("epoch %1 reported as %2: the count was reset")
                                .arg(i + 1)
                                .arg(all[i].epoch)));
        if (firstNew < 0 && all[i].learningRate == 0.05) firstNew = static_cast<int>(i);
        if (firstNew >= 0)
            QVERIFY2(all[i].learningRate == 0.05 && all[i].live.batchSize == 512,
                     "an epoch after the change used the old values");
    }
    QVERIFY2(firstNew > 0, "the change applied before any epoch ran with the old rate");
    QCOMPARE(all[firstNew - 1].learningRate, 0.01);
}

void tst_TrainingThread::pauseResumeStop() {
    TrainingThread thread;
    Relay relay(&thread);
    QSignalSpy epochs(&relay, &Relay::epochsAvailable);
    QSignalSpy paused(&relay, &Relay::paused);
    QSignalSpy snapshots(&relay, &Relay::snapshotReady);
    QSignalSpy finished(&relay, &Relay::trainingFinished);
    thread.startTraining(request(1'000'000, 0));
    QVERIFY(epochs.wait(kLongWaitMs));

    thread.pause();
    QVERIFY2(paused.wait(kLongWaitMs), "the thread did not pause");
    QCOMPARE(snapshots.size(), 1);
    const auto snapshot = snapshots.at(0).at(0).value<TrainingResultPtr>();
    QVERIFY2(snapshot && !snapshot->final && snapshot->validationOutputs.rows() > 0,
             "the pause snapshot has no validation outputs");
    QVERIFY(thread.isPaused());
    const qsizetype beforeResume = epochs.size();

    thread.resume();
    QVERIFY2(epochs.wait(kLongWaitMs), "no epochs after resume");
    const int resumedAt = epochs.at(beforeResume).at(1).value<QList<EpochReport>>().front().epoch;
    QCOMPARE(resumedAt, snapshot->epoch + 1);  // continued, not started over

    thread.stop();
    QVERIFY2(finished.wait(kLongWaitMs), "no final result after stop");
    QVERIFY2(thread.wait(kLongWaitMs), "stop did not end the thread");
    const auto result = finished.at(0).at(0).value<TrainingResultPtr>();
    QCOMPARE(result->reason, StopReason::Stopped);
    QVERIFY(result->final);
    QCOMPARE(result->epoch, reportsOf(epochs).back().epoch);  // every epoch was delivered
}

// Stopped while paused, the run ends at the epoch it paused after: not one epoch more.
void tst_TrainingThread::stopWhilePausedTrainsNoFurther() {
    TrainingThread thread;
    Relay relay(&thread);
    QSignalSpy epochs(&relay, &Relay::epochsAvailable);
    QSignalSpy paused(&relay, &Relay::paused);
    QSignalSpy snapshots(&relay, &Relay::snapshotReady);
    QSignalSpy finished(&relay, &Relay::trainingFinished);
    thread.startTraining(request(1'000'000, 0));
    QVERIFY(epochs.wait(kLongWaitMs));
    thread.pause();
    QVERIFY2(paused.wait(kLongWaitMs), "the thread did not pause");
    const int pausedAt = snapshots.at(0).at(0).value<TrainingResultPtr>()->epoch;

    thread.stop();
    QVERIFY2(finished.wait(kLongWaitMs), "no final result after stop");
    QVERIFY2(thread.wait(kLongWaitMs), "stop did not end the thread");
    const auto result = finished.at(0).at(0).value<TrainingResultPtr>();
    QCOMPARE(result->reason, StopReason::Stopped);
    QCOMPARE(result->epoch, pausedAt);
    QCOMPARE(reportsOf(epochs).size(), pausedAt);
}

// A stop that arrives between two epochs (here from a slot run by the training thread itself
// as it delivers epoch 3, so the moment is exact) ends the run before another epoch starts.
void tst_TrainingThread::stopBetweenEpochsTrainsNoFurther() {
    const ManualClock clock{33ms};  // every epoch is delivered as it ends
    TrainingThread thread;
    thread.setClock(clock.clock());
    Relay relay(&thread);
    QSignalSpy epochs(&relay, &Relay::epochsAvailable);
    QSignalSpy finished(&relay, &Relay::trainingFinished);
    std::atomic<int> stoppedAfter{0};
    connect(
        &thread, &TrainingThread::epochsAvailable, &thread,
        [&](int, const QList<EpochReport>& reports) {
            if (reports.back().epoch == 3) {
                stoppedAfter = 3;
                thread.stop();
            }
        },
        Qt::DirectConnection);
    thread.startTraining(request(1'000'000, 0));
    QVERIFY2(finished.wait(kLongWaitMs), "no final result after stop");
    QCOMPARE(stoppedAfter.load(), 3);
    const auto result = finished.at(0).at(0).value<TrainingResultPtr>();
    QCOMPARE(result->reason, StopReason::Stopped);
    QCOMPARE(result->epoch, 3);
    QCOMPARE(reportsOf(epochs).size(), 3);
    QCOMPARE(clock.readings(), std::int64_t(3));
}

// No call waits for training: with the training thread held in the middle of its first epoch,
// every call returns while it is still held.
void tst_TrainingThread::callsDoNotWaitForTraining() {
    const ParkingClock clock;
    TrainingThread thread;
    thread.setClock(clock.clock());
    Relay relay(&thread);
    QSignalSpy started(&relay, &Relay::trainingStarted);
    QSignalSpy finished(&relay, &Relay::trainingFinished);
    thread.startTraining(request(1'000'000, 0));
    QVERIFY2(clock.waitUntilParked(), "the first epoch never ended");

    LiveHyperparameters live;
    live.learningRate = 0.05;
    thread.setLive(live);
    thread.setEpochLimit(5);
    thread.pause();
    QVERIFY(thread.isPaused());
    thread.resume();
    thread.stop();
    const int second = thread.startTraining(request(3, 0));
    QVERIFY2(clock.isParked(), "a call waited for the training thread");

    clock.release();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kLongWaitMs);
    QVERIFY(thread.wait(kLongWaitMs));
    // The stopped run was superseded before it ended, so only the second one has a result.
    QCOMPARE(started.size(), 2);
    QCOMPARE(finished.size(), 1);
    const auto result = finished.at(0).at(0).value<TrainingResultPtr>();
    QCOMPARE(result->runId, second);
    QCOMPARE(result->epoch, 3);
}

void tst_TrainingThread::newRequestSupersedesRun() {
    TrainingThread thread;
    Relay relay(&thread);
    QSignalSpy started(&relay, &Relay::trainingStarted);
    QSignalSpy finished(&relay, &Relay::trainingFinished);
    thread.startTraining(request(1'000'000, 0));
    QVERIFY(started.wait(kLongWaitMs));
    const int second = thread.startTraining(request(3, 0));
    QTRY_VERIFY_WITH_TIMEOUT(
        !finished.isEmpty() && finished.last().at(0).value<TrainingResultPtr>()->runId == second,
        kLongWaitMs);
    // A result of the superseded run would have been sent, and so have arrived, before this one.
    QCOMPARE(finished.size(), 1);
    const auto result = finished.at(0).at(0).value<TrainingResultPtr>();
    QCOMPARE(result->reason, StopReason::Completed);
    QCOMPARE(result->epoch, 3);
}

void tst_TrainingThread::badSelectionFails() {
    TrainingThread thread;
    Relay relay(&thread);
    QSignalSpy failed(&relay, &Relay::trainingFailed);
    TrainingRequest r = request(5, 0);
    r.selection.target = "NoSuchColumn";
    thread.startTraining(r);
    QVERIFY2(failed.wait(kLongWaitMs), "a bad target did not fail");
    QVERIFY2(failed.at(0).at(1).toString().contains("NoSuchColumn"),
             qPrintable(failed.at(0).at(1).toString()));
}

// Weights near the float limit make the network output NaN on many validation rows: the run
// diverges at once and its final result must still arrive (the ROC walk once hung on NaN here,
// and with it the thread, stop and closing the window).
void tst_TrainingThread::divergedRunWithNaNOutputsFinishes() {
    TrainingRequest r = request(5, 0);
    r.config.activation = Activation::Relu;  // unbounded: inf reaches the output layer
    Trainer probe(prepareDataset(*r.table, r.selection), r.config);
    auto start = std::make_shared<Model>(probe.model());
    start->layers[0].weights.setConstant(3e38);
    for (Eigen::Index j = 0; j < start->layers[1].weights.rows(); ++j)
        start->layers[1].weights(j, 0) = j % 2 ? -1.0 : 1.0;
    r.start = start;

    TrainingThread thread;
    Relay relay(&thread);
    QSignalSpy finished(&relay, &Relay::trainingFinished);
    thread.startTraining(r);
    QVERIFY2(finished.wait(kLongWaitMs), "no final result from a run whose outputs are NaN");
    const auto result = finished.at(0).at(0).value<TrainingResultPtr>();
    QCOMPARE(result->reason, StopReason::Diverged);
    QVERIFY(result->validationOutputs.array().isNaN().any());
    QVERIFY(result->model.validation && std::isnan(result->model.validation->rocAuc));
    QVERIFY(thread.wait(kLongWaitMs));
}

// Closing the window aborts the run (TrainingController::shutdown), then destroys the thread,
// which joins it: the thread trains at most the epoch it was in (cut short) and sends no result.
// Each epoch is delivered as it ends, so the epochs delivered are the epochs trained.
void tst_TrainingThread::destructorEndsTheRunWithinAnEpoch() {
    const ManualClock clock{33ms};
    auto thread = std::make_unique<TrainingThread>();
    thread->setClock(clock.clock());
    std::atomic<int> trained{0}, results{0};
    connect(
        thread.get(), &TrainingThread::epochsAvailable, thread.get(),
        [&](int, const QList<EpochReport>& reports) { trained += int(reports.size()); },
        Qt::DirectConnection);
    connect(
        thread.get(), &TrainingThread::trainingFinished, thread.get(), [&] { ++results; },
        Qt::DirectConnection);
    thread->startTraining(request(1'000'000, 1));  // batch size 1: a long epoch
    QTRY_VERIFY_WITH_TIMEOUT(trained.load() >= 2, kLongWaitMs);
    thread->abort();
    const int atAbort = trained.load();
    thread.reset();
    // The epoch under way when abort() came, if any, is the only one after it.
    QVERIFY2(trained.load() - atAbort <= 1,
             qPrintable(QStringLiteral("%1 epochs after abort()").arg(trained.load() - atAbort)));
    QCOMPARE(results.load(), 0);
}

QTEST_GUILESS_MAIN(tst_TrainingThread)
#include "tst_training_thread.moc"
