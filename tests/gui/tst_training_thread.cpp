// TrainingThread on the HTRU2 sample: throttled delivery, live hyperparameters at the next epoch
// without a reset, pause / resume / stop, superseded runs and a prompt join on destruction.

#include <QElapsedTimer>
#include <QtTest>
#include <memory>

#include "core/csv/csv_reader.h"
#include "tests/common/queued_handover.h"
#include "ui/training/training_thread.h"

using namespace bps;
using namespace bps::test;

// QSignalSpy records direct calls without a lock, so it must not watch another thread's signals.
// The relay lives in the test's thread: its signals arrive queued, and the spies watch those.
// The emissions are bracketed for ThreadSanitizer (queued_handover.h).
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
                connect(thread, &TrainingThread::snapshotReady, this, &Relay::snapshotReady);
                connect(thread, &TrainingThread::trainingFinished, this, &Relay::trainingFinished);
                connect(thread, &TrainingThread::trainingFailed, this, &Relay::trainingFailed);
            },
            &TrainingThread::trainingStarted, &TrainingThread::epochsAvailable,
            &TrainingThread::paused, &TrainingThread::snapshotReady,
            &TrainingThread::trainingFinished, &TrainingThread::trainingFailed);
    }
signals:
    void trainingStarted(const bps::TrainingStart& start);
    void epochsAvailable(int runId, const QList<bps::EpochReport>& reports);
    void paused(int runId);
    void snapshotReady(bps::TrainingResultPtr result);
    void trainingFinished(bps::TrainingResultPtr result);
    void trainingFailed(int runId, const QString& message);
};

class tst_TrainingThread : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void throttlesDelivery();
    void liveLearningRateAtNextEpoch();
    void pauseResumeStop();
    void newRequestSupersedesRun();
    void badSelectionFails();
    void divergedRunWithNaNOutputsFinishes();
    void destructorJoinsPromptly();

private:
    TrainingRequest request(int epochs, int batchSize) const;
    static QList<EpochReport> reportsOf(const QSignalSpy& spy);
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

void tst_TrainingThread::throttlesDelivery() {
    TrainingThread thread;
    Relay relay(&thread);
    QSignalSpy epochs(&relay, &Relay::epochsAvailable);
    QSignalSpy finished(&relay, &Relay::trainingFinished);
    // Full batch: hundreds of epochs per second, far more than the 30 deliveries allowed.
    thread.startTraining(request(1'000'000, 0));
    QVERIFY2(epochs.wait(10'000), "no epochs arrived");
    epochs.clear();
    QElapsedTimer clock;
    clock.start();
    QTest::qWait(1500);
    const double seconds = clock.elapsed() / 1000.0;
    const qsizetype deliveries = epochs.size();
    const qsizetype delivered = reportsOf(epochs).size();
    thread.stop();
    QVERIFY2(finished.wait(5000), "no final result after stop");
    const double perSecond = deliveries / seconds;
    QVERIFY2(perSecond <= 35,
             qPrintable(QStringLiteral("%1 deliveries per second").arg(perSecond)));
    // Faster than 60 epochs a second (always, unless under a sanitizer), batching must show.
    if (delivered > 60 * seconds)
        QVERIFY2(delivered > deliveries,
                 qPrintable(QStringLiteral("%1 epochs in %2 deliveries: nothing was batched")
                                .arg(delivered)
                                .arg(deliveries)));
}

void tst_TrainingThread::liveLearningRateAtNextEpoch() {
    TrainingThread thread;
    Relay relay(&thread);
    QSignalSpy epochs(&relay, &Relay::epochsAvailable);
    QSignalSpy finished(&relay, &Relay::trainingFinished);
    TrainingRequest r = request(1'000'000, 1024);
    r.config.live.learningRate = 0.01;
    thread.startTraining(r);
    QVERIFY(epochs.wait(10'000));
    LiveHyperparameters live = r.config.live;
    live.learningRate = 0.05;
    live.batchSize = 512;
    thread.setLive(live);
    QTRY_VERIFY_WITH_TIMEOUT(reportsOf(epochs).back().learningRate == 0.05, 10'000);
    thread.stop();
    QVERIFY(finished.wait(5000));

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
    QVERIFY(epochs.wait(10'000));

    thread.pause();
    QVERIFY2(paused.wait(5000), "the thread did not pause");
    QCOMPARE(snapshots.size(), 1);
    const auto snapshot = snapshots.at(0).at(0).value<TrainingResultPtr>();
    QVERIFY2(snapshot && !snapshot->final && snapshot->validationOutputs.rows() > 0,
             "the pause snapshot has no validation outputs");
    QCoreApplication::processEvents();
    epochs.clear();
    QTest::qWait(300);
    QVERIFY2(epochs.isEmpty(),
             qPrintable(QStringLiteral("%1 deliveries while paused").arg(epochs.size())));

    thread.resume();
    QVERIFY2(epochs.wait(5000), "no epochs after resume");
    const int resumedAt = reportsOf(epochs).front().epoch;
    QVERIFY2(resumedAt > snapshot->epoch, "resume started over instead of continuing");

    QElapsedTimer clock;
    clock.start();
    thread.stop();
    QVERIFY2(thread.wait(2000), "stop did not end the thread");
    QVERIFY2(clock.elapsed() < 2000, "stop took too long");
    QVERIFY2(finished.wait(2000), "no final result after stop");
    const auto result = finished.at(0).at(0).value<TrainingResultPtr>();
    QCOMPARE(result->reason, StopReason::Stopped);
    QVERIFY(result->final);
}

void tst_TrainingThread::newRequestSupersedesRun() {
    TrainingThread thread;
    Relay relay(&thread);
    QSignalSpy started(&relay, &Relay::trainingStarted);
    QSignalSpy finished(&relay, &Relay::trainingFinished);
    thread.startTraining(request(1'000'000, 0));
    QVERIFY(started.wait(10'000));
    const int second = thread.startTraining(request(3, 0));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10'000);
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);  // the superseded run delivers no result
    const auto result = finished.at(0).at(0).value<TrainingResultPtr>();
    QCOMPARE(result->runId, second);
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
    QVERIFY2(failed.wait(5000), "a bad target did not fail");
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
    QVERIFY2(finished.wait(10'000), "no final result from a run whose outputs are NaN");
    const auto result = finished.at(0).at(0).value<TrainingResultPtr>();
    QCOMPARE(result->reason, StopReason::Diverged);
    QVERIFY(result->validationOutputs.array().isNaN().any());
    QVERIFY(result->model.validation && std::isnan(result->model.validation->rocAuc));
    QVERIFY(thread.wait(2000));
}

void tst_TrainingThread::destructorJoinsPromptly() {
    auto thread = std::make_unique<TrainingThread>();
    thread->startTraining(request(1'000'000, 1));  // batch size 1: a long epoch
    QTest::qWait(300);
    QElapsedTimer clock;
    clock.start();
    thread.reset();
    QVERIFY2(clock.elapsed() < 2000,
             qPrintable(QStringLiteral("destruction took %1 ms").arg(clock.elapsed())));
}

QTEST_GUILESS_MAIN(tst_TrainingThread)
#include "tst_training_thread.moc"
