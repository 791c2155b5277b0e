// The ROC chart: its title says why there is no AUC (one class in validation, or a network
// that outputs NaN), and the curve runs from (0,0) to (1,1) even when some scores are NaN.

#include <QChart>
#include <QLineSeries>
#include <QtTest>
#include <limits>

#include "tests/common/test_vectors.h"
#include "ui/charts/roc_chart.h"

using namespace bps;
using bps::test::vec;

namespace {
QLineSeries* curveOf(RocChart& chart) {
    for (QAbstractSeries* s : chart.chart()->series())
        if (s->name() == QLatin1String("ROC")) return qobject_cast<QLineSeries*>(s);
    return nullptr;
}
}  // namespace

class tst_RocChart : public QObject {
    Q_OBJECT
private slots:
    void titleGivesTheAuc();
    void titleSaysWhyThereIsNone_data();
    void titleSaysWhyThereIsNone();
};

void tst_RocChart::titleGivesTheAuc() {
    RocChart chart;
    const Eigen::VectorXd scores = vec({0.1, 0.4, 0.35, 0.8});
    const Eigen::VectorXd labels = vec({0, 0, 1, 1});
    chart.setCurve(scores, labels, rocAuc(scores, labels));
    QCOMPARE(chart.chart()->title(), QStringLiteral("ROC curve (AUC 0.7500)"));
    QCOMPARE(chart.pointCount(), 5);
}

void tst_RocChart::titleSaysWhyThereIsNone_data() {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QTest::addColumn<QList<double>>("scores");
    QTest::addColumn<QList<double>>("labels");
    QTest::addColumn<QString>("says");
    QTest::newRow("one class") << QList<double>{0.2, 0.7} << QList<double>{1, 1}
                               << QStringLiteral("needs both classes");
    QTest::newRow("NaN outputs") << QList<double>{0.9, nan, 0.2, nan} << QList<double>{1, 0, 0, 1}
                                 << QStringLiteral("outputs are NaN");
}

void tst_RocChart::titleSaysWhyThereIsNone() {
    QFETCH(QList<double>, scores);
    QFETCH(QList<double>, labels);
    QFETCH(QString, says);
    const Eigen::VectorXd s = vec(scores), l = vec(labels);
    RocChart chart;
    chart.setCurve(s, l, rocAuc(s, l));
    QVERIFY2(chart.chart()->title().contains(says), qPrintable(chart.chart()->title()));
    QLineSeries* curve = curveOf(chart);
    QVERIFY(curve);
    QVERIFY(curve->count() >= 2);
    QCOMPARE(curve->at(0), QPointF(0, 0));
    const QPointF end = curve->at(curve->count() - 1);
    QCOMPARE(end.y(), 1.0);
}

QTEST_MAIN(tst_RocChart)
#include "tst_roc_chart.moc"
