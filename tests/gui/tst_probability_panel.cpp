// The Probability quality tab (issue #17): its charts are filled from the validation rows, the
// lowest-cost threshold is core's and is marked on the ROC curve and the slider, "Use this
// threshold" makes it the model's (Results metrics, and the saved model file), and every chart
// saves as an image and its data as CSV. Saves probability_quality.png (the whole tab) and
// probability_quality_window.png in the build directory.

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTabWidget>
#include <QXYSeries>
#include <QtTest>
#include <random>

#include "core/evaluation/calibration.h"
#include "core/evaluation/cost_threshold.h"
#include "core/io/model_file.h"
#include "tests/common/gui_test_setup.h"
#include "ui/charts/chart_card.h"
#include "ui/charts/expected_cost_chart.h"
#include "ui/charts/gains_chart.h"
#include "ui/charts/reliability_chart.h"
#include "ui/charts/roc_chart.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/panels/probability_quality_panel.h"
#include "ui/panels/results_panel.h"
#include "ui/training/training_controller.h"

using namespace bps;

namespace {

// n validation rows of a calibrated binary model: p uniform, the outcome drawn with probability p.
TrainingResultPtr binaryResult(int n) {
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> u(0, 1);
    auto r = std::make_shared<TrainingResult>();
    r->final = true;
    r->epoch = 10;
    r->reason = StopReason::Completed;
    r->model.task = Task::Binary;
    r->model.target = "y";
    r->model.classes = {"no", "yes"};
    r->validationOutputs.resize(n, 1);
    r->validationTargets.resize(n);
    for (int i = 0; i < n; ++i) {
        r->validationOutputs(i, 0) = u(rng);
        r->validationTargets(i) = u(rng) < r->validationOutputs(i, 0) ? 1 : 0;
    }
    r->model.validation =
        computeMetrics(Task::Binary, r->validationOutputs, r->validationTargets, 2, 0.5);
    return r;
}

TrainingResultPtr multiclassResult() {
    auto r = std::make_shared<TrainingResult>();
    r->final = true;
    r->model.task = Task::Multiclass;
    r->model.classes = {"a", "b", "c"};
    std::mt19937_64 rng(9);
    std::uniform_real_distribution<double> u(0, 1);
    const int n = 300;
    r->validationOutputs.resize(n, 3);
    r->validationTargets.resize(n);
    for (int i = 0; i < n; ++i) {
        const Eigen::Vector3d w(u(rng), u(rng), u(rng));
        r->validationOutputs.row(i) = (w / w.sum()).transpose();
        r->validationTargets(i) = i % 3;
    }
    return r;
}

}  // namespace

class tst_ProbabilityPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void binaryChartsAreFilled();
    void chartsWaitUntilTheTabIsShown();
    void bestThresholdIsCoresAndMarked();
    void useThisThresholdSetsTheModelsThreshold();
    void chartsSaveImageAndData();
    void multiclassPerClassReliability();
    void regressionExplainsItself();
    void savedModelCarriesTheChosenThreshold();

private:
    QTemporaryDir m_dir;
};

void tst_ProbabilityPanel::initTestCase() {
    test::useTestSettings(QStringLiteral("tst_probability_panel"));
    QVERIFY(m_dir.isValid());
}

void tst_ProbabilityPanel::binaryChartsAreFilled() {
    ResultsPanel results;
    const TrainingResultPtr r = binaryResult(2000);
    results.setResult(r);
    ProbabilityQualityPanel* q = results.probabilityPanel();
    QCOMPARE(q->reliabilityChart()->pointCount(), 10);
    const Reliability expected = reliability(r->validationOutputs.col(0), r->validationTargets);
    QCOMPARE(q->reliabilityChart()->reliability().ece, expected.ece);
    QVERIFY(q->reliabilityChart()->chart()->title().contains("Brier"));
    QVERIFY(q->gainsChart()->pointCount() > 100);
    QVERIFY(q->liftChart()->pointCount() > 100);
    QVERIFY(q->costChart()->pointCount() > 100);
    // Quantile bins: ten points again, each on 200 rows.
    q->binningChoice()->setCurrentIndex(1);
    for (const ReliabilityBin& b : q->reliabilityChart()->reliability().bins)
        QCOMPARE(b.count, std::int64_t{200});
    results.clear();
    QCOMPARE(q->reliabilityChart()->pointCount(), 0);
    QVERIFY(!q->useThresholdButton()->isEnabled());
}

