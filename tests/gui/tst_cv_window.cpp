// The Cross-validate window: after a run its chart has one train and one validation curve per
// fold, the means and the +-1 sd bands, and the baselines; its table has a row per fold and
// repeat, the mean +- sd and the two baselines, every value equal to what core's crossValidate
// returns for the same settings and seed. Cancel and closing end a run within an epoch per
// running fold (epochs counted, not timed); a change of the main window's data or settings marks
// the results stale. Saves the window as cv_window.png (and to BPS_CV_SHOT_OUT when set).

#include <QAreaSeries>
#include <QLineSeries>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>
#include <atomic>

#include "core/csv/csv_reader.h"
#include "core/evaluation/mean_sd.h"
#include "core/validation/cross_validation.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/validation/cv_chart.h"
#include "ui/validation/cv_table.h"
#include "ui/validation/cv_window.h"
#include "ui/window/main_window.h"
#include "ui/window/theme.h"

using namespace bps;

namespace {

CvSource loadSource(const QString& path, const std::string& target,
                    std::vector<std::string> features, int epochs) {
    CvSource s;
    s.table = std::make_shared<const CsvTable>(readCsvFile(path.toStdString()));
    s.path = path;
    s.selection.target = target;
    s.selection.features = std::move(features);
    s.config.epochs = epochs;
    s.description = QFileInfo(path).fileName() + ", target " + QString::fromStdString(target);
    return s;
}

const std::vector<std::string> kCarFeatures{"Cylinders", "Displacement", "Horsepower",
                                            "Weight_in_lbs", "Acceleration"};

double cellValue(const CvTable* t, int row, int column, int role = CvTable::kValueRole) {
    return t->item(row, column)->data(role).toDouble();
}

// Both NaN, or equal.
bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

}  // namespace

class tst_CvWindow : public QObject {
    Q_OBJECT
private slots:
    void runMatchesCore_data();
    void runMatchesCore();
    void cancelStopsWithinAnEpochPerFold();
    void closingMidRunStops();
    void destroyingMidRunDoesNotHang();
    void changedSourceMarksResultsStale();
    void mainWindowOpensItOnItsData();
    void savesTableAndChart();
    void logScaleAndDarkTheme();
    void longRunsAreThinnedMeansAreNot();
    void hoverReadsTheMean();
};

void tst_CvWindow::runMatchesCore_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("folds");
    QTest::addColumn<int>("repeats");
    QTest::addColumn<int>("epochs");
    QTest::addColumn<int>("metrics");
    QTest::addColumn<double>("learningRate");  // htru2's slower, so the picture shows descent
    QTest::newRow("binary htru2 5 folds")
        << QStringLiteral(BPS_SAMPLE_CSV) << "Class" << 5 << 1 << 30 << 6 << 0.002;
    QTest::newRow("multiclass cars 3 folds")
        << QStringLiteral(BPS_TESTS_DIR "/data/cars.csv") << "Origin" << 3 << 1 << 10 << 3 << 0.01;
    QTest::newRow("regression cars 2 folds x 2") << QStringLiteral(BPS_TESTS_DIR "/data/cars.csv")
                                                 << "Miles_per_Gallon" << 2 << 2 << 10 << 4 << 0.01;
}

