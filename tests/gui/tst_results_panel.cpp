// The Results tab for every task (issue #14): a regression shows predicted against actual values
// with the y = x line and a residual histogram; a multiclass model its per-class precision,
// recall, F1 and support (core's numbers), a row-normalised confusion matrix and one ROC curve
// per class; a binary model keeps its ROC curve, threshold and 2 x 2 matrix. The Data tab shows a
// regression target's histogram instead of a class balance. Each view is saved as a PNG in the
// build directory (results_*.png, data_target_histogram.png) to be looked at.

#include <QAreaSeries>
#include <QChart>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSlider>
#include <QValueAxis>
#include <QtTest>
#include <numeric>
#include <random>

#include "core/evaluation/metrics.h"
#include "tests/common/gui_test_setup.h"
#include "tests/common/test_vectors.h"
#include "ui/charts/confusion_matrix_view.h"
#include "ui/charts/histogram_chart.h"
#include "ui/charts/prediction_scatter.h"
#include "ui/charts/roc_chart.h"
#include "ui/data/column_summary.h"
#include "ui/panels/class_balance_view.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/panels/per_class_table.h"
#include "ui/panels/results_panel.h"
#include "ui/panels/target_histogram.h"
#include "ui/training/training_controller.h"

using namespace bps;
using bps::test::vec;

namespace {

std::int64_t sum(const std::vector<std::int64_t>& counts) {
    return std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
}

// A finished run's result as the training thread sends it: the model's validation metrics and
// the outputs and targets of the validation rows.
TrainingResultPtr result(Task task, Eigen::MatrixXd outputs, Eigen::VectorXd targets,
                         std::vector<std::string> classes, std::string target) {
    auto r = std::make_shared<TrainingResult>();
    r->final = true;
    r->epoch = 100;
    r->reason = StopReason::Completed;
    r->model.task = task;
    r->model.target = std::move(target);
    r->model.classes = std::move(classes);
    r->model.validation =
        computeMetrics(task, outputs, targets, static_cast<int>(r->model.classes.size()), 0.25);
    r->validationOutputs = std::move(outputs);
    r->validationTargets = std::move(targets);
    return r;
}

// 300 rows of a noisy regression in the target's units (hours), seeded.
TrainingResultPtr regressionResult() {
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0, 1.5);
    std::uniform_real_distribution<double> actual(0, 12);
    Eigen::VectorXd y(300);
    Eigen::MatrixXd p(300, 1);
    for (Eigen::Index i = 0; i < y.size(); ++i) {
        y(i) = actual(rng);
        p(i, 0) = 0.8 * y(i) + 1 + noise(rng);
    }
    return result(Task::Regression, p, y, {}, "affairs");
}

// Three classes of 240 validation rows (unequal sizes), probabilities from noisy logits, seeded.
TrainingResultPtr multiclassResult() {
    std::mt19937 rng(3);
    std::normal_distribution<double> noise(0, 1.2);
    const Eigen::Index n = 240;
    Eigen::VectorXd y(n);
    Eigen::MatrixXd p(n, 3);
    for (Eigen::Index i = 0; i < n; ++i) {
        y(i) = i < 120 ? 0 : i < 190 ? 1 : 2;
        Eigen::Vector3d logits(noise(rng), noise(rng), noise(rng));
        logits(static_cast<Eigen::Index>(y(i))) += 1.6;
        const Eigen::Vector3d e = logits.array().exp();
        p.row(i) = (e / e.sum()).transpose();
    }
    return result(Task::Multiclass, p, y, {"Adelie", "Chinstrap", "Gentoo"}, "species");
}

TrainingResultPtr binaryResult() {
    Eigen::MatrixXd p(8, 1);
    p << 0.1, 0.4, 0.35, 0.8, 0.7, 0.2, 0.9, 0.6;
    return result(Task::Binary, p, vec({0, 0, 1, 1, 1, 0, 1, 0}), {"no", "yes"}, "Class");
}

