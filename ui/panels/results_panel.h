#pragma once
// The Results tab: validation metrics of the latest result (final or a pause snapshot) and, by
// task, what they summarise. Binary: the confusion matrix, the ROC curve and a decision-threshold
// slider that recomputes precision, recall, F1 and the confusion matrix on the stored validation
// outputs as it moves. Multiclass: per-class precision, recall, F1 and support, the confusion
// matrix and a one-vs-rest ROC curve per class. Regression: predicted against actual values and
// a histogram of the residuals, in the target's units.

#include <QPointer>
#include <QWidget>

#include "core/evaluation/metrics.h"
// Complete, not declared: callers that read confusion() as a QTableWidget keep compiling.
#include "ui/charts/confusion_matrix_view.h"
#include "ui/panels/marked_slider.h"  // thresholdSlider() returns it as a QSlider
#include "ui/panels/probability_quality_panel.h"
#include "ui/training/training_thread.h"

class QGroupBox;
class QHBoxLayout;
class QLabel;
class QSlider;

namespace bps {

class HistogramChart;
class PerClassTable;

class PredictionScatter;
class RocChart;

class ResultsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ResultsPanel(QWidget* parent = nullptr);
    ~ResultsPanel() override;

    void setResult(TrainingResultPtr result);
    void clear();
    // The data set and target the next results belong to: a different key clears the results
    // shown (they describe another problem).
    void setDataKey(const QString& key);
    TrainingResultPtr result() const { return m_result; }
    const Metrics& metrics() const { return m_metrics; }
    // The decision threshold of the model on show: this panel owns it, and every metric the
    // window shows (this panel, the status bar) is computed at it; exports and the saved model
    // store it (MainWindow::exportWeights).
    double threshold() const;
    void setThreshold(double threshold);
    // A new model (a run from scratch, another data set or target, a model file): its threshold
    // is the one it was evaluated at (0.5 for a fresh one), never the previous model's.
    void resetThreshold(double threshold = 0.5);
    QSlider* thresholdSlider() const { return m_slider; }
    ConfusionMatrixView* confusion() const { return m_confusion; }
    RocChart* rocChart() const { return m_roc; }
    PerClassTable* perClassTable() const { return m_perClass; }
    PredictionScatter* predictionScatter() const { return m_scatter; }
    HistogramChart* residualHistogram() const { return m_residuals; }
    // The Probability quality tab of the same result; the window places it (its own tab). Its
    // "Use this threshold" sets this panel's threshold, the model's.
    ProbabilityQualityPanel* probabilityPanel() const { return m_quality; }

private:
    void recompute();
    void markBestThreshold(double threshold);
    void showMetrics();
    void showConfusion();
    void showRegression();
    QStringList classNames() const;

    TrainingResultPtr m_result;
    Metrics m_metrics;
    QLabel* m_heading;
    QHBoxLayout* m_columns;
    QGroupBox* m_metricsBox;
    QList<QLabel*> m_names, m_values;
    QGroupBox* m_thresholdBox;
    QGroupBox* m_confusionBox;
    QGroupBox* m_perClassBox;
    MarkedSlider* m_slider;
    // Exact (the slider has 1000 steps): a threshold chosen by cost is kept to the last digit.
    double m_threshold = 0.5;
    // Shown in a tab of its own (the window reparents it); owned here until then.
    QPointer<ProbabilityQualityPanel> m_quality;
    QLabel* m_thresholdValue;
    ConfusionMatrixView* m_confusion;
    PerClassTable* m_perClass;
    RocChart* m_roc;
    PredictionScatter* m_scatter;
    HistogramChart* m_residuals;
    QString m_dataKey;
};

}  // namespace bps
