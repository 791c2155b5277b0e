// Cross-validation: the folds (disjoint, covering, stratified, seeded), preprocessing fitted
// inside each fold's training rows only, the baselines, and results that do not depend on how
// many folds train at once.

#include <QtTest>
#include <algorithm>
#include <map>
#include <set>

#include "core/base/errors.h"
#include "core/training/trainer.h"
#include "core/validation/baselines.h"
#include "core/validation/cross_validation.h"
#include "core/validation/folds.h"
#include "tests/test_support.h"

using namespace bps;

Q_DECLARE_METATYPE(bps::Task)

class tst_CrossValidation : public QObject {
    Q_OBJECT
private slots:
    void foldsPartitionTheRows_data();
    void foldsPartitionTheRows();
    void foldsAreStratified();
    void foldsAreSeeded();
    void badFoldCountsAreClearErrors();
    void scalerNeverSeesTheValidationRows();
    void earlyStoppingNeverSeesTheValidationRows();
    void baselinesOnTheSameFolds();
    void resultsDoNotDependOnJobs();
    void progressCanCancel();
    void stopRequestedCancelsWithinAnEpoch();
    void outOfFoldPredictionsComeFromTheFoldThatDidNotSeeTheRow_data();
    void outOfFoldPredictionsComeFromTheFoldThatDidNotSeeTheRow();
};

void tst_CrossValidation::foldsPartitionTheRows_data() {
    QTest::addColumn<Task>("task");
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("repeats");
    QTest::newRow("binary/5") << Task::Binary << 5 << 1;
    QTest::newRow("multiclass/3x2") << Task::Multiclass << 3 << 2;
    QTest::newRow("regression/7") << Task::Regression << 7 << 1;
}

// Per repeat: validation sides disjoint, every row in exactly one of them, and each fold's
// training side is exactly the other rows.
void tst_CrossValidation::foldsPartitionTheRows() {
    QFETCH(Task, task);
    QFETCH(int, k);
    QFETCH(int, repeats);
    const Dataset data = test::syntheticDataset(task, 503, 3, 4, 5);
    const std::vector<Fold> folds = makeFolds(data, k, repeats, 11);
    QCOMPARE(int(folds.size()), k * repeats);
    // seen[repeat][row]: how many of that repeat's validation sides hold the row.
    std::vector<std::vector<int>> seen(std::size_t(repeats),
                                       std::vector<int>(std::size_t(data.rows()), 0));
    for (const Fold& fold : folds) {
        for (Eigen::Index row : fold.split.validation) ++seen[std::size_t(fold.repeat)][row];
        std::set<Eigen::Index> train(fold.split.train.begin(), fold.split.train.end());
        QCOMPARE(train.size(), fold.split.train.size());
        QCOMPARE(fold.split.train.size() + fold.split.validation.size(), std::size_t(data.rows()));
        for (Eigen::Index row : fold.split.validation) QVERIFY(!train.count(row));
    }
    for (const auto& counts : seen)
        QCOMPARE(std::count(counts.begin(), counts.end(), 1), std::ptrdiff_t(data.rows()));
}

// Each class's count in a fold differs by at most one row between folds.
void tst_CrossValidation::foldsAreStratified() {
    Dataset data = test::syntheticDataset(Task::Multiclass, 997, 3, 5, 7);
    for (Eigen::Index r = 0; r < 40; ++r) data.y(r) = 4;  // skew the shares
    const std::vector<Fold> folds = makeFolds(data, 6, 1, 3);
    for (int c = 0; c < 5; ++c) {
        std::vector<int> counts;
        for (const Fold& fold : folds)
            counts.push_back(
                int(std::count_if(fold.split.validation.begin(), fold.split.validation.end(),
                                  [&](Eigen::Index r) { return data.y(r) == c; })));
        const auto [lo, hi] = std::minmax_element(counts.begin(), counts.end());
        QVERIFY2(*hi - *lo <= 1, qPrintable(QString("class %1: %2..%3").arg(c).arg(*lo).arg(*hi)));
    }
}

