// The decision map's grid (core/explain/decision_grid.h) on models whose weights are set by
// hand, so where the boundary lies is known before the grid is computed. The grid is computed
// in float (unit_activation.h), so values are compared to float precision (kFloat, relative);
// the boundary itself is exact: x1 - x2 is 0 in float too where x1 = x2. Also the map's first
// columns: by permutation importance (core/explain/map_columns.h), or by weight norms.

#include <QTest>
#include <algorithm>
#include <cmath>

#include "core/base/random.h"
#include "core/explain/decision_grid.h"
#include "core/explain/map_columns.h"
#include "core/explain/unit_activation.h"

using namespace bps;

namespace {

constexpr double kFloat = 1e-6;  // relative: float's 24 bits, with a few operations' rounding

bool near(double a, double b) { return std::abs(a - b) <= kFloat * std::max(1.0, std::abs(b)); }

DenseLayer layer(Eigen::MatrixXd w, Eigen::VectorXd b, Activation a) {
    return DenseLayer{std::move(w), std::move(b), a};
}

// Two numeric inputs x1, x2; logit = x1 - x2 (through one tanh unit when `hidden`), so
// P(positive) = 0.5 exactly on x1 = x2 and above it where x1 > x2.
Model diagonalModel(bool hidden) {
    Model m;
    m.task = Task::Binary;
    m.classes = {"neg", "pos"};
    m.features = {"x1", "x2"};
    m.scaler = Scaler::identity(2);
    Eigen::MatrixXd w(2, 1);
    w << 1, -1;
    if (hidden) {
        m.layers.push_back(layer(2 * w, Eigen::VectorXd::Zero(1), Activation::Tanh));
        m.layers.push_back(layer(Eigen::MatrixXd::Constant(1, 1, 3), Eigen::VectorXd::Zero(1),
                                 Activation::Sigmoid));
    } else {
        m.layers.push_back(layer(w, Eigen::VectorXd::Zero(1), Activation::Sigmoid));
    }
    return m;
}

// A numeric column "size" and a categorical "colour" (blue, green, red), one-hot after it.
Model categoricalModel() {
    Model m;
    m.task = Task::Binary;
    m.classes = {"no", "yes"};
    m.features = {"size", "colour"};
    TableEncoding enc;
    ColumnEncoding size;
    size.name = "size";
    ColumnEncoding colour;
    colour.name = "colour";
    colour.kind = ColumnKind::Categorical;
    colour.levels = {"blue", "green", "red"};
    enc.columns = {size, colour};
    m.preprocessing = enc;
    m.scaler = Scaler::identity(4);
    Eigen::MatrixXd w(4, 1);
    w << 0.5, -2, 0, 2;
    m.layers.push_back(layer(w, Eigen::VectorXd::Constant(1, 0.25), Activation::Sigmoid));
    return m;
}

// Regression with a hidden layer of two tanh units and a scaler that is not the identity.
Model regressionModel() {
    Model m;
    m.task = Task::Regression;
    m.features = {"a", "b", "c"};
    m.scaler.mean = Eigen::Vector3d(1, -2, 0.5);
    m.scaler.std = Eigen::Vector3d(2, 0.5, 3);
    Eigen::MatrixXd w1(3, 2);
    w1 << 0.3, -0.7, 1.1, 0.2, -0.4, 0.9;
    m.layers.push_back(layer(w1, Eigen::Vector2d(0.1, -0.2), Activation::Tanh));
    Eigen::MatrixXd w2(2, 1);
    w2 << 4, -3;
    m.layers.push_back(layer(w2, Eigen::VectorXd::Constant(1, 10), Activation::Identity));
    return m;
}

}  // namespace

class tst_DecisionGrid : public QObject {
    Q_OBJECT
private slots:
    void diagonalBoundary_data();
    void diagonalBoundary();
    void categoricalAxisHasOneCellPerLevel();
    void regressionGridEqualsPredict();
    void hiddenUnitGridIsItsActivation();
    void rangesAndBase();
    void weightNormOrdersColumns();
    void importanceOrdersColumns();
    void quickImportanceFindsTheColumnUsed();
    void badRequestsThrow();
};