// The Results tab is about 760 px wide beside both docks in a 1280 px window.
void saveShot(QWidget& widget, const QString& name, QSize size = QSize(760, 720)) {
    widget.resize(size);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    const QImage shot = widget.grab().toImage();
    QVERIFY(!shot.isNull());
    QVERIFY2(shot.save(name), qPrintable(name));
}

LoadedDataPtr table(const std::vector<double>& target) {
    auto data = std::make_shared<LoadedData>();
    data->path = data->displayName = "t.csv";
    CsvColumn x, y;
    x.name = "x";
    y.name = "affairs";
    for (std::size_t i = 0; i < target.size(); ++i) x.numbers.push_back(static_cast<double>(i));
    y.numbers = target;
    data->table.columns = {x, y};
    data->table.rows = target.size();
    data->summaries = summarizeTable(data->table);
    return data;
}

}  // namespace

class tst_ResultsPanel : public QObject {
    Q_OBJECT
private slots:
    void histogramBinsCountEveryFiniteValue_data();
    void histogramBinsCountEveryFiniteValue();
    void regressionShowsPredictionsAndResiduals();
    void multiclassPerClassTableIsCoresNumbers();
    void multiclassConfusionIsShadedPerRow();
    void multiclassHasOneRocCurvePerClass();
    void binaryKeepsItsRocAndThreshold();
    void anotherDataSetOrTargetClears();
    void dataTabShowsTargetHistogramForRegression();
    void windowShowsATrainedRegression();
};

void tst_ResultsPanel::histogramBinsCountEveryFiniteValue_data() {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<int>("counted");
    QTest::newRow("spread") << QList<double>{1, 2, 2.5, 7, 9, 10} << 6;
    QTest::newRow("NaN left out") << QList<double>{1, nan, 3, 4} << 3;
    QTest::newRow("all equal") << QList<double>{5, 5, 5} << 3;
    QTest::newRow("none") << QList<double>{nan} << 0;
}

void tst_ResultsPanel::histogramBinsCountEveryFiniteValue() {
    QFETCH(QList<double>, values);
    QFETCH(int, counted);
    const HistogramBins bins = histogramBins(std::vector<double>(values.begin(), values.end()));
    QCOMPARE(sum(bins.counts), std::int64_t{counted});
    // The maximum lands in the last bin, not past it.
    QCOMPARE(bins.counts.empty() || bins.counts.back() > 0, true);
}

void tst_ResultsPanel::regressionShowsPredictionsAndResiduals() {
    ResultsPanel panel;
    const TrainingResultPtr r = regressionResult();
    panel.setResult(r);
    const auto rows = r->validationTargets.size();

    PredictionScatter* scatter = panel.predictionScatter();
    QVERIFY(scatter->isVisibleTo(&panel));
    QVERIFY(!panel.rocChart()->isVisibleTo(&panel));
    QCOMPARE(scatter->points()->count(), rows);
    // Row i is (actual, predicted) in the target's units.
    QCOMPARE(scatter->points()->at(5),
             QPointF(r->validationTargets(5), r->validationOutputs(5, 0)));
    // The y = x line spans every actual and predicted value.
    const double low = std::min(r->validationTargets.minCoeff(), r->validationOutputs.minCoeff());
    const double high = std::max(r->validationTargets.maxCoeff(), r->validationOutputs.maxCoeff());
    QLineSeries* line = scatter->identityLine();
    QCOMPARE(line->count(), 2);
    QCOMPARE(line->at(0), QPointF(low, low));
    QCOMPARE(line->at(1), QPointF(high, high));
    const auto x = scatter->chart()->axes(Qt::Horizontal);
    const auto y = scatter->chart()->axes(Qt::Vertical);
    QCOMPARE(x.front()->titleText(), QStringLiteral("Actual affairs"));
    QCOMPARE(y.front()->titleText(), QStringLiteral("Predicted affairs"));

    HistogramChart* residuals = panel.residualHistogram();
    QVERIFY(residuals->isVisibleTo(&panel));
    QCOMPARE(sum(residuals->bins().counts), std::int64_t{rows});
    QVERIFY(residuals->chart()->axes(Qt::Horizontal).front()->titleText().contains("affairs"));
    // Its range is the residuals' (predicted - actual), not the values'.
    const Eigen::VectorXd err = r->validationOutputs.col(0) - r->validationTargets;
    QCOMPARE(residuals->bins().low, err.minCoeff());

    // The numbers beside them are core's.
    QCOMPARE(panel.metrics().rmse, r->model.validation->rmse);
    QCOMPARE(panel.metrics().r2, r->model.validation->r2);
    saveShot(panel, "results_regression.png");
}

