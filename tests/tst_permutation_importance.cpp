// Permutation importance and partial dependence (core/explain): on a generated table where the
// target depends on x1 (strongly) and a colour (weakly) and not at all on x2, the importances
// come out in that order and x2's is about 0; a one-hot column moves as one raw column; the
// results are fixed by the seed; a partial dependence of a monotone model is monotone and, for
// one row, is exactly the model's prediction with the raw cell set to each grid value; a
// multiclass curve is of the class asked for.

#include <QtTest>
#include <cmath>
#include <sstream>

#include "core/base/errors.h"
#include "core/explain/explain_data.h"
#include "core/explain/held_out_rows.h"
#include "core/explain/partial_dependence.h"
#include "core/explain/permutation_importance.h"
#include "core/training/trainer.h"
#include "tests/test_support.h"

using namespace bps;

namespace {

const char* const kColours[] = {"red", "green", "blue"};

// y = x1 + 0.5 [colour = green] + a little noise; x2 is noise the target ignores.
std::string generatedCsv(int rows, std::uint64_t seed) {
    Rng rng(seed);
    std::ostringstream out;
    out.precision(17);
    out << "x1,x2,colour,y\n";
    for (int r = 0; r < rows; ++r) {
        const double x1 = 4 * rng.uniform() - 2, x2 = 4 * rng.uniform() - 2;
        const int c = static_cast<int>(rng.below(3));
        out << x1 << ',' << x2 << ',' << kColours[c] << ','
            << x1 + (c == 1 ? 0.5 : 0.0) + 0.05 * rng.normal() << '\n';
    }
    return out.str();
}

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

const ColumnImportance& columnNamed(const ImportanceResult& r, const std::string& name) {
    for (const auto& c : r.columns)
        if (c.column == name) return c;
    throw std::runtime_error("no column " + name);
}

// A regression model without hidden layers over the encoded inputs of `table`'s x1, colour:
// output = w . inputs + b (scaler mean 0, std 1), so each input's part is known exactly.
Model linearModel(const CsvTable& table, const Eigen::VectorXd& weights, double bias) {
    Model m;
    m.task = Task::Regression;
    m.target = "y";
    m.features = {"x1", "colour"};
    std::vector<std::size_t> rows(table.rows);
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
    m.preprocessing = fitEncoding(
        table, {{"x1", ColumnKind::Numeric}, {"colour", ColumnKind::Categorical}}, rows);
    const int inputs = m.inputCount();
    m.scaler.mean = Eigen::VectorXd::Zero(inputs);
    m.scaler.std = Eigen::VectorXd::Ones(inputs);
    DenseLayer out;
    out.weights = weights;
    out.bias = Eigen::VectorXd::Constant(1, bias);
    out.activation = Activation::Identity;
    m.layers = {out};
    return m;
}

// tanh units fed by x1 with positive weights, summed with positive weights: increasing in x1
// for every row, whatever its colour.
Model monotoneModel(const CsvTable& table) {
    Model m = linearModel(table, Eigen::VectorXd::Zero(2), 0.3);
    DenseLayer hidden;
    hidden.weights.resize(4, 2);
    hidden.weights << 1.5, 0.4, -0.7, 0.2, 0.3, -1.1, 0.9, 0.5;
    hidden.bias = Eigen::Vector2d(0.1, -0.2);
    hidden.activation = Activation::Tanh;
    m.layers.insert(m.layers.begin(), hidden);
    m.layers[1].weights << 2, 1;
    return m;
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
    void partialDependenceOfMonotoneModelIsMonotone();
    void oneRowCurveIsThePrediction();
    void categoricalCurveHasOnePointPerLevel();
    void multiclassCurveIsTheChosenClasssProbability();
    void classNamesForTheCurve();
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

void tst_PermutationImportance::partialDependenceOfMonotoneModelIsMonotone() {
    const CsvTable table = test::tableFromText(generatedCsv(400, 9));
    const Model m = monotoneModel(table);
    QCOMPARE(m.validate(), std::string());
    const ExplainData data = explainData(m, table);
    PartialDependenceOptions options;
    options.iceRows = 50;
    const PartialDependence pd = partialDependence(m, data, "x1", options);
    QVERIFY(!pd.categorical);
    QCOMPARE(int(pd.grid.size()), 50);
    QCOMPARE(pd.ice.rows(), Eigen::Index(50));
    QCOMPARE(pd.rows.size(), std::size_t(50));
    for (std::size_t j = 1; j < pd.grid.size(); ++j) {
        QVERIFY(pd.grid[j] > pd.grid[j - 1]);
        QVERIFY(pd.mean(Eigen::Index(j)) > pd.mean(Eigen::Index(j - 1)));
        for (Eigen::Index i = 0; i < pd.ice.rows(); ++i)
            QVERIFY(pd.ice(i, Eigen::Index(j)) > pd.ice(i, Eigen::Index(j - 1)));
    }
    // 5th to 95th percentile of x1 ~ U(-2, 2).
    QVERIFY(std::abs(pd.grid.front() + 1.8) < 0.15);
    QVERIFY(std::abs(pd.grid.back() - 1.8) < 0.15);
    QCOMPARE(pd.mean(3), pd.ice.col(3).mean());
    // Seeded: the same rows again.
    QCOMPARE(partialDependence(m, data, "x1", options).rows, pd.rows);
}

// Each point of a row's curve is the model's prediction for that row with its raw cell
// rewritten as the grid value, encoded from text as any file would be.
void tst_PermutationImportance::oneRowCurveIsThePrediction() {
    const CsvTable table = test::tableFromText(generatedCsv(400, 9));
    const Model m = monotoneModel(table);
    const ExplainData data = explainData(m, table);
    PartialDependenceOptions options;
    options.gridPoints = 7;
    options.iceRows = 5;
    const PartialDependence pd = partialDependence(m, data, "x1", options);
    QCOMPARE(int(pd.grid.size()), 7);
    const CsvColumn& colour = table.columns[2];
    for (std::size_t i = 0; i < pd.rows.size(); ++i) {
        const std::size_t row = data.tableRows[pd.rows[i]];
        for (std::size_t j = 0; j < pd.grid.size(); ++j) {
            std::ostringstream text;
            text.precision(17);
            text << "x1,x2,colour,y\n"
                 << pd.grid[j] << ",0," << colour.levels[std::size_t(colour.codes[row])] << ",0\n";
            const double direct = m.predictTable(test::tableFromText(text.str()))(0, 0);
            QCOMPARE(pd.ice(Eigen::Index(i), Eigen::Index(j)), direct);
        }
    }
    // A table of one row: its own value is the only grid point, and the curve its prediction.
    const CsvTable one = test::tableFromText("x1,x2,colour,y\n0.25,1,blue,0\n");
    const PartialDependence single = partialDependence(m, explainData(m, one), "x1", options);
    QCOMPARE(single.grid, std::vector<double>{0.25});
    QCOMPARE(single.ice(0, 0), m.predictTable(one)(0, 0));
}

void tst_PermutationImportance::categoricalCurveHasOnePointPerLevel() {
    const CsvTable table = test::tableFromText(generatedCsv(200, 11));
    Eigen::VectorXd w(4);
    w << 1, 0.5, -1, 2;  // x1, colour=blue, colour=green, colour=red (levels sorted)
    const Model m = linearModel(table, w, 0);
    const ExplainData data = explainData(m, table);
    const PartialDependence pd = partialDependence(m, data, "colour");
    QVERIFY(pd.categorical);
    QCOMPARE(pd.labels, (std::vector<std::string>{"blue", "green", "red"}));
    QCOMPARE(pd.output, std::string("y"));
    // Linear: each level moves every row's curve by its weight.
    const double meanX1 = data.x.col(0).mean();
    QVERIFY(std::abs(pd.mean(0) - (meanX1 + 0.5)) < 1e-12);
    QVERIFY(std::abs(pd.mean(1) - (meanX1 - 1)) < 1e-12);
    QVERIFY(std::abs(pd.mean(2) - (meanX1 + 2)) < 1e-12);
    QVERIFY_THROWS_EXCEPTION(DataError, partialDependence(m, data, "nope"));
}

namespace {

// Three classes over x1, x2 (no preprocessing): softmax of (x1, -x1, 0.5 x2) + biases, so the
// first class rises with x1, the second falls and the third depends on x2 alone.
Model multiclassModel() {
    Model m;
    m.task = Task::Multiclass;
    m.target = "kind";
    m.classes = {"alpha", "beta", "gamma"};
    m.features = {"x1", "x2"};
    m.scaler = Scaler::identity(2);
    DenseLayer out;
    out.weights.resize(2, 3);
    out.weights << 1.5, -1.2, 0, 0.1, 0.2, 0.5;
    out.bias = Eigen::Vector3d(0.1, -0.3, 0.2);
    out.activation = Activation::Softmax;
    m.layers = {out};
    return m;
}

}  // namespace

// Each class's curve is the mean over the rows of that class's probability with x1 set to the
// grid value, computed here with Model::predict; the classes' curves sum to 1.
void tst_PermutationImportance::multiclassCurveIsTheChosenClasssProbability() {
    const Model m = multiclassModel();
    QCOMPARE(m.validate(), std::string());
    Rng rng(5);
    ExplainData data;
    data.x.resize(60, 2);
    for (Eigen::Index r = 0; r < data.x.rows(); ++r)
        data.x.row(r) = Eigen::RowVector2d(4 * rng.uniform() - 2, 4 * rng.uniform() - 2);
    data.y = Eigen::VectorXd::Zero(60);
    PartialDependenceOptions options;
    options.gridPoints = 9;
    options.iceRows = 25;
    std::vector<PartialDependence> curves;
    for (int k = 0; k < 3; ++k) {
        options.outputClass = k;
        curves.push_back(partialDependence(m, data, "x1", options));
        QCOMPARE(curves.back().output, "P(" + m.classes[std::size_t(k)] + ")");
    }
    const PartialDependence& first = curves[0];
    QCOMPARE(int(first.grid.size()), 9);
    for (std::size_t j = 0; j < first.grid.size(); ++j) {
        const auto jj = Eigen::Index(j);
        RowMatrix x(Eigen::Index(first.rows.size()), 2);
        for (std::size_t i = 0; i < first.rows.size(); ++i)
            x.row(Eigen::Index(i)) = data.x.row(Eigen::Index(first.rows[i]));
        x.col(0).setConstant(first.grid[j]);
        const Eigen::MatrixXd p = m.predict(x);
        double sum = 0;
        for (int k = 0; k < 3; ++k) {
            QCOMPARE(curves[std::size_t(k)].rows, first.rows);  // the same rows, whatever class
            QVERIFY(std::abs(curves[std::size_t(k)].mean(jj) - p.col(k).mean()) < 1e-12);
            QVERIFY(curves[std::size_t(k)].ice.col(jj) == p.col(k));
            sum += curves[std::size_t(k)].mean(jj);
        }
        QVERIFY2(std::abs(sum - 1) < 1e-12, qPrintable(QString::number(sum, 'g', 17)));
    }
    // alpha rises with x1 and beta falls: the curves differ in the direction the weights say.
    QVERIFY(curves[0].mean(8) > curves[0].mean(0));
    QVERIFY(curves[1].mean(8) < curves[1].mean(0));
    options.outputClass = 3;
    QVERIFY_THROWS_EXCEPTION(DataError, partialDependence(m, data, "x1", options));
}

void tst_PermutationImportance::classNamesForTheCurve() {
    const Model multi = multiclassModel();
    QCOMPARE(dependenceClasses(multi), multi.classes);
    QCOMPARE(dependenceClassIndex(multi, "alpha"), 0);
    QCOMPARE(dependenceClassIndex(multi, "gamma"), 2);
    QVERIFY_THROWS_EXCEPTION(DataError, dependenceClassIndex(multi, "delta"));
    Model binary = multi;
    binary.task = Task::Binary;
    binary.classes = {"no", "yes"};
    QCOMPARE(dependenceClasses(binary), std::vector<std::string>{"yes"});
    QCOMPARE(dependenceClassIndex(binary, "yes"), 1);
    QVERIFY_THROWS_EXCEPTION(DataError, dependenceClassIndex(binary, "no"));
    const CsvTable table = test::tableFromText(generatedCsv(20, 1));
    const Model regression = linearModel(table, Eigen::VectorXd::Zero(4), 0);
    QVERIFY(dependenceClasses(regression).empty());
    QVERIFY_THROWS_EXCEPTION(DataError, dependenceClassIndex(regression, "y"));
}

QTEST_GUILESS_MAIN(tst_PermutationImportance)
#include "tst_permutation_importance.moc"