void tst_DecisionGrid::diagonalBoundary_data() {
    QTest::addColumn<bool>("hidden");
    QTest::newRow("no hidden layer") << false;
    QTest::newRow("one tanh unit") << true;
}

void tst_DecisionGrid::diagonalBoundary() {
    QFETCH(bool, hidden);
    const Model m = diagonalModel(hidden);
    QCOMPARE(m.validate(), std::string());
    DecisionGridRequest r;
    r.xColumn = 0;
    r.yColumn = 1;
    r.xRange = r.yRange = {-2, 3};
    r.resolution = 50;
    r.base = Eigen::RowVector2d(7, 7);
    const DecisionGrid g = computeDecisionGrid(m, r);
    QCOMPARE(g.columns, 50);
    QCOMPARE(g.rows, 50);
    QCOMPARE(g.outputs.rows(), 2500);
    QCOMPARE(g.xs.front(), -2 + 0.05);
    QCOMPARE(g.ys.back(), 3 - 0.05);
    int above = 0, below = 0, on = 0;
    for (int j = 0; j < g.rows; ++j)
        for (int i = 0; i < g.columns; ++i) {
            const double p = g.outputs(g.cell(i, j), 0);
            if (i == j) {
                QVERIFY2(p == 0.5,
                         qPrintable(QString("P = %1 on the diagonal").arg(p, 0, 'g', 17)));
                ++on;
            } else if (i > j) {  // x1 > x2
                QVERIFY2(p > 0.5, qPrintable(QString("P = %1 at (%2, %3)").arg(p).arg(i).arg(j)));
                ++above;
            } else {
                QVERIFY2(p < 0.5, qPrintable(QString("P = %1 at (%2, %3)").arg(p).arg(i).arg(j)));
                ++below;
            }
        }
    QCOMPARE(on, 50);
    QCOMPARE(above, 1225);
    QCOMPARE(below, 1225);
    QCOMPARE(static_cast<int>(g.hidden.size()), hidden ? 1 : 0);
}

void tst_DecisionGrid::categoricalAxisHasOneCellPerLevel() {
    const Model m = categoricalModel();
    QCOMPARE(m.validate(), std::string());
    const std::vector<ColumnInputs> columns = columnInputs(m);
    QCOMPARE(columns.size(), std::size_t(2));
    QVERIFY(columns[1].categorical);
    QCOMPARE(columns[1].first, Eigen::Index(1));
    QCOMPARE(columns[1].count, Eigen::Index(3));
    DecisionGridRequest r;
    r.xColumn = 1;  // colour along x
    r.yColumn = 0;
    r.xRange = axisRange(columns[1], {});
    r.yRange = {0, 10};
    r.resolution = 20;
    r.base = Eigen::RowVector4d(1, 0, 1, 0);
    const DecisionGrid g = computeDecisionGrid(m, r);
    QCOMPARE(g.columns, 3);
    QCOMPARE(g.rows, 20);
    QCOMPARE(g.xs, (std::vector<double>{0, 1, 2}));
    const double weight[] = {-2, 0, 2};
    for (int j = 0; j < g.rows; ++j)
        for (int i = 0; i < 3; ++i) {
            const double z = 0.25 + 0.5 * g.ys[static_cast<std::size_t>(j)] + weight[i];
            QVERIFY(near(g.outputs(g.cell(i, j), 0), 1 / (1 + std::exp(-z))));
        }
    RowMatrix hot(2, 4);
    hot << 3, 0, 0, 1, 3, 0, 0, 0;
    QCOMPARE(axisValue(columns[1], hot, 0), 2.0);
    QCOMPARE(axisValue(columns[1], hot, 1), -1.0);
    QCOMPARE(axisValue(columns[0], hot, 0), 3.0);
}