void tst_ResultsPanel::multiclassPerClassTableIsCoresNumbers() {
    ResultsPanel panel;
    const TrainingResultPtr r = multiclassResult();
    panel.setResult(r);
    PerClassTable* table = panel.perClassTable();
    QVERIFY(table->isVisibleTo(&panel));
    QCOMPARE(table->rowCount(), 3);
    const auto expected = perClassMetrics(r->model.validation->confusion);
    double f1Sum = 0;
    for (int c = 0; c < 3; ++c) {
        const ClassMetrics& m = expected[static_cast<std::size_t>(c)];
        QCOMPARE(table->item(c, PerClassTable::ClassColumn)->text(),
                 QString::fromStdString(r->model.classes[static_cast<std::size_t>(c)]));
        QCOMPARE(table->item(c, PerClassTable::PrecisionColumn)->text(),
                 QString::number(m.precision, 'f', 4));
        QCOMPARE(table->item(c, PerClassTable::RecallColumn)->text(),
                 QString::number(m.recall, 'f', 4));
        QCOMPARE(table->item(c, PerClassTable::F1Column)->text(), QString::number(m.f1, 'f', 4));
        f1Sum += m.f1;
    }
    QCOMPARE(table->item(0, PerClassTable::SupportColumn)->text(), QStringLiteral("120"));
    QCOMPARE(table->item(1, PerClassTable::SupportColumn)->text(), QStringLiteral("70"));
    QCOMPARE(table->item(2, PerClassTable::SupportColumn)->text(), QStringLiteral("50"));
    // Beside the accuracy and macro F1 they average into.
    QCOMPARE(panel.metrics().macroF1, r->model.validation->macroF1);
    QVERIFY(std::abs(f1Sum / 3 - panel.metrics().macroF1) < 1e-12);
    saveShot(panel, "results_multiclass.png");
    saveShot(panel, "results_multiclass_wide.png", QSize(1100, 720));
}

void tst_ResultsPanel::multiclassConfusionIsShadedPerRow() {
    ResultsPanel panel;
    const TrainingResultPtr r = multiclassResult();
    panel.setResult(r);
    ConfusionMatrixView* view = panel.confusion();
    QVERIFY(view->isVisibleTo(&panel));
    const auto& c = r->model.validation->confusion;
    QCOMPARE(view->rowCount(), 3);
    for (int a = 0; a < 3; ++a) {
        const auto& row = c[static_cast<std::size_t>(a)];
        const double total = static_cast<double>(sum(row));
        double shares = 0;
        for (int p = 0; p < 3; ++p) {
            const double share = static_cast<double>(row[static_cast<std::size_t>(p)]) / total;
            QCOMPARE(view->rowShare(a, p), share);
            QCOMPARE(view->item(a, p)->background().color(),
                     ConfusionMatrixView::shade(a == p, share, view->palette()));
            QVERIFY2(view->item(a, p)->text().contains(QString::number(100 * share, 'f', 1) + "%"),
                     qPrintable(view->item(a, p)->text()));
            shares += share;
        }
        QVERIFY(std::abs(shares - 1) < 1e-12);
    }
    // Shading follows the share, not the count: the full diagonal shade is the same for any row
    // size, and a larger share lies further from the base colour (darker on a light palette).
    const QColor base = view->palette().color(QPalette::Base);
    const auto distance = [&](const QColor& c) {
        return std::abs(c.red() - base.red()) + std::abs(c.green() - base.green()) +
               std::abs(c.blue() - base.blue());
    };
    QVERIFY(distance(ConfusionMatrixView::shade(true, 0.9, view->palette())) >
            distance(ConfusionMatrixView::shade(true, 0.3, view->palette())));
}

