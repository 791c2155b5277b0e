// The partial-dependence chart on hand-made curves: the rows' ICE curves (IceCurvesItem) are
// painted where the axes put their values, clipped to the plot and under the bold mean; a
// categorical column's rows are dots at the levels; a new result or clear() replaces them.

#include <QChart>
#include <QtTest>

#include "core/explain/partial_dependence.h"
#include "tests/common/gui_test_setup.h"
#include "ui/explain/dependence_chart.h"
#include "ui/explain/ice_curves_item.h"

using namespace bps;

namespace {

// Rows whose output is a constant level each (0.2, 0.4, ...) across x from 0 to 10.
PartialDependence flatRows(int rows) {
    PartialDependence pd;
    pd.column = "x";
    pd.output = "P(yes)";
    for (int j = 0; j <= 10; ++j) {
        pd.grid.push_back(j);
        pd.labels.push_back(std::to_string(j));
    }
    pd.ice.resize(rows, 11);
    for (int i = 0; i < rows; ++i) pd.ice.row(i).setConstant(0.2 * (i + 1));
    pd.mean = pd.ice.colwise().mean().transpose();
    return pd;
}

// Pixels of the ICE blue (more blue than red and green) in `row` of the plot, which spans x.
int bluePixelsInRow(const QImage& image, const QRectF& plot, int row) {
    int blue = 0;
    for (int x = int(plot.left()) + 3; x < int(plot.right()) - 3; ++x) {
        const QColor c = image.pixelColor(x, row);
        blue += c.blue() > c.red() + 20 && c.blue() > c.green() + 5;
    }
    return blue;
}

}  // namespace

class tst_DependenceChart : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::useTestSettings(QStringLiteral("tst_dependence_chart")); }
    void curvesArePaintedAtTheirValues();
    void categoricalRowsAreDots();
};

void tst_DependenceChart::curvesArePaintedAtTheirValues() {
    DependenceChart chart;
    chart.resize(500, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    PartialDependence pd = flatRows(2);  // rows at 0.2 and 0.4, the mean at 0.3
    chart.setCurves(pd);
    QCOMPARE(chart.iceCurveCount(), 2);
    QCOMPARE(chart.iceCurves()->curves().size(), std::size_t(2));
    QCOMPARE(chart.iceCurves()->curves()[1].front(), QPointF(0, 0.4));
    QCoreApplication::processEvents();
    const QImage image = chart.grab().toImage();
    QCOMPARE(image.size(), chart.size());  // one device pixel per pixel: rows are comparable
    const QRectF plot = chart.chart()->plotArea();
    // Each row's line lies across the plot at the height the axes give its value; halfway
    // between them, where neither row nor the mean is, there is no blue.
    QAbstractSeries* mean = chart.chart()->series().at(1);
    const auto yOf = [&](double value) {
        return int(std::lround(chart.chart()->mapToPosition(QPointF(5, value), mean).y()));
    };
    for (double value : {0.2, 0.4}) {
        int best = 0;
        for (int dy = -1; dy <= 1; ++dy)
            best = std::max(best, bluePixelsInRow(image, plot, yOf(value) + dy));
        QVERIFY2(best > plot.width() * 0.8,
                 qPrintable(QString("%1: %2 blue pixels").arg(value).arg(best)));
    }
    QCOMPARE(bluePixelsInRow(image, plot, yOf(0.35)), 0);
    const int lowRow = yOf(0.2);  // `mean` is deleted with the curves below

    // A new result replaces the curves; clear() leaves none to paint.
    chart.setCurves(flatRows(5));
    QCOMPARE(chart.iceCurves()->curves().size(), std::size_t(5));
    chart.clear();
    QVERIFY(chart.iceCurves()->curves().empty());
    QCOMPARE(chart.iceCurveCount(), 0);
    const QImage empty = chart.grab().toImage();
    QCOMPARE(bluePixelsInRow(empty, plot, lowRow), 0);
}

void tst_DependenceChart::categoricalRowsAreDots() {
    DependenceChart chart;
    chart.resize(500, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    PartialDependence pd;
    pd.column = "colour";
    pd.categorical = true;
    pd.output = "P(yes)";
    pd.grid = {0, 1, 2};
    pd.labels = {"blue", "green", "red"};
    pd.ice.resize(4, 3);
    pd.ice << 0.1, 0.5, 0.9, 0.2, 0.5, 0.8, 0.3, 0.6, 0.7, 0.4, 0.6, 0.6;
    pd.mean = pd.ice.colwise().mean().transpose();
    chart.setCurves(pd);
    QCOMPARE(chart.iceCurves()->curves().size(), std::size_t(4));
    QCOMPARE(chart.iceCurves()->curves()[2][1], QPointF(1, 0.6));
    QCOMPARE(chart.meanPoints().size(), qsizetype(3));
    QCoreApplication::processEvents();
    const QImage image = chart.grab().toImage();
    // A dot at level 'blue' for the row at 0.1: blue pixels around its position; none on the
    // empty stretch between levels.
    QAbstractSeries* mean = chart.chart()->series().at(1);
    const QPoint dot = chart.chart()->mapToPosition(QPointF(0, 0.1), mean).toPoint();
    int blue = 0;
    for (int dy = -2; dy <= 2; ++dy)
        for (int dx = -2; dx <= 2; ++dx) {
            const QColor c = image.pixelColor(dot + QPoint(dx, dy));
            blue += c.blue() > c.red() + 20;
        }
    QVERIFY2(blue > 0, "no dot at (blue, 0.1)");
    const QPoint between = chart.chart()->mapToPosition(QPointF(0.5, 0.1), mean).toPoint();
    const QColor c = image.pixelColor(between);
    QVERIFY2(!(c.blue() > c.red() + 20), qPrintable(c.name()));
}

QTEST_MAIN(tst_DependenceChart)
#include "tst_dependence_chart.moc"