void tst_DecisionGrid::regressionGridEqualsPredict() {
    const Model m = regressionModel();
    QCOMPARE(m.validate(), std::string());
    DecisionGridRequest r;
    r.xColumn = 2;
    r.yColumn = 0;
    r.xRange = {-5, 5};
    r.yRange = {0, 4};
    r.resolution = 30;
    r.base = Eigen::RowVector3d(0, 1.5, 0);
    const DecisionGrid g = computeDecisionGrid(m, r);
    RowMatrix points(900, 3);
    for (int j = 0; j < 30; ++j)
        for (int i = 0; i < 30; ++i)
            points.row(g.cell(i, j)) << g.ys[static_cast<std::size_t>(j)], 1.5,
                g.xs[static_cast<std::size_t>(i)];
    const Eigen::MatrixXd expected = m.predict(points);
    for (Eigen::Index c = 0; c < expected.rows(); ++c)
        QVERIFY2(near(g.outputs(c, 0), expected(c, 0)),
                 qPrintable(QString("cell %1: %2, predict %3")
                                .arg(c)
                                .arg(g.outputs(c, 0), 0, 'g', 10)
                                .arg(expected(c, 0), 0, 'g', 10)));
    // Not constant: the grid does vary along both axes.
    QVERIFY(std::abs(g.outputs(g.cell(0, 0), 0) - g.outputs(g.cell(29, 0), 0)) > 0.1);
    QVERIFY(std::abs(g.outputs(g.cell(0, 0), 0) - g.outputs(g.cell(0, 29), 0)) > 0.1);
}

void tst_DecisionGrid::hiddenUnitGridIsItsActivation() {
    const Model m = regressionModel();
    RowMatrix x(2, 3);
    x << 1, -2, 0.5, 3, 0, -1;
    const std::vector<Eigen::MatrixXd> acts = layerActivations(m, x);
    QCOMPARE(acts.size(), std::size_t(2));
    // Row 0 is the scaler's mean: every standardised input 0, so each unit is tanh(bias).
    QVERIFY(near(acts[0](0, 0), std::tanh(0.1)));
    QVERIFY(near(acts[0](0, 1), std::tanh(-0.2)));
    const double a = (3 - 1) / 2.0, b = (0 + 2) / 0.5, c = (-1 - 0.5) / 3.0;
    QVERIFY(near(acts[0](1, 1), std::tanh(-0.7 * a + 0.2 * b + 0.9 * c - 0.2)));
    const Eigen::MatrixXd predicted = m.predict(x);
    QVERIFY(near(acts[1](0, 0), predicted(0, 0)));
    QVERIFY(near(acts[1](1, 0), predicted(1, 0)));
}

void tst_DecisionGrid::rangesAndBase() {
    ColumnInputs numeric{"v", false, 0, 1, {}};
    std::vector<double> values;
    for (int i = 0; i <= 100; ++i) values.push_back(i);
    values.push_back(1e9);  // an outlier past the 99th percentile
    values.push_back(std::nan(""));
    const AxisRange range = axisRange(numeric, values);
    // The 1st and 99th percentiles of 0..100 plus the outlier are 1 and 100; 5% padding.
    QCOMPARE(range.low, 1 - 0.05 * 99);
    QCOMPARE(range.high, 100 + 0.05 * 99);
    const AxisRange constant = axisRange(numeric, {4, 4, 4});
    QCOMPARE(constant.low, 3.0);
    QCOMPARE(constant.high, 5.0);

    const Model m = categoricalModel();
    RowMatrix rows(4, 4);
    rows << 1, 0, 0, 1,  //
        5, 0, 1, 0,      //
        2, 0, 0, 1,      //
        9, 1, 0, 0;
    const Eigen::RowVectorXd base = medianRow(m, rows);
    QCOMPARE(base(0), 5.0);                               // the upper median of 1, 2, 5, 9
    QCOMPARE(base.tail(3), Eigen::RowVector3d(0, 0, 1));  // red is the most frequent
}

