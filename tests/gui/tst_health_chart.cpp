// The health charts: one series per layer for the gradient norm and the update ratio on log
// axes, saturated and dead fractions per hidden layer, per-layer colours shared by the charts,
// thinning of long histories, and live updates from a real run in the main window.

#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>
#include <memory>

#include "tests/common/gui_test_setup.h"
#include "ui/charts/health_chart.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/window/main_window.h"

using namespace bps;

namespace {
std::vector<EpochReport> reports(int epochs, int layers, int firstEpoch = 1) {
    std::vector<EpochReport> out;
    for (int e = 0; e < epochs; ++e) {
        EpochReport r;
        r.epoch = firstEpoch + e;
        for (int i = 0; i < layers; ++i) {
            LayerHealth h;
            h.gradientNorm = 0.1 * (i + 1) / (e + 1);
            h.updateRatio = 1e-3 * (i + 1);
            h.saturatedFraction = 0.1 * i;
            h.deadFraction = 0.05;
            r.layers.push_back(h);
        }
        out.push_back(r);
    }
    return out;
}

QList<QLineSeries*> lines(QChartView* view) {
    QList<QLineSeries*> out;
    for (QAbstractSeries* s : view->chart()->series()) out << qobject_cast<QLineSeries*>(s);
    return out;
}

bool onLogAxis(QLineSeries* s) {
    for (QAbstractAxis* a : s->attachedAxes())
        if (a->type() == QAbstractAxis::AxisTypeLogValue) return true;
    return false;
}
}  // namespace

class tst_HealthChart : public QObject {
    Q_OBJECT
private slots:
    void seriesPerLayer_data();
    void seriesPerLayer();
    void longHistoriesAreThinned();
    void thinnedCurvesKeepTheirExtremes();
    void newRunStartsAfresh();
    void liveFromTheMainWindow();
};

void tst_HealthChart::seriesPerLayer_data() {
    QTest::addColumn<int>("layers");
    QTest::newRow("logistic regression") << 1;
    QTest::newRow("one hidden layer") << 2;
    QTest::newRow("three hidden layers") << 4;
}

void tst_HealthChart::seriesPerLayer() {
    QFETCH(int, layers);
    HealthCharts charts;
    const auto r = reports(30, layers);
    charts.appendEpochs(r);
    QCOMPARE(charts.layerCount(), layers);
    for (QChartView* view : {charts.gradientView(), charts.ratioView()}) {
        const auto series = lines(view);
        QCOMPARE(series.size(), layers);
        for (int i = 0; i < layers; ++i) {
            QVERIFY2(onLogAxis(series[i]), "not on a log axis");
            QCOMPARE(series[i]->count(), 30);
            QCOMPARE(series[i]->pen().color(), layerColor(i));  // same colour in every chart
            QVERIFY(!series[i]->name().isEmpty());
        }
        QVERIFY(!view->chart()->title().isEmpty());
        for (QAbstractAxis* axis : view->chart()->axes()) QVERIFY(!axis->titleText().isEmpty());
        QVERIFY(view->chart()->legend()->isVisible());
    }
    // Two lines (saturated, dead) per hidden layer; the output layer has none.
    const auto units = lines(charts.unitsView());
    QCOMPARE(units.size(), 2 * (layers - 1));
    if (layers > 1) {
        QCOMPARE(units[0]->at(0).y(), 0.0);   // layer 1 saturated
        QCOMPARE(units[1]->at(0).y(), 0.05);  // layer 1 dead
        QVERIFY(units[1]->pen().style() == Qt::DashLine);
    }
    QCOMPARE(lines(charts.gradientView())[0]->at(29).y(), 0.1 / 30);
    // The log axis covers every value in whole decades.
    QLogValueAxis* axis = nullptr;
    for (QAbstractAxis* a : lines(charts.gradientView())[0]->attachedAxes())
        if (auto* log = qobject_cast<QLogValueAxis*>(a)) axis = log;
    QVERIFY(axis);
    QVERIFY(axis->min() <= 0.1 / 30 && axis->max() >= 0.1 * layers);
}