void tst_CrossValidation::foldsAreSeeded() {
    const Dataset data = test::syntheticDataset(Task::Binary, 200, 2, 2, 1);
    QVERIFY(makeFolds(data, 4, 2, 9)[5].split.validation ==
            makeFolds(data, 4, 2, 9)[5].split.validation);
    QVERIFY(makeFolds(data, 4, 1, 9)[0].split.validation !=
            makeFolds(data, 4, 1, 10)[0].split.validation);
    // A second repeat is a fresh shuffle, not the first again.
    QVERIFY(makeFolds(data, 4, 2, 9)[0].split.validation !=
            makeFolds(data, 4, 2, 9)[4].split.validation);
}

void tst_CrossValidation::badFoldCountsAreClearErrors() {
    const Dataset data = test::syntheticDataset(Task::Binary, 4, 2, 2, 1);
    QVERIFY_THROWS_EXCEPTION(DataError, makeFolds(data, 1, 1, 1));
    try {
        makeFolds(data, 5, 1, 1);
        QFAIL("5 folds of 4 rows were accepted");
    } catch (const DataError& e) {
        QCOMPARE(QString(e.what()), QString("5 folds need at least as many rows, but only 4 are "
                                            "usable"));
    }
}

// A fold whose validation rows hold a huge outlier: the scaler the fold trains with must be the
// training rows' (mean near 0), and it would be about 1e6 / rows off if it had seen all rows.
void tst_CrossValidation::scalerNeverSeesTheValidationRows() {
    Dataset data = test::syntheticDataset(Task::Binary, 400, 3, 2, 4);
    data.x(17, 0) = 1e6;
    const std::vector<Fold> folds = makeFolds(data, 4, 1, 2);
    const auto holder = std::find_if(folds.begin(), folds.end(), [](const Fold& f) {
        return std::count(f.split.validation.begin(), f.split.validation.end(), 17) == 1;
    });
    QVERIFY(holder != folds.end());
    TrainingConfig config;
    config.epochs = 1;
    const Trainer trainer(data, config, holder->split);
    const Scaler& scaler = trainer.trainingData().scaler;
    double mean = 0;
    for (Eigen::Index r : holder->split.train) mean += data.x(r, 0);
    mean /= double(holder->split.train.size());
    QVERIFY2(std::abs(scaler.mean(0) - mean) < 1e-9, qPrintable(QString::number(scaler.mean(0))));
    QVERIFY(std::abs(scaler.mean(0)) < 1.0);  // all rows would give about 2500
    QVERIFY(scaler.std(0) < 10.0);
    // And the trainer validates on exactly the fold's rows.
    QVERIFY(trainer.split().validation == holder->split.validation);
    QCOMPARE(trainer.validationTargets().size(), Eigen::Index(holder->split.validation.size()));
}

// With early stopping, the epoch kept is chosen on the fold's training rows: changing the
// targets of one fold's validation rows changes that fold's scores, not its epochs or outputs.
// (Regression, so the folds do not depend on the targets.)
void tst_CrossValidation::earlyStoppingNeverSeesTheValidationRows() {
    const Dataset data = test::syntheticDataset(Task::Regression, 300, 3, 0, 8);
    TrainingConfig config;
    config.epochs = 150;
    config.earlyStoppingPatience = 5;
    CrossValidationOptions options;
    options.folds = 3;
    options.jobs = 1;
    options.baselines = false;
    const CrossValidation before = crossValidate(data, config, options);
    Dataset changed = data;
    for (Eigen::Index r : before.folds[0].validationRows) changed.y(r) = -changed.y(r);
    const CrossValidation after = crossValidate(changed, config, options);
    QVERIFY(after.folds[0].validationRows == before.folds[0].validationRows);
    QCOMPARE(before.folds[0].stopReason, StopReason::EarlyStopping);
    QCOMPARE(after.folds[0].epochs, before.folds[0].epochs);
    QVERIFY(after.folds[0].outputs == before.folds[0].outputs);
    QVERIFY(after.folds[0].network.r2 < before.folds[0].network.r2);
}