void tst_ProbabilityPanel::chartsWaitUntilTheTabIsShown() {
    ResultsPanel results;
    ProbabilityQualityPanel* q = results.probabilityPanel();
    QTabWidget tabs;  // as in the main window: another tab is current
    tabs.addTab(new QLabel(QStringLiteral("training")), QStringLiteral("Training"));
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setWidget(q);
    tabs.addTab(scroll, QStringLiteral("Probabilities"));
    tabs.resize(900, 700);
    tabs.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tabs));
    QSignalSpy best(q, &ProbabilityQualityPanel::bestThresholdChanged);
    results.setResult(binaryResult(2000));
    // The numbers follow the result at once: the lowest-cost threshold (marked on the Results
    // tab's ROC curve and slider) and the summary...
    QVERIFY(q->hasBest());
    QVERIFY(!best.isEmpty());
    QCOMPARE(best.last().at(0).toDouble(), q->best().threshold);
    QCOMPARE(results.rocChart()->costPointCount(), 1);
    bool summarised = false;
    for (const QLabel* label : q->findChildren<QLabel*>())
        summarised = summarised || label->text().contains(QStringLiteral("Brier score"));
    QVERIFY(summarised);
    // ...the charts wait for the tab (found without the accessors, which draw them).
    auto* reliabilityChart = q->findChild<ReliabilityChart*>();
    auto* costChart = q->findChild<ExpectedCostChart*>();
    QVERIFY(reliabilityChart && costChart);
    QVERIFY(q->chartsHeldBack());
    QCOMPARE(reliabilityChart->pointCount(), 0);
    QCOMPARE(costChart->pointCount(), 0);
    tabs.setCurrentIndex(1);
    QVERIFY(!q->chartsHeldBack());
    QCOMPARE(reliabilityChart->pointCount(), 10);
    QVERIFY(costChart->pointCount() > 100);
    // Shown, a change of costs redraws at once.
    const auto curve = [&] {
        return static_cast<QXYSeries*>(costChart->chart()->series().at(0))->points();
    };
    const QList<QPointF> before = curve();
    q->setCosts({1, 5, 0, 0});
    QVERIFY(!q->chartsHeldBack());
    QVERIFY(curve() != before);
    // A result cleared while held back draws nothing when shown.
    tabs.setCurrentIndex(0);
    results.setResult(binaryResult(500));
    QVERIFY(q->chartsHeldBack());
    results.clear();
    tabs.setCurrentIndex(1);
    QCOMPARE(reliabilityChart->pointCount(), 0);
    QCOMPARE(costChart->pointCount(), 0);
}

void tst_ProbabilityPanel::bestThresholdIsCoresAndMarked() {
    ResultsPanel results;
    const TrainingResultPtr r = binaryResult(2000);
    results.setResult(r);
    ProbabilityQualityPanel* q = results.probabilityPanel();
    const Costs costs{1, 5, 0, 0};
    q->setCosts(costs);
    const CostPoint core =
        minimumCostThreshold(r->validationOutputs.col(0), r->validationTargets, costs);
    QVERIFY(q->hasBest());
    QCOMPARE(q->best().threshold, core.threshold);
    QCOMPARE(q->best().expectedCost, core.expectedCost);
    // Calibrated scores and FN five times FP: the best threshold is near 1 / (1 + 5).
    QVERIFY2(std::abs(core.threshold - 1.0 / 6) < 0.05,
             qPrintable(QString::number(core.threshold)));
    QCOMPARE(results.rocChart()->costPointCount(), 1);
    auto* slider = static_cast<MarkedSlider*>(results.thresholdSlider());
    QVERIFY(slider->mark().has_value());
    QCOMPARE(*slider->mark(), static_cast<int>(std::lround(core.threshold * 1000)));
}

void tst_ProbabilityPanel::useThisThresholdSetsTheModelsThreshold() {
    ResultsPanel results;
    const TrainingResultPtr r = binaryResult(2000);
    results.setResult(r);
    ProbabilityQualityPanel* q = results.probabilityPanel();
    q->setCosts({1, 5, 0, 0});
    const double best = q->best().threshold;
    QVERIFY(best != results.threshold());
    QVERIFY(q->useThresholdButton()->isEnabled());
    q->useThresholdButton()->click();
    QCOMPARE(results.threshold(), best);  // exact, not rounded to the slider's steps
    QCOMPARE(results.metrics().threshold, best);
    const Metrics at =
        computeMetrics(Task::Binary, r->validationOutputs, r->validationTargets, 2, 0.5, best);
    QCOMPARE(results.metrics().confusion, at.confusion);
    QCOMPARE(results.metrics().recall, at.recall);
}

