#include "ui/panels/results_panel.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>
#include <cmath>

#include "ui/charts/confusion_matrix_view.h"
#include "ui/charts/histogram_chart.h"
#include "ui/charts/prediction_scatter.h"
#include "ui/charts/roc_chart.h"
#include "ui/panels/marked_slider.h"
#include "ui/panels/per_class_table.h"
#include "ui/panels/probability_quality_panel.h"

namespace bps {

namespace {
constexpr int kThresholdSteps = 1000;
constexpr int kMetricRows = 6;

QString value(double v) { return std::isfinite(v) ? QString::number(v, 'f', 4) : "–"; }

QString reasonText(const TrainingResult& r) {
    if (r.reopened)
        return QObject::tr("the opened model's validation rows, found again from its seed");
    if (!r.final) return QObject::tr("snapshot at epoch %1 (paused)").arg(r.epoch);
    switch (r.reason) {
        case StopReason::Completed:
            return QObject::tr("after epoch %1 (completed)").arg(r.epoch);
        case StopReason::EarlyStopping:
            return QObject::tr("after epoch %1 (early stopping: best weights kept)").arg(r.epoch);
        case StopReason::Diverged:
            return QObject::tr("after epoch %1 (diverged: %2)").arg(r.epoch).arg(r.divergence);
        case StopReason::Stopped:
            return QObject::tr("after epoch %1 (stopped)").arg(r.epoch);
        case StopReason::Running:
            break;
    }
    return QObject::tr("at epoch %1").arg(r.epoch);
}
}  // namespace

ResultsPanel::~ResultsPanel() {
    if (m_quality && !m_quality->parent()) delete m_quality;  // never placed in a window
}

ResultsPanel::ResultsPanel(QWidget* parent) : QWidget(parent) {
    m_heading = new QLabel;
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_heading->setWordWrap(true);

    m_metricsBox = new QGroupBox(tr("Validation metrics"));
    auto* grid = new QGridLayout(m_metricsBox);
    grid->setColumnStretch(1, 1);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    for (int i = 0; i < kMetricRows; ++i) {
        auto* name = new QLabel;
        auto* number = new QLabel;
        number->setFont(big);
        number->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        number->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(name, i, 0);
        grid->addWidget(number, i, 1);
        m_names << name;
        m_values << number;
    }

    m_thresholdBox = new QGroupBox(tr("Decision threshold"));
    m_slider = new MarkedSlider;
    m_slider->setRange(0, kThresholdSteps);
    m_slider->setValue(kThresholdSteps / 2);
    m_slider->setToolTip(
        tr("A row is predicted positive when its probability is at least the "
           "threshold. Lower it to catch more positives (recall) at the cost "
           "of more false alarms (precision)."));
    m_thresholdValue = new QLabel;
    m_thresholdValue->setMinimumWidth(m_thresholdValue->fontMetrics().horizontalAdvance("0.000") +
                                      8);
    auto* thresholdRow = new QHBoxLayout(m_thresholdBox);
    thresholdRow->addWidget(m_slider, 1);
    thresholdRow->addWidget(m_thresholdValue);
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        m_threshold = static_cast<double>(value) / kThresholdSteps;
        recompute();
    });
    m_quality = new ProbabilityQualityPanel;
    connect(m_quality, &ProbabilityQualityPanel::thresholdChosen, this,
            &ResultsPanel::setThreshold);
    connect(m_quality, &ProbabilityQualityPanel::bestThresholdChanged, this,
            &ResultsPanel::markBestThreshold);

    // A short title: a long one sets the column's minimum width and squeezes the ROC chart when
    // both docks are open; the table's own headers say "Actual" and "Predicted".
    m_confusionBox = new QGroupBox(tr("Confusion matrix"));
    m_confusionBox->setToolTip(
        tr("Rows: actual class; columns: predicted class, at the "
           "decision threshold above."));
    m_confusion = new ConfusionMatrixView;
    auto* confusionLayout = new QVBoxLayout(m_confusionBox);
    confusionLayout->addWidget(m_confusion);

    m_perClassBox = new QGroupBox(tr("Per class"));
    m_perClassBox->setToolTip(
        tr("Each class against the rest: accuracy and macro F1 above are the "
           "averages of these rows."));
    m_perClass = new PerClassTable;
    auto* perClassLayout = new QVBoxLayout(m_perClassBox);
    perClassLayout->addWidget(m_perClass);

    m_residuals = new HistogramChart;
    m_residuals->setToolTip(
        tr("Predicted minus actual value of each validation row: centred on 0 "
           "and narrow is good; a long tail shows rows the model misses badly."));

    auto* left = new QVBoxLayout;
    left->addWidget(m_metricsBox);
    left->addWidget(m_thresholdBox);
    left->addWidget(m_perClassBox);
    left->addWidget(m_confusionBox, 1);
    left->addWidget(m_residuals, 1);
    m_roc = new RocChart;
    m_scatter = new PredictionScatter;
    auto* right = new QVBoxLayout;
    right->addWidget(m_roc, 1);
    right->addWidget(m_scatter, 1);
    m_columns = new QHBoxLayout;
    m_columns->addLayout(left, 2);
    m_columns->addLayout(right, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addLayout(m_columns, 1);
    clear();
}

