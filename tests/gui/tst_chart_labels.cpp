// Numbers on charts read as numbers: row counts with digit grouping (a 2,000,000-row file's
// class balance read "1.81592e+06") and whole epochs on the health charts' axis ("2176.5").

#include <QBarCategoryAxis>
#include <QChart>
#include <QValueAxis>
#include <QtTest>
#include <cmath>

#include "core/monitoring/epoch_report.h"
#include "ui/charts/health_chart.h"
#include "ui/panels/class_balance_view.h"

using namespace bps;

class tst_ChartLabels : public QObject {
    Q_OBJECT
private slots:
    void countsAreDigitGrouped();
    void classBalanceWritesWholeCounts();
    void epochTicksAreWhole_data();
    void epochTicksAreWhole();
};

void tst_ChartLabels::countsAreDigitGrouped() {
    QCOMPARE(groupedCount(1'815'922), QString("1,815,922"));
    QCOMPARE(groupedCount(999), QString("999"));
}

void tst_ChartLabels::classBalanceWritesWholeCounts() {
    auto data = std::make_shared<LoadedData>();
    CsvColumn target;
    target.name = "Class";
    target.numbers.assign(2'000'000, 0.0);
    std::fill(target.numbers.begin() + 1'815'922, target.numbers.end(), 1.0);
    data->table.columns.push_back(std::move(target));
    data->table.rows = 2'000'000;
    ClassBalanceView view;
    view.showColumn(data, 0);
    QCOMPARE(view.classCount(), 2);
    const auto axes = view.chart()->axes(Qt::Vertical);
    QCOMPARE(axes.size(), 1);
    const QStringList labels = static_cast<QBarCategoryAxis*>(axes.first())->categories();
    QCOMPARE(labels, (QStringList{"0: 1,815,922 (90.8%)", "1: 184,078 (9.2%)"}));
}

void tst_ChartLabels::epochTicksAreWhole_data() {
    QTest::addColumn<int>("epochs");
    QTest::newRow("odd count") << 4353;
    QTest::newRow("even count") << 20;
    QTest::newRow("one") << 1;
}

void tst_ChartLabels::epochTicksAreWhole() {
    QFETCH(int, epochs);
    HealthCharts charts;
    std::vector<EpochReport> reports(static_cast<std::size_t>(epochs));
    for (int i = 0; i < epochs; ++i) {
        reports[static_cast<std::size_t>(i)].epoch = i + 1;
        reports[static_cast<std::size_t>(i)].layers.resize(2);
    }
    charts.beginRun();
    charts.appendEpochs(reports);
    for (QChartView* view : {charts.gradientView(), charts.ratioView(), charts.unitsView()}) {
        auto* x = static_cast<QValueAxis*>(view->chart()->axes(Qt::Horizontal).first());
        QVERIFY(x->max() >= epochs);
        for (int tick = 0; tick < x->tickCount(); ++tick) {
            const double at = x->min() + tick * (x->max() - x->min()) / (x->tickCount() - 1);
            QVERIFY2(at == std::floor(at), qPrintable(QString::number(at)));
        }
        QCOMPARE(x->labelFormat(), QString("%.0f"));
    }
}

QTEST_MAIN(tst_ChartLabels)
#include "tst_chart_labels.moc"
