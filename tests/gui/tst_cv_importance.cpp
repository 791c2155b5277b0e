// The Cross-validate window's "Importance across folds": with "Compute feature importance"
// checked, a run fills the chart with one bar per input column (each with its mean +- sd bar),
// the same means core's crossValidateWithImportance gives for the same settings; unchecked, no
// importance is computed and the view stays hidden. The chart saves as PNG and the data as the
// command line's CSV, never over the loaded file.

#include <QCheckBox>
#include <QFile>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "core/csv/csv_reader.h"
#include "core/explain/cv_importance.h"
#include "ui/charts/importance_chart.h"
#include "ui/validation/cv_importance_view.h"
#include "ui/validation/cv_window.h"

using namespace bps;

namespace {

const std::vector<std::string> kCarFeatures{"Cylinders",     "Displacement", "Horsepower",
                                            "Weight_in_lbs", "Acceleration", "Origin"};

CvSource carsSource() {
    CvSource s;
    const QString path = QStringLiteral(BPS_TESTS_DIR "/data/cars.csv");
    s.table = std::make_shared<const CsvTable>(readCsvFile(path.toStdString()));
    s.path = path;
    s.selection.target = "Miles_per_Gallon";
    s.selection.features = kCarFeatures;
    s.config.epochs = 10;
    s.description = QStringLiteral("cars.csv, target Miles_per_Gallon");
    return s;
}

}  // namespace

class tst_CvImportance : public QObject {
    Q_OBJECT
private slots:
    void chartHasOneBarPerInputColumn();
    void withoutTheCheckBoxNothingIsComputed();
};

void tst_CvImportance::chartHasOneBarPerInputColumn() {
    const CvSource source = carsSource();
    CvWindow window;
    window.setSource(source);
    window.foldsBox()->setValue(3);
    window.setJobs(2);
    window.importanceBox()->setChecked(true);
    window.show();
    QSignalSpy finished(&window, &CvWindow::runFinished);
    QVERIFY(window.run());
    QVERIFY(!window.importanceBox()->isEnabled());  // not changed mid-run
    QVERIFY2(finished.wait(120'000), "the run never finished");
    QCOMPARE(finished.first().first().toBool(), true);

    const CvImportanceView* view = window.importanceView();
    QVERIFY(view->isVisible());
    QVERIFY(view->result().has_value());
    const ImportanceChart* chart = view->chart();
    QStringList columns = chart->columns();
    QCOMPARE(columns.size(), int(kCarFeatures.size()));
    QStringList expected;
    for (const auto& f : kCarFeatures) expected << QString::fromStdString(f);
    columns.sort();
    expected.sort();
    QCOMPARE(columns, expected);
    QVERIFY(chart->errorBarCount() > 0);

    // The same means as core's, in the chart's order (most important first).
    CrossValidationOptions options;
    options.folds = 3;
    options.jobs = 1;
    ImportanceOptions importance;
    importance.seed = source.config.seed;
    const CvImportance core = crossValidateWithImportance(
        prepareDataset(*source.table, source.selection), source.config, options, importance);
    const auto sorted = sortedByImportance(core.pooled);
    QCOMPARE(chart->means().size(), sorted.size());
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        QCOMPARE(chart->columns()[int(i)], QString::fromStdString(sorted[i].column));
        QCOMPARE(chart->means()[i], sorted[i].mean);
    }

    QTemporaryDir dir;
    QCOMPARE(window.importanceView()->saveChartTo(dir.filePath("imp.png")), QString());
    QVERIFY(QFileInfo(dir.filePath("imp.png")).size() > 0);
    QCOMPARE(window.importanceView()->saveDataTo(dir.filePath("imp.csv")), QString());
    QFile csv(dir.filePath("imp.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QVERIFY(lines.front().startsWith("column,mean_drop,sd,drop_1,"));
    QCOMPARE(lines.size(), 1 + int(kCarFeatures.size()));
    QVERIFY(!window.importanceView()->saveDataTo(source.path).isEmpty());

    // Clearing empties the chart.
    window.clearResults();
    QVERIFY(!window.importanceView()->result().has_value());
    QVERIFY(window.importanceView()->chart()->columns().isEmpty());
}

void tst_CvImportance::withoutTheCheckBoxNothingIsComputed() {
    CvWindow window;
    window.setSource(carsSource());
    window.foldsBox()->setValue(2);
    window.setJobs(2);
    window.show();
    QVERIFY(!window.importanceBox()->isChecked());
    QSignalSpy finished(&window, &CvWindow::runFinished);
    QVERIFY(window.run());
    QVERIFY2(finished.wait(120'000), "the run never finished");
    QVERIFY(window.result().has_value());
    QVERIFY(!window.importanceView()->isVisible());
    QVERIFY(!window.importanceView()->result().has_value());
    QVERIFY(window.importanceView()->chart()->columns().isEmpty());
}

QTEST_MAIN(tst_CvImportance)
#include "tst_cv_importance.moc"
