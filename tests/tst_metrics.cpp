// Metrics against values worked out by hand (and checked against scikit-learn's definitions).

#include <QtTest>

#include "core/evaluation/metrics.h"
#include "tests/common/test_vectors.h"

using namespace bps;
using bps::test::vec;

class tst_Metrics : public QObject {
    Q_OBJECT
private slots:
    void rocAuc_data();
    void rocAuc();
    void binaryMetricsAndConfusion();
    void thresholdMovesPrecisionAndRecall();
    void multiclass();
    void perClassMetricsByHand();
    void regression();
    void rocCurveEndsAtCorners();
    void nanScoresEndTheWalk();
};

void tst_Metrics::rocAuc_data() {
    QTest::addColumn<QList<double>>("scores");
    QTest::addColumn<QList<double>>("labels");
    QTest::addColumn<double>("expected");
    QTest::newRow("sklearn example")
        << QList<double>{0.1, 0.4, 0.35, 0.8} << QList<double>{0, 0, 1, 1} << 0.75;
    QTest::newRow("perfect") << QList<double>{0.1, 0.2, 0.8, 0.9} << QList<double>{0, 0, 1, 1}
                             << 1.0;
    QTest::newRow("inverted") << QList<double>{0.9, 0.8, 0.2, 0.1} << QList<double>{0, 0, 1, 1}
                              << 0.0;
    QTest::newRow("all tied") << QList<double>{0.5, 0.5, 0.5, 0.5} << QList<double>{0, 1, 0, 1}
                              << 0.5;
    QTest::newRow("partial tie") << QList<double>{0.2, 0.5, 0.5, 0.9} << QList<double>{0, 0, 1, 1}
                                 << 0.875;
}

void tst_Metrics::rocAuc() {
    QFETCH(QList<double>, scores);
    QFETCH(QList<double>, labels);
    QFETCH(double, expected);
    const Eigen::VectorXd s = vec(scores), l = vec(labels);
    QCOMPARE(bps::rocAuc(s, l), expected);
}

void tst_Metrics::binaryMetricsAndConfusion() {
    // tn=3 fp=1 fn=1 tp=2
    const Eigen::MatrixXd p = vec({0.1, 0.2, 0.3, 0.7, 0.4, 0.8, 0.9});
    const Eigen::VectorXd y = vec({0, 0, 0, 0, 1, 1, 1});
    const Metrics m = computeMetrics(Task::Binary, p, y, 2, 0.3);
    QCOMPARE(m.confusion, (std::vector<std::vector<std::int64_t>>{{3, 1}, {1, 2}}));
    QCOMPARE(m.accuracy, 5.0 / 7);
    QCOMPARE(m.precision, 2.0 / 3);
    QCOMPARE(m.recall, 2.0 / 3);
    QCOMPARE(m.f1, 2.0 / 3);
    QCOMPARE(m.rocAuc, 11.0 / 12);
    QCOMPARE(m.loss, 0.3);
}

void tst_Metrics::thresholdMovesPrecisionAndRecall() {
    const Eigen::MatrixXd p = vec({0.1, 0.2, 0.3, 0.7, 0.4, 0.8, 0.9});
    const Eigen::VectorXd y = vec({0, 0, 0, 0, 1, 1, 1});
    const Metrics low = computeMetrics(Task::Binary, p, y, 2, 0, 0.35);
    QCOMPARE(low.recall, 1.0);
    QCOMPARE(low.precision, 3.0 / 4);
    // Predicting nothing positive: precision and recall are 0, not NaN.
    const Metrics none = computeMetrics(Task::Binary, p, y, 2, 0, 0.95);
    QCOMPARE(none.recall, 0.0);
    QCOMPARE(none.precision, 0.0);
    QCOMPARE(none.f1, 0.0);
}

void tst_Metrics::multiclass() {
    Eigen::MatrixXd p(6, 3);
    p << 0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.1, 0.1, 0.8, 0.6, 0.3, 0.1, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4;
    const Eigen::VectorXd y = vec({0, 1, 2, 1, 1, 0});
    const Metrics m = computeMetrics(Task::Multiclass, p, y, 3, 0.5);
    QCOMPARE(m.confusion,
             (std::vector<std::vector<std::int64_t>>{{1, 0, 1}, {1, 2, 0}, {0, 0, 1}}));
    QCOMPARE(m.accuracy, 4.0 / 6);
    // per class F1: c0 p=1/2 r=1/2 -> .5; c1 p=1 r=2/3 -> .8; c2 p=1/2 r=1 -> 2/3
    QVERIFY(std::abs(m.macroF1 - (0.5 + 0.8 + 2.0 / 3) / 3) < 1e-12);
}