double ResultsPanel::threshold() const { return m_threshold; }

void ResultsPanel::setThreshold(double threshold) {
    m_threshold = threshold;
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(static_cast<int>(std::lround(threshold * kThresholdSteps)));
    }
    recompute();
}

void ResultsPanel::markBestThreshold(double threshold) {
    if (!std::isfinite(threshold) || !m_result || m_result->model.task != Task::Binary) {
        m_slider->setMark(std::nullopt);
        m_roc->setCostPoint(kNaN, kNaN);
        return;
    }
    m_slider->setMark(static_cast<int>(std::lround(threshold * kThresholdSteps)));
    m_slider->setToolTip(tr("A row is predicted positive when its probability is at least the "
                            "threshold. The green mark: the lowest expected cost (%1), from the "
                            "Probabilities tab.")
                             .arg(threshold, 0, 'f', 4));
    const Metrics at = computeMetrics(Task::Binary, m_result->validationOutputs,
                                      m_result->validationTargets, 2, kNaN, threshold);
    const auto& c = at.confusion;
    const double negatives = static_cast<double>(c[0][0] + c[0][1]);
    const double positives = static_cast<double>(c[1][0] + c[1][1]);
    m_roc->setCostPoint(negatives > 0 ? c[0][1] / negatives : 0,
                        positives > 0 ? c[1][1] / positives : 0);
}

void ResultsPanel::resetThreshold(double threshold) { setThreshold(threshold); }

void ResultsPanel::clear() {
    m_result.reset();
    m_metrics = Metrics{};
    m_heading->setText(tr("Train a model to see how it does on the validation rows."));
    m_roc->clear();
    m_confusion->clearMatrix();
    m_perClass->clearClasses();
    m_scatter->clear();
    m_residuals->clear(tr("Residuals (after training)"));
    m_quality->clear();
    showMetrics();
}

void ResultsPanel::setDataKey(const QString& key) {
    if (key == m_dataKey) return;
    m_dataKey = key;
    clear();
}

QStringList ResultsPanel::classNames() const {
    QStringList names;
    if (m_result)
        for (const std::string& name : m_result->model.classes)
            names << QString::fromStdString(name);
    return names;
}

void ResultsPanel::setResult(TrainingResultPtr result) {
    m_result = std::move(result);
    if (!m_result) return clear();
    const Task task = m_result->model.task;
    const bool binary = task == Task::Binary;
    m_thresholdBox->setVisible(binary);
    m_roc->setVisible(task != Task::Regression);
    m_confusionBox->setVisible(task != Task::Regression);
    m_perClassBox->setVisible(task == Task::Multiclass);
    m_scatter->setVisible(task == Task::Regression);
    m_residuals->setVisible(task == Task::Regression);
    // The per-class table and a k x k matrix need half the width; a ROC plot needs less.
    m_columns->setStretch(0, task == Task::Multiclass ? 1 : 2);
    m_columns->setStretch(1, task == Task::Multiclass ? 1 : 3);
    if (m_result->validationTargets.size() == 0) {
        m_heading->setText(
            tr("No validation rows: set “Validation rows” above 0% to measure "
               "the model on data it has not trained on."));
        m_metrics = Metrics{};
        m_roc->clear();
        m_confusion->clearMatrix();
        m_perClass->clearClasses();
        m_scatter->clear();
        m_residuals->clear(tr("Residuals (no validation rows)"));
        m_quality->setResult(m_result);
        showMetrics();
        return;
    }
    m_heading->setText(tr("Validation results on %L1 rows, %2")
                           .arg(static_cast<qint64>(m_result->validationTargets.size()))
                           .arg(reasonText(*m_result)));
    recompute();
    if (binary)
        m_roc->setCurve(m_result->validationOutputs.col(0), m_result->validationTargets,
                        m_metrics.rocAuc);
    else if (task == Task::Multiclass)
        m_roc->setOneVsRest(m_result->validationOutputs, m_result->validationTargets, classNames());
    else
        showRegression();
    m_quality->setResult(m_result);
    recompute();  // places the threshold dot on the new curve
}

