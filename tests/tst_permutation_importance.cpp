// Permutation importance (core/explain): on a generated table where the target depends on x1
// (strongly) and a colour (weakly) and not at all on x2, the importances come out in that order
// and x2's is about 0; a one-hot column moves as one raw column; the results are fixed by the
// seed. Partial dependence is in tst_partial_dependence.

#include <QtTest>
#include <cmath>
#include <sstream>

#include "core/base/errors.h"
#include "core/explain/explain_data.h"
#include "core/explain/held_out_rows.h"
#include "core/explain/partial_dependence.h"
#include "core/explain/permutation_importance.h"
#include "core/training/trainer.h"
#include "tests/common/explain_fixtures.h"
#include "tests/test_support.h"

using namespace bps;
using test::columnNamed;
using test::generatedCsv;
using test::linearModel;

namespace {

struct Trained {
    CsvTable table;
    Model model;
    std::vector<std::size_t> validationRows;  // table rows
};

const Trained& trained() {
    static const Trained t = [] {
        Trained out;
        out.table = test::tableFromText(generatedCsv(1000, 7));
        DataSelection selection;
        selection.target = "y";
        const Dataset data = prepareDataset(out.table, selection);
        TrainingConfig config;
        config.hidden = {8};
        config.epochs = 150;
        config.live.batchSize = 32;
        config.seed = 3;
        Trainer trainer(data, config);
        trainer.run();
        out.model = trainer.model();
        std::vector<std::size_t> lines;
        for (Eigen::Index i : trainer.split().validation)
            lines.push_back(data.sourceLines[static_cast<std::size_t>(i)]);
        out.validationRows = tableRowsOfLines(out.table, lines);
        return out;
    }();
    return t;
}

}  // namespace

class tst_PermutationImportance : public QObject {
    Q_OBJECT
private slots:
    void theColumnTheTargetIgnoresIsAboutZero();
    void resultsAreFixedBySeed();
    void oneHotColumnMovesAsOneColumn();
    void datePartsAreOneColumn();
    void heldOutRowsAreTheTrainersSplit();
    void badScoreIsAnError();
    void progressCanCancel();
    void pooledOverFolds();
};

// x1 drives the target, colour a little, x2 not at all. The tolerance for x2: its mean drop
// is within 3 standard errors of 0 (sd / sqrt(repeats)) plus 0.01 of R^2 for what the network
// picked up from x2's noise in training; x1's is far larger than both others.
void tst_PermutationImportance::theColumnTheTargetIgnoresIsAboutZero() {
    const Trained& t = trained();
    const ExplainData data = explainData(t.model, t.table, t.validationRows);
    QCOMPARE(data.x.rows(), Eigen::Index(200));
    ImportanceOptions options;
    options.repeats = 10;
    const ImportanceResult r = permutationImportance(t.model, data, options);
    QCOMPARE(r.score, ImportanceScore::R2);
    QVERIFY2(r.baseline > 0.95, qPrintable(QString("baseline R2 %1").arg(r.baseline)));
    QCOMPARE(int(r.columns.size()), 3);
    const auto &x1 = columnNamed(r, "x1"), &x2 = columnNamed(r, "x2"),
               &colour = columnNamed(r, "colour");
    QCOMPARE(int(x2.drops.size()), 10);
    const QString said = QString("x1 %1 +- %2, colour %3 +- %4, x2 %5 +- %6")
                             .arg(x1.mean)
                             .arg(x1.sd)
                             .arg(colour.mean)
                             .arg(colour.sd)
                             .arg(x2.mean)
                             .arg(x2.sd);
    qInfo("%s", qPrintable(said));
    QVERIFY2(std::abs(x2.mean) <= 3 * x2.sd / std::sqrt(10.0) + 0.01, qPrintable(said));
    QVERIFY2(x1.mean > 10 * colour.mean, qPrintable(said));
    QVERIFY2(colour.mean > x2.mean + 3 * colour.sd / std::sqrt(10.0), qPrintable(said));
    const auto sorted = sortedByImportance(r);
    QCOMPARE(sorted[0].column, std::string("x1"));
    QCOMPARE(sorted[1].column, std::string("colour"));
    QCOMPARE(sorted[2].column, std::string("x2"));
}

void tst_PermutationImportance::resultsAreFixedBySeed() {
    const Trained& t = trained();
    const ExplainData data = explainData(t.model, t.table, t.validationRows);
    ImportanceOptions options;
    options.seed = 42;
    options.score = ImportanceScore::Rmse;
    const ImportanceResult a = permutationImportance(t.model, data, options);
    const ImportanceResult b = permutationImportance(t.model, data, options);
    options.seed = 43;
    const ImportanceResult c = permutationImportance(t.model, data, options);
    for (std::size_t i = 0; i < a.columns.size(); ++i) {
        QCOMPARE(a.columns[i].drops, b.columns[i].drops);
        QVERIFY(a.columns[i].drops != c.columns[i].drops);
    }
    // RMSE is lower-is-better: shuffling x1 raises it, which counts as a positive drop.
    QVERIFY(columnNamed(a, "x1").mean > 0.5);
}