void tst_ProbabilityPanel::chartsSaveImageAndData() {
    ResultsPanel results;
    results.resize(1200, 900);
    results.setResult(binaryResult(500));
    ProbabilityQualityPanel* q = results.probabilityPanel();
    q->resize(1200, 900);
    const QList<ChartCard*> cards = q->cards();
    QCOMPARE(cards.size(), 4);
    QStringList headers;
    for (int i = 0; i < cards.size(); ++i) {
        const QString png = m_dir.filePath(QString("chart%1.png").arg(i));
        QCOMPARE(cards[i]->saveChartTo(png), QString());
        QImage image(png);
        QVERIFY2(!image.isNull() && image.width() > 100, qPrintable(png));
        const QString csv = m_dir.filePath(QString("chart%1.csv").arg(i));
        QCOMPARE(cards[i]->saveDataTo(csv), QString());
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QVERIFY2(lines.size() > 10, qPrintable(csv));
        headers << QString::fromUtf8(lines.front());
    }
    QVERIFY(headers[0].startsWith("bin,lower,upper,rows,positives,mean_predicted"));
    QVERIFY(headers[1].startsWith("fraction_targeted,fraction_captured,lift"));
    QVERIFY(headers[3].startsWith("threshold,true_positives"));
    // The reliability CSV: one line per bin (10) after the header, and a trailing newline.
    QFile rel(m_dir.filePath("chart0.csv"));
    QVERIFY(rel.open(QIODevice::ReadOnly));
    QCOMPARE(rel.readAll().count('\n'), 11);
    // A guard (the window's: the loaded data file) refuses before anything is written.
    const QString guarded = m_dir.filePath("data.csv");
    q->setGuard([&](const QString& path) {
        return path == guarded ? QStringLiteral("that is the data file") : QString();
    });
    QCOMPARE(cards[0]->saveDataTo(guarded), QString("that is the data file"));
    QVERIFY(!QFile::exists(guarded));
}

void tst_ProbabilityPanel::multiclassPerClassReliability() {
    ResultsPanel results;
    results.setResult(multiclassResult());
    ProbabilityQualityPanel* q = results.probabilityPanel();
    QCOMPARE(q->classChoice()->count(), 3);
    QVERIFY(!q->useThresholdButton()->isVisibleTo(q));
    QVERIFY(q->reliabilityChart()->chart()->title().contains("P(a)"));
    const double eceA = q->reliabilityChart()->reliability().ece;
    q->classChoice()->setCurrentIndex(2);
    QVERIFY(q->reliabilityChart()->chart()->title().contains("P(c)"));
    const std::vector<Reliability> perClass = perClassReliability(
        results.result()->validationOutputs, results.result()->validationTargets);
    QCOMPARE(q->reliabilityChart()->reliability().ece, perClass[2].ece);
    QCOMPARE(eceA, perClass[0].ece);
}

void tst_ProbabilityPanel::regressionExplainsItself() {
    ResultsPanel results;
    auto r = std::make_shared<TrainingResult>();
    r->model.task = Task::Regression;
    r->validationOutputs = Eigen::MatrixXd::Ones(5, 1);
    r->validationTargets = Eigen::VectorXd::Ones(5);
    results.setResult(r);
    QCOMPARE(results.probabilityPanel()->reliabilityChart()->pointCount(), 0);
    QVERIFY(!results.probabilityPanel()->useThresholdButton()->isEnabled());
}

void tst_ProbabilityPanel::savedModelCarriesTheChosenThreshold() {
    const auto window = test::shownMainWindow();
    QVERIFY(window);
    QSignalSpy loaded(window.get(), &MainWindow::dataLoaded);
    window->loadFile(QStringLiteral(BPS_SAMPLE_CSV));
    QVERIFY(loaded.wait(10'000));
    TrainingConfig config;
    config.epochs = 5;
    config.live.batchSize = 512;
    window->hyperparameters()->setConfig(config);
    window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(window->controller()->state() == TrainingController::State::Idle &&
                                 window->controller()->model() && window->resultsPanel()->result(),
                             30'000);
    ResultsPanel* results = window->resultsPanel();
    ProbabilityQualityPanel* q = results->probabilityPanel();
    q->setCosts({1, 10, 0, 0});
    QVERIFY(q->hasBest());
    const double best = q->best().threshold;
    QVERIFY(best != 0.5);
    q->useThresholdButton()->click();
    QCOMPARE(results->threshold(), best);
    const QString path = m_dir.filePath("chosen.json");
    QCOMPARE(window->exportWeights(path), QString());
    QCOMPARE(loadModel(path.toStdString()).threshold, best);
    // Opening it again brings the threshold back to the Results tab.
    results->resetThreshold(0.5);
    QCOMPARE(window->openModel(path), QString());
    QCOMPARE(results->threshold(), best);

    // The tab as a user sees it, for the README.
    for (int i = 0; i < window->tabs()->count(); ++i)
        if (window->tabs()->tabText(i) == "Probabilities") window->tabs()->setCurrentIndex(i);
    results->setResult(results->result());
    QTRY_VERIFY(q->isVisible());
    // The charts take their size from the posted layout: wait for it before the picture.
    QChartView* reliabilityView = q->reliabilityChart();
    QTRY_VERIFY(reliabilityView->chart()->size().height() >= reliabilityView->height() - 2);
    QVERIFY(window->grab().save("probability_quality_window.png"));
    QVERIFY(q->grab().save("probability_quality.png"));  // the whole tab, scrolled or not
}

QTEST_MAIN(tst_ProbabilityPanel)
#include "tst_probability_panel.moc"