void tst_DecisionGrid::weightNormOrdersColumns() {
    const Model m = categoricalModel();  // size: |0.5|; colour: |(-2, 0, 2)| = 2.83
    QCOMPARE(columnsByWeightNorm(m), (std::vector<int>{1, 0}));
    const Model r = regressionModel();  // rows of w1: 0.76, 1.12, 0.98
    QCOMPARE(columnsByWeightNorm(r), (std::vector<int>{1, 2, 0}));
}

namespace {

ImportanceResult importanceOf(const std::vector<std::pair<std::string, double>>& means) {
    ImportanceResult r;
    for (const auto& [name, mean] : means) r.columns.push_back({name, {mean}, mean, 0});
    return r;
}

}  // namespace

// By the importance of each column; equal ones and unmeasured ones (last) by the weight norms'
// order, which for regressionModel is b, c, a.
void tst_DecisionGrid::importanceOrdersColumns() {
    const Model m = regressionModel();
    QCOMPARE(columnsByImportance(m, importanceOf({{"a", 0.1}, {"b", 0.05}, {"c", 0.3}})),
             (std::vector<int>{2, 0, 1}));
    QCOMPARE(columnsByImportance(m, importanceOf({{"a", 0.2}, {"b", 0.2}, {"c", 0.1}})),
             (std::vector<int>{1, 0, 2}));
    QCOMPARE(columnsByImportance(m, importanceOf({{"a", -0.01}, {"b", 0.02}})),
             (std::vector<int>{1, 0, 2}));
    QCOMPARE(columnsByImportance(m, ImportanceResult{}), columnsByWeightNorm(m));
}

// A linear model of c alone: shuffling a or b changes no prediction (a drop of exactly 0),
// shuffling c costs most of R^2; on a sample of maxRows rows, the same for the same seed.
void tst_DecisionGrid::quickImportanceFindsTheColumnUsed() {
    Model m;
    m.task = Task::Regression;
    m.features = {"a", "b", "c"};
    m.scaler = Scaler::identity(3);
    m.layers.push_back(
        layer(Eigen::Vector3d(0, 0, 1), Eigen::VectorXd::Zero(1), Activation::Identity));
    Rng rng(2);
    RowMatrix x(3000, 3);
    for (Eigen::Index r = 0; r < x.rows(); ++r)
        x.row(r) = Eigen::RowVector3d(rng.normal(), 5 * rng.normal(), rng.normal());
    const Eigen::VectorXd y = x.col(2) + 0.1 * x.col(0);
    MapImportanceOptions options;
    options.maxRows = 500;
    const ImportanceResult r = quickImportance(m, x, y, options);
    QCOMPARE(r.rows, std::size_t(500));
    QCOMPARE(r.columns.size(), std::size_t(3));
    QCOMPARE(r.columns[0].drops.size(), std::size_t(options.repeats));
    QCOMPARE(r.columns[0].mean, 0.0);
    QCOMPARE(r.columns[1].mean, 0.0);
    QVERIFY2(r.columns[2].mean > 1, qPrintable(QString::number(r.columns[2].mean)));
    QCOMPARE(columnsByImportance(m, r).front(), 2);
    QCOMPARE(quickImportance(m, x, y, options).columns[2].drops, r.columns[2].drops);
    options.seed = 9;  // another sample, other shuffles
    QVERIFY(quickImportance(m, x, y, options).columns[2].drops != r.columns[2].drops);
}

void tst_DecisionGrid::badRequestsThrow() {
    const Model m = diagonalModel(false);
    DecisionGridRequest r;
    r.base = Eigen::RowVector2d(0, 0);
    r.xColumn = r.yColumn = 0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, computeDecisionGrid(m, r));
    r.yColumn = 2;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, computeDecisionGrid(m, r));
    r.yColumn = 1;
    r.base = Eigen::RowVector3d(0, 0, 0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, computeDecisionGrid(m, r));
}

QTEST_GUILESS_MAIN(tst_DecisionGrid)
#include "tst_decision_grid.moc"