// The model's output is the sum of the colour's one-hot inputs, which is 1 for every row whose
// colour is a level. Shuffled whole rows of the block keep it 1 (drop exactly 0); shuffled
// input by input, rows would get 0 or 2 ones and the loss would rise.
void tst_PermutationImportance::oneHotColumnMovesAsOneColumn() {
    const CsvTable table = test::tableFromText(generatedCsv(300, 5));
    Model m = linearModel(table, Eigen::VectorXd::Zero(4), 0);
    const std::vector<InputGroup> groups = inputGroups(m);
    QCOMPARE(int(groups.size()), 2);
    QCOMPARE(groups[1].column, std::string("colour"));
    QCOMPARE(groups[1].first, Eigen::Index(1));
    QCOMPARE(groups[1].count, Eigen::Index(3));
    m.layers[0].weights << 0, 1, 1, 1;
    ExplainData data = explainData(m, table);
    data.y.setOnes();  // the model is exact on these rows
    ImportanceOptions options;
    options.score = ImportanceScore::Loss;
    const ImportanceResult r = permutationImportance(m, data, options);
    QCOMPARE(r.baseline, 0.0);
    for (double d : columnNamed(r, "colour").drops) QCOMPARE(d, 0.0);
    // The same shuffles, input by input, would have cost something: the check can fail.
    RowMatrix scrambled = data.x;
    Rng rng(1);
    for (Eigen::Index j = 1; j < 4; ++j)
        for (Eigen::Index i = scrambled.rows() - 1; i > 0; --i)
            std::swap(scrambled(i, j), scrambled(Eigen::Index(rng.below(std::uint64_t(i + 1))), j));
    QVERIFY(scoreOf(ImportanceScore::Loss, Task::Regression, m.predict(scrambled), data.y, 0) >
            0.1);
}

void tst_PermutationImportance::datePartsAreOneColumn() {
    const CsvTable table = test::tableFromText(
        "when,x1,y\n2024-01-05,1,1\n2024-03-09,2,2\n2025-07-21,3,3\n2023-11-30,4,4\n");
    DataSelection selection;
    selection.target = "y";
    selection.expandDates = true;
    const Dataset data = prepareDataset(table, selection);
    QVERIFY(data.dates.size() == 1);
    Model m;
    m.features = data.features;
    std::vector<std::size_t> rows{0, 1, 2, 3};
    m.preprocessing = fitEncoding(*data.inputTable, data.inputs, rows);
    m.preprocessing->dates = data.dates;
    const std::vector<InputGroup> groups = inputGroups(m);
    QCOMPARE(int(groups.size()), 2);
    QCOMPARE(groups[0].column, std::string("when"));
    QCOMPARE(groups[0].count, Eigen::Index(m.inputCount() - 1));
    QCOMPARE(groups[1].column, std::string("x1"));
}

// The split found again from the model file's seed and fraction is the Trainer's, and a file
// that is not the training file is told apart by the scaler and the encoding.
void tst_PermutationImportance::heldOutRowsAreTheTrainersSplit() {
    const Trained& t = trained();
    const HeldOutRows held = heldOutRows(t.model, explainData(t.model, t.table));
    std::vector<std::size_t> expected = t.validationRows;
    std::sort(expected.begin(), expected.end());
    QCOMPARE(held.tableRows, expected);
    QCOMPARE(held.trainingRows, std::size_t(800));
    QVERIFY(held.checked);
    QVERIFY(held.matches);
    const CsvTable other = test::tableFromText(generatedCsv(1000, 8));
    const HeldOutRows elsewhere = heldOutRows(t.model, explainData(t.model, other));
    QVERIFY(elsewhere.checked);
    QVERIFY(!elsewhere.matches);
}

void tst_PermutationImportance::badScoreIsAnError() {
    const Trained& t = trained();
    const ExplainData data = explainData(t.model, t.table, t.validationRows);
    ImportanceOptions options;
    options.score = ImportanceScore::RocAuc;  // a regression model has no ROC AUC
    QVERIFY_THROWS_EXCEPTION(DataError, permutationImportance(t.model, data, options));
    options = {};
    options.repeats = 0;
    QVERIFY_THROWS_EXCEPTION(DataError, permutationImportance(t.model, data, options));
    CsvTable noTarget = t.table;
    noTarget.columns.pop_back();
    QVERIFY_THROWS_EXCEPTION(DataError, explainData(t.model, noTarget));
}

void tst_PermutationImportance::progressCanCancel() {
    const Trained& t = trained();
    const ExplainData data = explainData(t.model, t.table, t.validationRows);
    int calls = 0;
    const ImportanceResult r = permutationImportance(t.model, data, {}, [&](int done, int total) {
        ++calls;
        return done < 1 && total == 3;
    });
    QVERIFY(r.cancelled);
    QCOMPARE(calls, 1);
    QCOMPARE(int(r.columns.size()), 1);
}

void tst_PermutationImportance::pooledOverFolds() {
    ImportanceResult a, b;
    a.score = b.score = ImportanceScore::R2;
    a.baseline = 0.8;
    b.baseline = 0.6;
    a.rows = 10;
    b.rows = 30;
    a.columns = {{"x", {0.1, 0.3}, 0.2, 0}};
    b.columns = {{"x", {0.5}, 0.5, 0}};
    const ImportanceResult p = pooledImportance({a, b});
    QCOMPARE(p.columns[0].drops, (std::vector<double>{0.1, 0.3, 0.5}));
    QCOMPARE(p.columns[0].mean, 0.3);
    QCOMPARE(p.columns[0].sd, 0.2);
    QCOMPARE(p.baseline, 0.7);
    QCOMPARE(p.rows, std::size_t(40));
    b.columns[0].column = "y";
    QVERIFY_THROWS_EXCEPTION(DataError, pooledImportance({a, b}));
}

QTEST_GUILESS_MAIN(tst_PermutationImportance)
#include "tst_permutation_importance.moc"
