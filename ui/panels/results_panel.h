#pragma once
// The Results tab: validation metrics of the latest result (final or a pause snapshot), the
// confusion matrix, the ROC curve and a decision-threshold slider that recomputes precision,
// recall, F1 and the confusion matrix on the stored validation outputs as it moves.

#include <QWidget>

#include "core/evaluation/metrics.h"
#include "ui/training/training_thread.h"

class QGroupBox;
class QLabel;
class QSlider;
class QTableWidget;

namespace bps {

class RocChart;

class ResultsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ResultsPanel(QWidget* parent = nullptr);

    void setResult(TrainingResultPtr result);
    void clear();
    TrainingResultPtr result() const { return m_result; }
    const Metrics& metrics() const { return m_metrics; }
    // The decision threshold of the model on show: this panel owns it, and every metric the
    // window shows (this panel, the status bar) is computed at it.
    double threshold() const;
    void setThreshold(double threshold);
    // A new model (a run from scratch, another data set or target, a model file): its threshold
    // is the one it was evaluated at (0.5 for a fresh one), never the previous model's.
    void resetThreshold(double threshold = 0.5);
    QSlider* thresholdSlider() const { return m_slider; }
    QTableWidget* confusion() const { return m_confusion; }
    RocChart* rocChart() const { return m_roc; }

private:
    void recompute();
    void showMetrics();
    void showConfusion();

    TrainingResultPtr m_result;
    Metrics m_metrics;
    QLabel* m_heading;
    QGroupBox* m_metricsBox;
    QList<QLabel*> m_names, m_values;
    QGroupBox* m_thresholdBox;
    QGroupBox* m_confusionBox;
    QSlider* m_slider;
    QLabel* m_thresholdValue;
    QTableWidget* m_confusion;
    RocChart* m_roc;
};

}  // namespace bps