// The majority baseline predicts the training shares (ROC AUC 0.5, accuracy the majority's
// share of the fold); the linear one learns a linear problem as well as the network.
void tst_CrossValidation::baselinesOnTheSameFolds() {
    const Dataset data = test::syntheticDataset(Task::Binary, 600, 4, 2, 6);
    TrainingConfig config;
    config.epochs = 30;
    CrossValidationOptions options;
    options.folds = 3;
    options.jobs = 1;
    const CrossValidation cv = crossValidate(data, config, options);
    QCOMPARE(int(cv.folds.size()), 3);
    for (const FoldOutcome& fold : cv.folds) {
        QCOMPARE(fold.majority.rocAuc, 0.5);
        int ones = 0;
        for (Eigen::Index r : fold.validationRows) ones += data.y(r) > 0.5;
        const double share = double(ones) / double(fold.validationRows.size());
        QCOMPARE(fold.majority.accuracy, std::max(share, 1 - share));
        QVERIFY(fold.network.rocAuc > 0.9);
        QVERIFY(fold.linear.rocAuc > 0.9);
        QCOMPARE(fold.outputs.rows(), Eigen::Index(fold.validationRows.size()));
        QCOMPARE(fold.epochs, 30);
    }
    // The regression baseline predicts the training mean: R^2 at most 0, close to it.
    const Dataset reg = test::syntheticDataset(Task::Regression, 300, 3, 0, 2);
    const Metrics mean = majorityBaseline(reg, makeFolds(reg, 3, 1, 1)[0].split);
    QVERIFY(mean.r2 <= 0 && mean.r2 > -0.1);
    QVERIFY(linearBaselineConfig(config).hidden.empty());
}

void tst_CrossValidation::resultsDoNotDependOnJobs() {
    const Dataset data = test::syntheticDataset(Task::Multiclass, 400, 3, 3, 9);
    TrainingConfig config;
    config.epochs = 8;
    CrossValidationOptions options;
    options.folds = 4;
    options.repeats = 2;
    options.jobs = 1;
    const CrossValidation one = crossValidate(data, config, options);
    options.jobs = 3;
    const CrossValidation three = crossValidate(data, config, options);
    QCOMPARE(one.folds.size(), three.folds.size());
    for (std::size_t i = 0; i < one.folds.size(); ++i) {
        QCOMPARE(one.folds[i].network.loss, three.folds[i].network.loss);
        QCOMPARE(one.folds[i].linear.loss, three.folds[i].linear.loss);
        QVERIFY(one.folds[i].outputs == three.folds[i].outputs);
    }
}

// Progress counts folds; returning false stops the rest from starting.
void tst_CrossValidation::progressCanCancel() {
    const Dataset data = test::syntheticDataset(Task::Binary, 300, 3, 2, 3);
    TrainingConfig config;
    config.epochs = 3;
    CrossValidationOptions options;
    options.folds = 5;
    options.jobs = 1;
    std::vector<int> calls;
    int epochs = 0;
    options.progress = [&](int done, int total) {
        calls.push_back(done * 10 + total);
        return done < 2;
    };
    options.onEpoch = [&](int, const EpochReport&) { ++epochs; };
    const CrossValidation cv = crossValidate(data, config, options);
    QVERIFY(cv.cancelled);
    QCOMPARE(calls, (std::vector<int>{15, 25}));
    QCOMPARE(epochs, 6);  // two folds of three epochs; the linear baselines are not reported
}

// The stop request is polled after every epoch: with one job, the first fold ends in the epoch
// after the request came in (the Trainer reports that epoch, stopped before its first
// mini-batch) and no other fold starts.
void tst_CrossValidation::stopRequestedCancelsWithinAnEpoch() {
    const Dataset data = test::syntheticDataset(Task::Binary, 300, 3, 2, 3);
    TrainingConfig config;
    config.epochs = 50;
    CrossValidationOptions options;
    options.folds = 5;
    options.jobs = 1;
    std::atomic<int> epochs{0};
    options.onEpoch = [&](int, const EpochReport&) { ++epochs; };
    options.stopRequested = [&] { return epochs.load() >= 4; };
    const CrossValidation cv = crossValidate(data, config, options);
    QVERIFY(cv.cancelled);
    QCOMPARE(epochs.load(), 5);
    QCOMPARE(cv.folds[0].epochs, 5);
    QCOMPARE(cv.folds[0].stopReason, StopReason::Stopped);
    for (std::size_t i = 1; i < cv.folds.size(); ++i) QCOMPARE(cv.folds[i].epochs, 0);
}

