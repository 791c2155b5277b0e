// Permutation importance across cross-validation folds (core/explain/cv_importance.h): on a
// generated table whose target depends on x1 only, the pooled importance of x1 leads and the
// ignored columns' (a numeric one and a one-hot one) are about 0; the pooled mean is the mean of
// the folds'; each fold's rows are encoded by that fold's own model; the results are fixed by
// the seed and do not depend on the number of jobs.

#include <QtTest>
#include <cmath>
#include <mutex>
#include <sstream>

#include "core/base/errors.h"
#include "core/explain/cv_importance.h"
#include "core/explain/explain_data.h"
#include "tests/common/explain_fixtures.h"
#include "tests/test_support.h"

using namespace bps;
using test::columnNamed;

namespace {

const char* const kColours[] = {"red", "green", "blue"};

// y = 2 x1 + a little noise; x2 and colour are noise the target ignores. The colour makes the
// data set an encoded one, so every fold fits its own one-hot encoding.
Dataset generatedData(int rows, std::uint64_t seed) {
    Rng rng(seed);
    std::ostringstream out;
    out.precision(17);
    out << "x1,x2,colour,y\n";
    for (int r = 0; r < rows; ++r) {
        const double x1 = 4 * rng.uniform() - 2, x2 = 4 * rng.uniform() - 2;
        out << x1 << ',' << x2 << ',' << kColours[rng.below(3)] << ','
            << 2 * x1 + 0.05 * rng.normal() << '\n';
    }
    DataSelection selection;
    selection.target = "y";
    return prepareDataset(test::tableFromText(out.str()), selection);
}

TrainingConfig smallConfig() {
    TrainingConfig config;
    config.hidden = {8};
    config.epochs = 60;
    config.live.batchSize = 32;
    config.seed = 5;
    return config;
}

}  // namespace

class tst_ImportanceAcrossFolds : public QObject {
    Q_OBJECT
private slots:
    void theTargetsColumnLeadsIgnoredOnesAreAboutZero();
    void eachFoldIsMeasuredWithItsOwnModel();
    void sameForAnyJobsAndFixedBySeed();
    void badScoreFailsBeforeTraining();
};

// The tolerance for the ignored columns: their pooled mean drop is within 3 standard errors
// of 0 (sd / sqrt(folds x repeats)) plus 0.01 of R^2 for what a fold's network picked up from
// their noise; x1's is far above both.
void tst_ImportanceAcrossFolds::theTargetsColumnLeadsIgnoredOnesAreAboutZero() {
    const Dataset data = generatedData(600, 7);
    QVERIFY(data.encoded());
    CrossValidationOptions options;
    options.folds = 4;
    options.jobs = 2;
    options.baselines = false;
    ImportanceOptions importance;
    importance.repeats = 5;
    const CvImportance r = crossValidateWithImportance(data, smallConfig(), options, importance);
    QVERIFY(!r.cv.cancelled && !r.pooled.cancelled);
    QCOMPARE(int(r.folds.size()), 4);
    QCOMPARE(r.pooled.score, ImportanceScore::R2);
    QCOMPARE(r.pooled.rows, std::size_t(600));  // every row is held out once
    QCOMPARE(int(r.pooled.columns.size()), 3);

    const auto &x1 = columnNamed(r.pooled, "x1"), &x2 = columnNamed(r.pooled, "x2"),
               &colour = columnNamed(r.pooled, "colour");
    const QString said = QString("x1 %1 +- %2, x2 %3 +- %4, colour %5 +- %6")
                             .arg(x1.mean)
                             .arg(x1.sd)
                             .arg(x2.mean)
                             .arg(x2.sd)
                             .arg(colour.mean)
                             .arg(colour.sd);
    qInfo("%s", qPrintable(said));
    const double n = 4 * 5;
    QCOMPARE(int(x2.drops.size()), 20);
    QVERIFY2(x1.mean > 1, qPrintable(said));
    QVERIFY2(std::abs(x2.mean) <= 3 * x2.sd / std::sqrt(n) + 0.01, qPrintable(said));
    QVERIFY2(std::abs(colour.mean) <= 3 * colour.sd / std::sqrt(n) + 0.01, qPrintable(said));
    QCOMPARE(sortedByImportance(r.pooled).front().column, std::string("x1"));

    // Pooled: every fold's drops, the mean of the folds' means (equal repeats each), and the
    // baseline the folds' mean baseline.
    double baselines = 0;
    for (std::size_t c = 0; c < r.pooled.columns.size(); ++c) {
        double means = 0;
        for (const ImportanceResult& fold : r.folds) {
            QCOMPARE(fold.columns[c].column, r.pooled.columns[c].column);
            QCOMPARE(int(fold.columns[c].drops.size()), 5);
            means += fold.columns[c].mean;
        }
        QVERIFY2(std::abs(means / 4 - r.pooled.columns[c].mean) < 1e-12,
                 qPrintable(QString("%1: %2 vs %3")
                                .arg(QString::fromStdString(r.pooled.columns[c].column))
                                .arg(means / 4)
                                .arg(r.pooled.columns[c].mean)));
    }
    for (const ImportanceResult& fold : r.folds) baselines += fold.baseline;
    QVERIFY(std::abs(baselines / 4 - r.pooled.baseline) < 1e-12);
    QVERIFY2(r.pooled.baseline > 0.95, qPrintable(QString::number(r.pooled.baseline)));
}