void tst_Metrics::perClassMetricsByHand() {
    // The multiclass example's confusion matrix: c0 p=1/2 r=1/2; c1 p=1 r=2/3; c2 p=1/2 r=1.
    const auto classes = perClassMetrics({{1, 0, 1}, {1, 2, 0}, {0, 0, 1}});
    QCOMPARE(classes.size(), std::size_t{3});
    QCOMPARE(classes[0].precision, 0.5);
    QCOMPARE(classes[0].recall, 0.5);
    QCOMPARE(classes[1].precision, 1.0);
    QVERIFY(std::abs(classes[1].recall - 2.0 / 3) < 1e-12);
    QVERIFY(std::abs(classes[1].f1 - 0.8) < 1e-12);
    QVERIFY(std::abs(classes[2].f1 - 2.0 / 3) < 1e-12);
    QCOMPARE(classes[0].support, std::int64_t{2});
    QCOMPARE(classes[1].support, std::int64_t{3});
    QCOMPARE(classes[2].support, std::int64_t{1});
    // A class never predicted and never present counts 0, as in macro F1.
    const auto empty = perClassMetrics({{2, 0}, {0, 0}});
    QCOMPARE(empty[1].f1, 0.0);
    QCOMPARE(empty[1].support, std::int64_t{0});
}

void tst_Metrics::regression() {
    const Eigen::MatrixXd p = vec({1, 2, 3, 5});
    const Eigen::VectorXd y = vec({1, 2, 4, 4});
    const Metrics m = computeMetrics(Task::Regression, p, y, 0, 0.1);
    QCOMPARE(m.rmse, std::sqrt(0.5));
    QCOMPARE(m.mae, 0.5);
    QCOMPARE(m.r2, 1 - 2.0 / 6.75);
}

void tst_Metrics::rocCurveEndsAtCorners() {
    const auto curve = rocCurve(vec({0.1, 0.4, 0.35, 0.8}), vec({0, 0, 1, 1}));
    QCOMPARE(curve.front().falsePositiveRate, 0.0);
    QCOMPARE(curve.front().truePositiveRate, 0.0);
    QCOMPARE(curve.back().falsePositiveRate, 1.0);
    QCOMPARE(curve.back().truePositiveRate, 1.0);
    QCOMPARE(curve.size(), std::size_t(5));
}

// A diverged ReLU network can have finite weights and still output NaN on some validation rows.
// The tie walk grouped scores with `==`, which never holds for NaN: computing the final result
// hung the training thread (and closing the window, which waits for it). This returns at once.
void tst_Metrics::nanScoresEndTheWalk() {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const Eigen::VectorXd scores = vec({0.9, nan, 0.2, nan, 0.6});
    const Eigen::VectorXd labels = vec({1, 0, 0, 1, 1});
    QVERIFY(std::isnan(bps::rocAuc(scores, labels)));

    const auto curve = rocCurve(scores, labels);
    // (0,0), then 0.9, 0.6, 0.2 and the NaN group, which comes last and ends at (1,1).
    QCOMPARE(curve.size(), std::size_t(5));
    QCOMPARE(curve[1].threshold, 0.9);
    QCOMPARE(curve[2].threshold, 0.6);
    QCOMPARE(curve[3].threshold, 0.2);
    QCOMPARE(curve[3].truePositiveRate, 2.0 / 3);
    QCOMPARE(curve[3].falsePositiveRate, 0.5);
    QVERIFY(std::isnan(curve.back().threshold));
    QCOMPARE(curve.back().falsePositiveRate, 1.0);
    QCOMPARE(curve.back().truePositiveRate, 1.0);

    const Metrics m = computeMetrics(Task::Binary, scores, labels, 2, nan);
    QVERIFY(std::isnan(m.rocAuc));
    // NaN is not >= the threshold: those rows count as predicted negative.
    QCOMPARE(m.confusion, (std::vector<std::vector<std::int64_t>>{{2, 0}, {1, 2}}));
}

QTEST_APPLESS_MAIN(tst_Metrics)
#include "tst_metrics.moc"