void tst_CrossValidation::outOfFoldPredictionsComeFromTheFoldThatDidNotSeeTheRow_data() {
    QTest::addColumn<Task>("task");
    QTest::addColumn<int>("repeats");
    QTest::newRow("binary") << Task::Binary << 1;
    QTest::newRow("multiclass x2") << Task::Multiclass << 2;
    QTest::newRow("regression") << Task::Regression << 1;
}

// Row by row: the out-of-fold output crossValidate reports for a row is what the model of the
// fold that held that row out predicts for it, that model retrained here on its own from the
// same split and seed and asked about the row alone (Model::predict on the row's raw inputs).
// Equal to float precision: the fold trains and validates with the float kernels, Model::predict
// computes in double.
// The other folds' models predict differently, so a row attributed to the wrong fold fails.
void tst_CrossValidation::outOfFoldPredictionsComeFromTheFoldThatDidNotSeeTheRow() {
    QFETCH(Task, task);
    QFETCH(int, repeats);
    const Dataset data = test::syntheticDataset(task, 240, 3, 3, 21);
    TrainingConfig config;
    config.epochs = 6;
    config.seed = 5;
    CrossValidationOptions options;
    options.folds = 4;
    options.repeats = repeats;
    options.jobs = 2;
    options.baselines = false;
    const CrossValidation cv = crossValidate(data, config, options);
    const std::vector<Fold> folds = makeFolds(data, 4, repeats, config.seed);
    QCOMPARE(cv.folds.size(), folds.size());
    std::vector<Model> models;
    for (const Fold& fold : folds) {
        Trainer trainer(data, config, fold.split);
        trainer.setThreads(1);
        trainer.run();
        models.push_back(trainer.model());
    }
    int checked = 0, attributable = 0;
    for (std::size_t f = 0; f < cv.folds.size(); ++f) {
        const FoldOutcome& out = cv.folds[f];
        QCOMPARE(out.validationRows, folds[f].split.validation);
        QCOMPARE(out.outputs.rows(), Eigen::Index(out.validationRows.size()));
        for (std::size_t i = 0; i < out.validationRows.size(); ++i) {
            const Eigen::Index row = out.validationRows[i];
            const RowMatrix raw = data.x.row(row);
            const Eigen::MatrixXd own = models[f].predict(raw);
            QCOMPARE(out.outputs.cols(), own.cols());
            for (Eigen::Index k = 0; k < own.cols(); ++k) {
                const double got = out.outputs(Eigen::Index(i), k);
                QVERIFY2(std::abs(got - own(0, k)) <= 1e-6 * (1 + std::abs(own(0, k))),
                         qPrintable(QString("fold %1, row %2, output %3: %4 vs %5")
                                        .arg(f)
                                        .arg(row)
                                        .arg(k)
                                        .arg(got, 0, 'g', 17)
                                        .arg(own(0, k), 0, 'g', 17)));
            }
            ++checked;
            // Another fold of the same repeat would have predicted something else.
            const std::size_t other =
                f - f % 4 + (f % 4 + 1) % 4;  // the next fold of the same repeat
            if ((models[other].predict(raw) - own).cwiseAbs().maxCoeff() > 1e-4) ++attributable;
        }
    }
    QCOMPARE(checked, int(data.rows()) * repeats);
    QVERIFY2(attributable > checked * 9 / 10, qPrintable(QString::number(attributable)));
}

QTEST_APPLESS_MAIN(tst_CrossValidation)
#include "tst_cross_validation.moc"