// The model a fold hands out, on the rows explainRows encodes with it, predicts what the fold's
// own trainer predicted for its held-out rows (float training, double prediction): the rows
// went through that fold's encoding and scaler, not another's.
void tst_ImportanceAcrossFolds::eachFoldIsMeasuredWithItsOwnModel() {
    const Dataset data = generatedData(300, 3);
    CrossValidationOptions options;
    options.folds = 3;
    options.jobs = 3;
    options.baselines = false;
    std::mutex mutex;
    std::vector<Eigen::MatrixXd> predicted(3);
    std::vector<std::size_t> columns(3);
    options.onFoldModel = [&](int fold, const Model& model, const std::vector<Eigen::Index>& rows) {
        const Eigen::MatrixXd p = model.predict(explainRows(model, data, rows).x);
        const std::lock_guard lock(mutex);
        predicted.at(std::size_t(fold)) = p;
        columns.at(std::size_t(fold)) = model.preprocessing->columns.size();
    };
    TrainingConfig config = smallConfig();
    config.epochs = 20;
    const CrossValidation cv = crossValidate(data, config, options);
    for (int f = 0; f < 3; ++f) {
        const FoldOutcome& fold = cv.folds[std::size_t(f)];
        QCOMPARE(predicted[std::size_t(f)].rows(), Eigen::Index(fold.validationRows.size()));
        QCOMPARE(columns[std::size_t(f)], std::size_t(3));
        const double gap = (predicted[std::size_t(f)] - fold.outputs).cwiseAbs().maxCoeff();
        QVERIFY2(gap < 1e-3, qPrintable(QString("fold %1: %2").arg(f).arg(gap)));
    }
    // Without the hook no fold is asked for a model: plain cross-validation as before.
    options.onFoldModel = {};
    const CrossValidation plain = crossValidate(data, config, options);
    QVERIFY(plain.folds[0].outputs == cv.folds[0].outputs);
}

void tst_ImportanceAcrossFolds::sameForAnyJobsAndFixedBySeed() {
    const Dataset data = test::syntheticDataset(Task::Binary, 400, 3, 2, 11);
    CrossValidationOptions options;
    options.folds = 3;
    options.repeats = 2;
    options.baselines = false;
    TrainingConfig config = smallConfig();
    config.epochs = 15;
    ImportanceOptions importance;
    importance.repeats = 3;
    importance.seed = 9;
    options.jobs = 1;
    const CvImportance one = crossValidateWithImportance(data, config, options, importance);
    options.jobs = 4;
    const CvImportance four = crossValidateWithImportance(data, config, options, importance);
    importance.seed = 10;
    const CvImportance other = crossValidateWithImportance(data, config, options, importance);
    QCOMPARE(one.pooled.score, ImportanceScore::RocAuc);
    QCOMPARE(int(one.folds.size()), 6);
    QCOMPARE(int(one.pooled.columns.front().drops.size()), 6 * 3);
    for (std::size_t c = 0; c < one.pooled.columns.size(); ++c) {
        QCOMPARE(four.pooled.columns[c].drops, one.pooled.columns[c].drops);
        QVERIFY(other.pooled.columns[c].drops != one.pooled.columns[c].drops);
    }
    // The folds shuffle differently from one another.
    QVERIFY(foldImportanceSeed(9, 0) != foldImportanceSeed(9, 1));
}

void tst_ImportanceAcrossFolds::badScoreFailsBeforeTraining() {
    const Dataset data = test::syntheticDataset(Task::Binary, 100, 2, 2, 1);
    CrossValidationOptions options;
    options.folds = 2;
    int epochs = 0;
    options.onEpoch = [&epochs](int, const EpochReport&) { ++epochs; };
    ImportanceOptions importance;
    importance.score = ImportanceScore::Rmse;
    try {
        crossValidateWithImportance(data, smallConfig(), options, importance);
        QFAIL("RMSE was accepted for a binary data set");
    } catch (const DataError& e) {
        QCOMPARE(QString(e.what()), QString("the score 'rmse' does not fit a binary data set"));
    }
    QCOMPARE(epochs, 0);
}

QTEST_GUILESS_MAIN(tst_ImportanceAcrossFolds)
#include "tst_importance_across_folds.moc"