void tst_HealthChart::longHistoriesAreThinned() {
    HealthCharts charts;
    const auto r = reports(20'000, 2);
    for (std::size_t k = 0; k < r.size(); k += 5000)
        charts.appendEpochs(std::span(r).subspan(k, 5000));
    QCOMPARE(charts.epochCount(), std::size_t(20'000));
    for (QLineSeries* s : lines(charts.gradientView()))
        QVERIFY2(s->count() <= HealthCharts::kPointBudget, qPrintable(QString::number(s->count())));
    // Zero gradients (a frozen layer) cannot be drawn on a log axis and are left out.
    auto zero = reports(3, 2);
    for (auto& e : zero) e.layers[0].gradientNorm = 0;
    HealthCharts other;
    other.appendEpochs(zero);
    QCOMPARE(lines(other.gradientView())[0]->count(), 0);
    QCOMPARE(lines(other.gradientView())[1]->count(), 3);

    // On screen, two points per pixel column of the plot: narrow plots draw fewer, and a wider
    // window draws more at once.
    HealthCharts shown;
    shown.resize(700, 220);
    shown.show();
    QVERIFY(QTest::qWaitForWindowExposed(&shown));
    shown.appendEpochs(r);
    const auto widest = [&] {
        int most = 0;
        for (QLineSeries* s : lines(shown.gradientView())) most = std::max(most, int(s->count()));
        return most;
    };
    const auto plotWidth = [&] { return shown.gradientView()->chart()->plotArea().width(); };
    QVERIFY2(plotWidth() > 0 && 2 * plotWidth() < HealthCharts::kPointBudget,
             qPrintable(QString::number(plotWidth())));
    const int narrow = widest();
    // (The plot was measured before the new axis labels moved its edge by a few pixels.)
    QVERIFY2(narrow <= 2 * plotWidth() + 40 && narrow > plotWidth(),
             qPrintable(QString("%1 points, plot %2 px").arg(narrow).arg(plotWidth())));
    shown.resize(1500, 220);
    QTRY_VERIFY(widest() > narrow);
    QVERIFY(widest() <= HealthCharts::kPointBudget);
}

// Thinned to a few hundred points, a curve still shows its one-epoch spike and dip, and the log
// axis spans both.
void tst_HealthChart::thinnedCurvesKeepTheirExtremes() {
    auto r = reports(20'000, 2);
    for (EpochReport& e : r) e.layers[0].gradientNorm = 0.01;
    r[12'344].layers[0].gradientNorm = 10;  // epoch 12,345
    r[776].layers[0].gradientNorm = 1e-6;   // epoch 777
    HealthCharts charts;
    charts.appendEpochs(r);
    const QList<QPointF> drawn = lines(charts.gradientView())[0]->points();
    QVERIFY2(drawn.size() <= HealthCharts::kPointBudget, qPrintable(QString::number(drawn.size())));
    QVERIFY(drawn.contains(QPointF(12'345, 10)));
    QVERIFY(drawn.contains(QPointF(777, 1e-6)));
    auto* axis =
        qobject_cast<QLogValueAxis*>(charts.gradientView()->chart()->axes(Qt::Vertical)[0]);
    QVERIFY(axis && axis->min() <= 1e-6 && axis->max() >= 10);
}

void tst_HealthChart::newRunStartsAfresh() {
    HealthCharts charts;
    charts.appendEpochs(reports(10, 3));
    charts.beginRun();
    charts.appendEpochs(reports(5, 2));
    QCOMPARE(charts.layerCount(), 2);
    QCOMPARE(lines(charts.gradientView()).size(), 2);
    QCOMPARE(lines(charts.gradientView())[0]->count(), 5);
}

void tst_HealthChart::liveFromTheMainWindow() {
    test::useTestSettings(QStringLiteral("tst_health_chart"));
    const auto shown = test::shownMainWindow();
    QVERIFY(shown);
    MainWindow& window = *shown;
    QSignalSpy loaded(&window, &MainWindow::dataLoaded);
    window.loadFile(QStringLiteral(BPS_SAMPLE_CSV));
    QVERIFY(loaded.wait(10'000));
    TrainingConfig c;
    c.hidden = {8, 4};
    c.epochs = 10'000;
    window.hyperparameters()->setConfig(c);
    window.startTraining();
    HealthCharts* charts = window.healthCharts();
    // Live: points arrive while the run is still going.
    QTRY_VERIFY_WITH_TIMEOUT(charts->epochCount() >= 5, 20'000);
    QVERIFY(window.controller()->isActive());
    QCOMPARE(charts->layerCount(), 3);
    QCOMPARE(lines(charts->gradientView()).size(), 3);
    // Drawn at the window's redraw pace (RedrawThrottle), so the lines may lag the data a little.
    QTRY_VERIFY_WITH_TIMEOUT(lines(charts->gradientView())[0]->count() >= 5, 20'000);
    window.stopTraining();
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isActive(), 10'000);
    QCOMPARE(charts->epochCount(), window.controller()->history().size());
}

QTEST_MAIN(tst_HealthChart)
#include "tst_health_chart.moc"