void ResultsPanel::showRegression() {
    const Eigen::VectorXd& actual = m_result->validationTargets;
    const Eigen::VectorXd predicted = m_result->validationOutputs.col(0);
    const QString target = QString::fromStdString(m_result->model.target);
    m_scatter->setPredictions(actual, predicted, target);
    std::vector<double> residuals(static_cast<std::size_t>(actual.size()));
    for (Eigen::Index i = 0; i < actual.size(); ++i)
        residuals[static_cast<std::size_t>(i)] = predicted(i) - actual(i);
    // Short titles: longer ones are cut off in the narrow left column (the heading gives the
    // row count).
    m_residuals->setValues(residuals, tr("Residuals: predicted − actual"), target);
}

void ResultsPanel::recompute() {
    // Three decimals on the slider's steps; all the digits of one chosen by cost.
    const bool onStep =
        std::abs(threshold() * kThresholdSteps - std::round(threshold() * kThresholdSteps)) < 1e-9;
    m_thresholdValue->setText(QString::number(threshold(), onStep ? 'f' : 'g', onStep ? 3 : 6));
    m_quality->setCurrentThreshold(threshold());
    if (!m_result || m_result->validationTargets.size() == 0) return;
    const Model& model = m_result->model;
    const double loss = model.validation ? model.validation->loss : kNaN;
    m_metrics = computeMetrics(model.task, m_result->validationOutputs, m_result->validationTargets,
                               static_cast<int>(model.classes.size()), loss, threshold());
    showMetrics();
    if (model.task != Task::Regression) showConfusion();
    if (model.task == Task::Multiclass)
        m_perClass->setClasses(perClassMetrics(m_metrics.confusion), classNames());
    if (model.task == Task::Binary && m_metrics.confusion.size() == 2) {
        const auto& c = m_metrics.confusion;
        const double negatives = static_cast<double>(c[0][0] + c[0][1]);
        const double positives = static_cast<double>(c[1][0] + c[1][1]);
        m_roc->setThresholdPoint(negatives > 0 ? c[0][1] / negatives : 0,
                                 positives > 0 ? c[1][1] / positives : 0);
    }
}

void ResultsPanel::showMetrics() {
    QList<QPair<QString, double>> rows;
    const QString tipLoss = tr("Mean cost on the validation rows");
    switch (m_metrics.task) {
        case Task::Binary:
            rows = {{tr("Accuracy"), m_metrics.accuracy}, {tr("Precision"), m_metrics.precision},
                    {tr("Recall"), m_metrics.recall},     {tr("F1"), m_metrics.f1},
                    {tr("ROC AUC"), m_metrics.rocAuc},    {tr("Cost"), m_metrics.loss}};
            break;
        case Task::Multiclass:
            rows = {{tr("Accuracy"), m_metrics.accuracy},
                    {tr("Macro F1"), m_metrics.macroF1},
                    {tr("Cost"), m_metrics.loss}};
            break;
        case Task::Regression:
            rows = {{tr("RMSE"), m_metrics.rmse},
                    {tr("MAE"), m_metrics.mae},
                    {tr("R²"), m_metrics.r2},
                    {tr("Cost"), m_metrics.loss}};
            break;
    }
    for (int i = 0; i < kMetricRows; ++i) {
        const bool used = i < rows.size();
        m_names[i]->setVisible(used);
        m_values[i]->setVisible(used);
        if (!used) continue;
        m_names[i]->setText(rows[i].first);
        m_values[i]->setText(value(rows[i].second));
    }
}

void ResultsPanel::showConfusion() { m_confusion->setConfusion(m_metrics.confusion, classNames()); }

}  // namespace bps