void tst_ResultsPanel::multiclassHasOneRocCurvePerClass() {
    ResultsPanel panel;
    const TrainingResultPtr r = multiclassResult();
    panel.setResult(r);
    RocChart* roc = panel.rocChart();
    QVERIFY(roc->isVisibleTo(&panel));
    QCOMPARE(roc->classCurves().size(), 3);
    QCOMPARE(roc->pointCount(), 0);  // no binary curve under them
    for (int c = 0; c < 3; ++c) {
        const Eigen::VectorXd isClass = (r->validationTargets.array() == c).cast<double>().matrix();
        const double auc = rocAuc(r->validationOutputs.col(c), isClass);
        QLineSeries* curve = roc->classCurves()[c];
        QCOMPARE(curve->name(), QStringLiteral("%1 %2")
                                    .arg(QString::fromStdString(r->model.classes[c]))
                                    .arg(auc, 0, 'f', 3));
        QCOMPARE(curve->at(0), QPointF(0, 0));
        QCOMPARE(curve->at(curve->count() - 1), QPointF(1, 1));
    }
    QVERIFY(!panel.thresholdSlider()->isVisibleTo(&panel));
}

void tst_ResultsPanel::binaryKeepsItsRocAndThreshold() {
    ResultsPanel panel;
    panel.setResult(multiclassResult());  // a previous multiclass run leaves nothing behind
    const TrainingResultPtr r = binaryResult();
    panel.setResult(r);
    RocChart* roc = panel.rocChart();
    QVERIFY(roc->isVisibleTo(&panel));
    QVERIFY(roc->classCurves().isEmpty());
    QCOMPARE(roc->chart()->title(),
             QStringLiteral("ROC curve (AUC %1)").arg(r->model.validation->rocAuc, 0, 'f', 4));
    QVERIFY(roc->pointCount() > 2);
    QVERIFY(panel.thresholdSlider()->isVisibleTo(&panel));
    QVERIFY(!panel.perClassTable()->isVisibleTo(&panel));
    QVERIFY(!panel.predictionScatter()->isVisibleTo(&panel));
    QVERIFY(!panel.residualHistogram()->isVisibleTo(&panel));
    QCOMPARE(panel.confusion()->rowCount(), 2);
    QCOMPARE(panel.confusion()->item(1, 1)->text(), QStringLiteral("3\n75.0%"));
    QCOMPARE(panel.metrics().f1, r->model.validation->f1);
    saveShot(panel, "results_binary.png");
}

void tst_ResultsPanel::anotherDataSetOrTargetClears() {
    ResultsPanel panel;
    panel.setDataKey("a.csv\naffairs");
    panel.setResult(regressionResult());
    panel.setDataKey("a.csv\naffairs");  // the same problem: kept
    QVERIFY(panel.result());
    QVERIFY(panel.predictionScatter()->points()->count() > 0);
    panel.setDataKey("a.csv\nage");
    QVERIFY(!panel.result());
    QCOMPARE(panel.predictionScatter()->points()->count(), 0);
    QVERIFY(panel.residualHistogram()->bins().counts.empty());

    panel.setResult(multiclassResult());
    panel.setDataKey("b.csv\nspecies");
    QCOMPARE(panel.perClassTable()->rowCount(), 0);
    QVERIFY(panel.rocChart()->classCurves().isEmpty());
    QCOMPARE(panel.confusion()->rowCount(), 0);
}