void tst_CvWindow::runMatchesCore() {
    QFETCH(QString, path);
    QFETCH(QString, target);
    QFETCH(int, folds);
    QFETCH(int, repeats);
    QFETCH(int, epochs);
    QFETCH(int, metrics);
    QFETCH(double, learningRate);
    const bool cars = path.endsWith("cars.csv");
    CvSource source = loadSource(path, target.toStdString(),
                                 cars ? kCarFeatures : std::vector<std::string>{}, epochs);
    source.config.live.learningRate = learningRate;
    CvWindow window;
    window.setSource(source);
    window.foldsBox()->setValue(folds);
    window.repeatsBox()->setValue(repeats);
    window.setJobs(2);
    window.show();
    QSignalSpy finished(&window, &CvWindow::runFinished);
    window.runButton()->click();
    QVERIFY(window.runner()->isRunning());
    QVERIFY2(finished.wait(120'000), "the run never finished");
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(window.result().has_value());

    // The same settings straight through core (one job: results never depend on the count).
    CrossValidationOptions options;
    options.folds = folds;
    options.repeats = repeats;
    options.jobs = 1;
    const CrossValidation core =
        crossValidate(prepareDataset(*source.table, source.selection), source.config, options);
    const int n = folds * repeats;
    QCOMPARE(int(core.folds.size()), n);

    // Chart: a train and a validation curve per fold with every epoch, the means, the bands.
    const CvChart* chart = window.chart();
    QCOMPARE(chart->foldCount(), n);
    int longest = 0;
    for (int f = 0; f < n; ++f) {
        const int e = core.folds[std::size_t(f)].epochs;
        QCOMPARE(chart->foldTrain(f)->count(), e);
        QCOMPARE(chart->foldValidation(f)->count(), e);
        QVERIFY(chart->foldTrain(f)->isVisible());
        longest = std::max(longest, e);
    }
    QCOMPARE(chart->meanValidation()->count(), longest);
    QCOMPARE(chart->meanTrain()->count(), longest);
    QCOMPARE(chart->validationBand()->upperSeries()->count(), longest);
    QCOMPARE(chart->validationBand()->lowerSeries()->count(), longest);
    QCOMPARE(chart->trainBand()->upperSeries()->count(), longest);
    // Epoch 1's mean and band are the folds' mean and sample sd at epoch 1.
    std::vector<double> first;
    for (int f = 0; f < n; ++f) first.push_back(chart->foldValidation(f)->at(0).y());
    const MeanSd s = meanSd(first);
    QCOMPARE(chart->meanValidation()->at(0).y(), s.mean);
    QVERIFY(s.sd > 0);
    QVERIFY(qFuzzyCompare(chart->validationBand()->upperSeries()->at(0).y(), s.mean + s.sd));
    QVERIFY(qFuzzyCompare(chart->validationBand()->lowerSeries()->at(0).y(), s.mean - s.sd));
    // The baselines: horizontal lines at their mean validation cost.
    std::vector<double> majority, linear;
    for (const FoldOutcome& f : core.folds) {
        majority.push_back(f.majority.loss);
        linear.push_back(f.linear.loss);
    }
    QCOMPARE(chart->majorityLine()->count(), 2);
    QCOMPARE(chart->majorityLine()->at(0).y(), meanSd(majority).mean);
    QCOMPARE(chart->majorityLine()->at(1).y(), meanSd(majority).mean);
    QCOMPARE(chart->linearLine()->at(0).y(), meanSd(linear).mean);

    // Table: n fold rows, mean +- sd, linear, majority; the task's metric columns.
    const CvTable* table = window.table();
    QCOMPARE(table->rowCount(), n + 3);
    QCOMPARE(table->columnCount(), CvTable::kLeadingColumns + metrics);
    QCOMPARE(table->meanRow(), n);
    const auto columns = cvMetricColumns(core.task);
    QCOMPARE(int(columns.size()), metrics);
    for (int f = 0; f < n; ++f) {
        const FoldOutcome& fold = core.folds[std::size_t(f)];
        QCOMPARE(table->item(f, 0)->text(),
                 repeats > 1
                     ? QString("Repeat %1, fold %2").arg(fold.repeat + 1).arg(fold.index + 1)
                     : QString("Fold %1").arg(fold.index + 1));
        QCOMPARE(table->item(f, 1)->text(), QString::number(fold.epochs));
        for (int c = 0; c < metrics; ++c) {
            const double want = fold.network.*columns[std::size_t(c)].field;
            const double got = cellValue(table, f, CvTable::kLeadingColumns + c);
            QVERIFY2(same(got, want), qPrintable(QString("fold %1, %2: %3 vs core's %4")
                                                     .arg(f)
                                                     .arg(columns[std::size_t(c)].title)
                                                     .arg(got)
                                                     .arg(want)));
        }
    }
    const std::pair<int, Metrics FoldOutcome::*> summaries[] = {
        {table->meanRow(), &FoldOutcome::network},
        {table->linearRow(), &FoldOutcome::linear},
        {table->majorityRow(), &FoldOutcome::majority}};
    for (const auto& [row, learner] : summaries)
        for (int c = 0; c < metrics; ++c) {
            std::vector<double> values;
            for (const FoldOutcome& f : core.folds)
                values.push_back((f.*learner).*columns[std::size_t(c)].field);
            const MeanSd want = meanSd(values);
            QVERIFY(same(cellValue(table, row, CvTable::kLeadingColumns + c), want.mean));
            QVERIFY(same(cellValue(table, row, CvTable::kLeadingColumns + c, CvTable::kSdRole),
                         want.sd));
        }
    QCOMPARE(window.verdict(), cvVerdict(core));
    QVERIFY(!window.verdict().isEmpty());
    QVERIFY(!window.isStale());

    if (QTest::currentDataTag() == QLatin1String("binary htru2 5 folds")) {
        // The chart and the table lay out in posted events.
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        const QImage shot = window.grab().toImage();
        QVERIFY(shot.save(QDir::currentPath() + "/cv_window.png"));
        const QString out = qEnvironmentVariable("BPS_CV_SHOT_OUT");
        QVERIFY(out.isEmpty() || shot.save(out));
    }
}

// Epochs counted after Cancel (seen by the runner's observer once its flag was set): each
// running fold finishes the epoch it is in and reports the next one stopped before its first
// mini-batch, so at most 2 per fold running (2 jobs), however fast or slow the machine.
void tst_CvWindow::cancelStopsWithinAnEpochPerFold() {
    CvSource source =
        loadSource(QStringLiteral(BPS_TESTS_DIR "/data/cars.csv"), "Origin", kCarFeatures, 100000);
    CvWindow window;
    window.setSource(source);
    window.setJobs(2);
    std::atomic<int> before{0}, after{0};
    window.runner()->setEpochObserver(
        [&](const CvEpoch&, bool afterCancel) { ++(afterCancel ? after : before); });
    QSignalSpy finished(&window, &CvWindow::runFinished);
    QVERIFY(window.run());
    QTRY_VERIFY_WITH_TIMEOUT(before.load() >= 5, 30'000);
    // Live: the running folds' curves and the mean grow before any fold has finished.
    QTRY_VERIFY_WITH_TIMEOUT(window.chart()->meanValidation()->count() >= 2, 30'000);
    QVERIFY(window.runner()->isRunning());
    QVERIFY(window.chart()->foldValidation(0)->count() >= 2);
    QCOMPARE(window.chart()->foldCount(), 5);
    QVERIFY2(window.statusText().startsWith("0 of 5 folds done"), qPrintable(window.statusText()));
    QVERIFY(window.cancelButton()->isEnabled());
    QVERIFY(!window.runButton()->isEnabled());
    window.cancelButton()->click();
    QVERIFY2(finished.wait(30'000), "the cancelled run never finished");
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY2(after.load() <= 4, qPrintable(QString::number(after.load())));
    QVERIFY(!window.result().has_value());
    QCOMPARE(window.table()->rowCount(), 0);
    QVERIFY(window.statusText().startsWith("Cancelled"));
    QVERIFY(window.runButton()->isEnabled());
}

void tst_CvWindow::closingMidRunStops() {
    CvWindow window;
    window.setSource(
        loadSource(QStringLiteral(BPS_TESTS_DIR "/data/cars.csv"), "Origin", kCarFeatures, 100000));
    window.setJobs(2);
    std::atomic<int> before{0}, after{0};
    window.runner()->setEpochObserver(
        [&](const CvEpoch&, bool afterCancel) { ++(afterCancel ? after : before); });
    window.show();
    QSignalSpy finished(&window, &CvWindow::runFinished);
    QVERIFY(window.run());
    QTRY_VERIFY_WITH_TIMEOUT(before.load() >= 3, 30'000);
    QVERIFY(window.close());
    QVERIFY2(finished.wait(30'000), "closing did not end the run");
    QVERIFY2(after.load() <= 4, qPrintable(QString::number(after.load())));
}

// The destructor cancels and waits: it returns, and no fold trains on.
void tst_CvWindow::destroyingMidRunDoesNotHang() {
    auto window = std::make_unique<CvWindow>();
    window->setSource(
        loadSource(QStringLiteral(BPS_TESTS_DIR "/data/cars.csv"), "Origin", kCarFeatures, 100000));
    window->setJobs(2);
    std::atomic<int> before{0}, after{0};
    window->runner()->setEpochObserver(
        [&](const CvEpoch&, bool afterCancel) { ++(afterCancel ? after : before); });
    QVERIFY(window->run());
    QTRY_VERIFY_WITH_TIMEOUT(before.load() >= 3, 30'000);
    window.reset();
    const int atEnd = after.load();
    QVERIFY2(atEnd <= 4, qPrintable(QString::number(atEnd)));
    QCoreApplication::processEvents();
    QCOMPARE(after.load(), atEnd);
}

void tst_CvWindow::changedSourceMarksResultsStale() {
    const CvSource source =
        loadSource(QStringLiteral(BPS_TESTS_DIR "/data/cars.csv"), "Origin", kCarFeatures, 3);
    CvWindow window;
    window.setSource(source);
    window.foldsBox()->setValue(2);
    window.show();
    QSignalSpy finished(&window, &CvWindow::runFinished);
    QVERIFY(window.run());
    QVERIFY(finished.wait(60'000));
    QVERIFY(!window.isStale());
    const QFrame* bar = window.findChild<QFrame*>(QStringLiteral("cvStaleBar"));
    QVERIFY(bar);
    QVERIFY(!bar->isVisible());

    CvSource otherTarget = source;
    otherTarget.selection.target = "Cylinders";
    window.setSource(otherTarget);
    QVERIFY(window.isStale());
    QVERIFY(bar->isVisible());
    window.setSource(source);  // back to what the results came from
    QVERIFY(!window.isStale());

    CvSource otherSettings = source;
    otherSettings.config.live.learningRate *= 2;
    window.setSource(otherSettings);
    QVERIFY(window.isStale());
    QCOMPARE(window.table()->rowCount(), 2 + 3);  // still shown, but marked
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QVERIFY(window.grab().save(QDir::currentPath() + "/cv_window_stale.png"));
    window.clearResults();
    QVERIFY(!window.isStale());
    QCOMPARE(window.table()->rowCount(), 0);
    QCOMPARE(window.chart()->foldCount(), 0);
    QVERIFY(!bar->isVisible());
}

// Training > Cross-validate… opens the window on the loaded file, the chosen target and the
// hyperparameter panel's settings; changing those afterwards marks its results stale.
void tst_CvWindow::mainWindowOpensItOnItsData() {
    MainWindow main;
    main.setDialogsEnabled(false);
    TrainingConfig config = main.hyperparameters()->config();
    config.epochs = 3;
    main.hyperparameters()->setConfig(config);
    QSignalSpy loaded(&main, &MainWindow::dataLoaded);
    main.loadFile(QStringLiteral(BPS_TESTS_DIR "/data/cars.csv"));
    QVERIFY(loaded.wait(20'000));
    // The panel's defaults adapt to the table's rows on loading: the settings to change and
    // restore below are the adapted ones.
    config = main.hyperparameters()->config();
    QAction* action = nullptr;
    for (QAction* a : main.findChildren<QAction*>())
        if (a->text() == QStringLiteral("Cross-&validate…")) action = a;
    QVERIFY(action);
    QTRY_VERIFY(action->isEnabled());
    action->trigger();
    CvWindow* window = main.cvWindow();
    QVERIFY(window);
    QVERIFY(window->isVisible());
    QVERIFY(window->runButton()->isEnabled());
    window->foldsBox()->setValue(2);
    QSignalSpy finished(window, &CvWindow::runFinished);
    QVERIFY(window->run());
    QVERIFY(finished.wait(60'000));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(window->table()->rowCount(), 2 + 3);
    QCOMPARE(window->result()->folds.front().epochs, 3);
    QVERIFY(!window->isStale());
    config.epochs = 4;
    main.hyperparameters()->applyConfig(config, QStringLiteral("epochs"));
    QVERIFY(window->isStale());
    config.epochs = 3;
    main.hyperparameters()->applyConfig(config, QStringLiteral("epochs"));
    QVERIFY(!window->isStale());
    // Another file: the results belong to the earlier one.
    main.loadFile(QStringLiteral(BPS_TESTS_DIR "/data/weather.csv"));
    QVERIFY(loaded.wait(20'000));
    QVERIFY(window->isStale());
    QVERIFY(window->runButton()->isEnabled());
}

void tst_CvWindow::savesTableAndChart() {
    const CvSource source =
        loadSource(QStringLiteral(BPS_TESTS_DIR "/data/cars.csv"), "Origin", kCarFeatures, 3);
    CvWindow window;
    window.setSource(source);
    window.foldsBox()->setValue(3);
    QTemporaryDir dir;
    QVERIFY(!window.saveTableTo(dir.filePath("early.csv")).isEmpty());  // nothing to save yet
    QSignalSpy finished(&window, &CvWindow::runFinished);
    QVERIFY(window.run());
    QVERIFY(finished.wait(60'000));
    QCOMPARE(window.saveTableTo(dir.filePath("cv.csv")), QString());
    QFile file(dir.filePath("cv.csv"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 1 + 3 + 6);
    QCOMPARE(lines[0], QByteArray("row,repeat,fold,epochs,validation_rows,accuracy,macro_f1,loss"));
    QVERIFY(lines[1].startsWith("fold,1,1,3,"));
    QVERIFY(lines[4].startsWith("network mean,"));
    QVERIFY(lines[9].startsWith("majority sd,"));
    // The loaded CSV file is never overwritten.
    const QByteArray before = [&] {
        QFile f(source.path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QVERIFY(!window.saveTableTo(source.path).isEmpty());
    QVERIFY(!window.saveChartTo(source.path).isEmpty());
    QFile again(source.path);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(again.readAll(), before);
    QCOMPARE(window.saveChartTo(dir.filePath("cv.png")), QString());
    QImage image(dir.filePath("cv.png"));
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= window.chart()->minimumWidth());
}

// Log scale keeps every curve and the band (its foot stays above 0); the dark theme darkens the
// chart. Saves cv_window_log.png and cv_window_dark.png to look at.
void tst_CvWindow::logScaleAndDarkTheme() {
    CvWindow window;
    window.setSource(
        loadSource(QStringLiteral(BPS_TESTS_DIR "/data/cars.csv"), "Origin", kCarFeatures, 20));
    window.show();
    QSignalSpy finished(&window, &CvWindow::runFinished);
    QVERIFY(window.run());
    QVERIFY(finished.wait(60'000));
    CvChart* chart = window.chart();
    const int points = chart->meanValidation()->count();
    window.setLogScale(true);
    QVERIFY(chart->logScale());
    QCOMPARE(chart->meanValidation()->count(), points);
    QCOMPARE(chart->foldValidation(4)->count(), window.result()->folds[4].epochs);
    for (const QPointF& p : chart->validationBand()->lowerSeries()->points()) QVERIFY(p.y() > 0);
    QCOMPARE(chart->majorityLine()->count(), 2);
    // The old axis' items go in a deferred delete, the new layout in posted events.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QVERIFY(window.grab().save(QDir::currentPath() + "/cv_window_log.png"));
    window.setLogScale(false);
    QVERIFY(!chart->logScale());

    applyTheme(Theme::Dark);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    const QImage dark = window.grab().toImage();
    QVERIFY(dark.save(QDir::currentPath() + "/cv_window_dark.png"));
    const QImage darkChart = chart->grab().toImage();
    QVERIFY2(darkChart.pixelColor(4, 4).lightness() < 80,
             qPrintable(darkChart.pixelColor(4, 4).name()));
    applyTheme(Theme::System);
}

// 3 folds x 5000 epochs: every series draws at most kPointBudget points, the mean is still over
// every epoch of every fold (its read-out and its first and last points are exact).
void tst_CvWindow::longRunsAreThinnedMeansAreNot() {
    CvChart chart;
    chart.beginRun(3);
    QList<CvEpoch> epochs;
    for (int e = 1; e <= 5000; ++e)
        for (int f = 0; f < 3; ++f) epochs.append(CvEpoch{f, e, 1.0 / e + f, 2.0 / e + 0.1 * f});
    chart.appendEpochs(epochs);
    for (int f = 0; f < 3; ++f) {
        QVERIFY(chart.foldValidation(f)->count() <= CvChart::kPointBudget);
        QVERIFY(chart.foldValidation(f)->count() > CvChart::kPointBudget / 2);
        QCOMPARE(chart.foldValidation(f)->points().last().x(), 5000.0);
    }
    QVERIFY(chart.meanValidation()->count() <= CvChart::kPointBudget);
    QVERIFY(chart.validationBand()->upperSeries()->count() <= CvChart::kPointBudget);
    const QPointF first = chart.meanValidation()->at(0);
    QCOMPARE(first.x(), 1.0);
    QVERIFY(qFuzzyCompare(first.y(), (2.0 + 2.1 + 2.2) / 3));
    QCOMPARE(chart.meanValidation()->points().last().x(), 5000.0);
    QVERIFY(qFuzzyCompare(chart.meanValidation()->points().last().y(), 2.0 / 5000 + 0.1));
}

// Moving the mouse onto the mean validation line shows that epoch's mean +- sd.
void tst_CvWindow::hoverReadsTheMean() {
    CvChart chart;
    chart.resize(700, 420);
    chart.beginRun(2);
    QList<CvEpoch> epochs;
    for (int e = 1; e <= 20; ++e) {
        epochs.append(CvEpoch{0, e, 1.0, 0.5});
        epochs.append(CvEpoch{1, e, 1.0, 0.7});
    }
    chart.appendEpochs(epochs);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const QPointF at = chart.chart()->mapToPosition(QPointF(10, 0.6), chart.meanValidation());
    const QPoint pos = chart.mapFromScene(chart.chart()->mapToScene(at));
    QTest::mouseMove(chart.viewport(), pos - QPoint(0, 20));
    QTest::mouseMove(chart.viewport(), pos);
    QTRY_VERIFY(!chart.hoverText().isEmpty());
    QVERIFY2(chart.hoverText().startsWith("Epoch 10: validation 0.6 ± 0.14"),
             qPrintable(chart.hoverText()));
}

QTEST_MAIN(tst_CvWindow)
#include "tst_cv_window.moc"
