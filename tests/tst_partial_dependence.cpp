// Partial dependence (core/explain/partial_dependence): the curve of a monotone model is
// monotone and, for one row, exactly the model's prediction with the raw cell set to each grid
// value; a categorical column has a point per level; a multiclass curve is of the class asked
// for.

#include <QtTest>
#include <cmath>

#include "core/base/errors.h"
#include "core/explain/explain_data.h"
#include "core/explain/partial_dependence.h"
#include "tests/common/explain_fixtures.h"
#include "tests/test_support.h"

using namespace bps;
using test::generatedCsv;
using test::linearModel;
using test::monotoneModel;

class tst_PartialDependence : public QObject {
    Q_OBJECT
private slots:
    void partialDependenceOfMonotoneModelIsMonotone();
    void oneRowCurveIsThePrediction();
    void categoricalCurveHasOnePointPerLevel();
    void multiclassCurveIsTheChosenClasssProbability();
    void classNamesForTheCurve();
};

void tst_PartialDependence::partialDependenceOfMonotoneModelIsMonotone() {
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
void tst_PartialDependence::oneRowCurveIsThePrediction() {
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

void tst_PartialDependence::categoricalCurveHasOnePointPerLevel() {
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
void tst_PartialDependence::multiclassCurveIsTheChosenClasssProbability() {
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

void tst_PartialDependence::classNamesForTheCurve() {
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

QTEST_GUILESS_MAIN(tst_PartialDependence)
#include "tst_partial_dependence.moc"