void tst_ResultsPanel::dataTabShowsTargetHistogramForRegression() {
    DataPanel panel;
    // 'affairs' with 80 distinct non-integer values: a regression target.
    std::vector<double> hours;
    for (int i = 0; i < 80; ++i) hours.push_back(0.25 * i * i / 10);
    hours.push_back(std::numeric_limits<double>::quiet_NaN());
    panel.setData(table(hours));
    QCOMPARE(panel.roles()->targetColumn(), 1);
    QVERIFY(panel.targetHistogram()->isVisibleTo(&panel));
    QVERIFY(!panel.classBalance()->isVisibleTo(&panel));
    QCOMPARE(sum(panel.targetHistogram()->bins().counts), std::int64_t{80});
    QVERIFY2(panel.targetHistogram()->chart()->title().contains("affairs"),
             qPrintable(panel.targetHistogram()->chart()->title()));
    saveShot(panel, "data_target_histogram.png", QSize(1100, 720));

    // A class label keeps its class balance.
    panel.setData(table({0, 1, 1, 0, 2, 1}));
    QVERIFY(!panel.targetHistogram()->isVisibleTo(&panel));
    QVERIFY(panel.classBalance()->isVisibleTo(&panel));
    QCOMPARE(panel.classBalance()->classCount(), 3);
}

void tst_ResultsPanel::windowShowsATrainedRegression() {
    // End to end: a real run's validation rows reach the scatter in the target's units.
    test::useTestSettings(QStringLiteral("tst_results_panel"));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QRandomGenerator random(7);
    QByteArray csv = "x1,x2,price\n";
    for (int i = 0; i < 400; ++i) {
        const double x1 = random.generateDouble(), x2 = random.generateDouble();
        csv += QByteArray::number(x1) + ',' + QByteArray::number(x2) + ',' +
               QByteArray::number(1000 + 300 * x1 - 200 * x2, 'f', 3) + '\n';
    }
    QFile file(dir.filePath("prices.csv"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(csv);
    file.close();
    auto window = test::shownMainWindow();
    QVERIFY(window);
    QSignalSpy loaded(window.get(), &MainWindow::dataLoaded);
    window->loadFile(file.fileName());
    QVERIFY(loaded.wait(10'000));
    QVERIFY(window->dataPanel()->targetHistogram()->isVisibleTo(window->dataPanel()));
    QCOMPARE(sum(window->dataPanel()->targetHistogram()->bins().counts), std::int64_t{400});
    TrainingConfig config;
    config.epochs = 40;
    config.live.batchSize = 32;
    config.live.learningRate = 0.02;
    window->hyperparameters()->setConfig(config);
    window->startTraining();
    ResultsPanel* results = window->resultsPanel();
    QTRY_VERIFY_WITH_TIMEOUT(
        window->controller()->state() == TrainingController::State::Idle && results->result(),
        20'000);
    const auto rows = results->result()->validationTargets.size();
    QVERIFY(rows > 0);
    QCOMPARE(results->predictionScatter()->points()->count(), rows);
    QCOMPARE(sum(results->residualHistogram()->bins().counts), std::int64_t{rows});
    // In the target's units (about 800 to 1300), not the standardised ones.
    QVERIFY(results->predictionScatter()->identityLine()->at(1).x() > 1000);
    QCOMPARE(results->predictionScatter()->chart()->axes(Qt::Horizontal).front()->titleText(),
             QStringLiteral("Actual price"));
    window->tabs()->setCurrentIndex(
        window->tabs()->indexOf(results->parentWidget()->parentWidget()));
    QCoreApplication::processEvents();  // lays the newly shown tab out before the grab
    QVERIFY(window->grab().save("results_in_window.png"));
}

QTEST_MAIN(tst_ResultsPanel)
#include "tst_results_panel.moc"
