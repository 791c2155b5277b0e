#pragma once
// The Probability quality tab: how far the validation probabilities can be trusted, and which
// threshold the costs of mistakes call for. A reliability diagram with Brier score and ECE (per
// class, one against the rest, for a multiclass model), cumulative gains and lift, and for a
// binary model a cost box (cost of a false positive and of a false negative, benefit of a true
// positive) with the expected cost per threshold and the threshold that minimises it, which
// "Use this threshold" makes the model's (the Results tab owns that number). Every chart can be
// saved as PNG/SVG and its data as CSV.

#include <QWidget>
#include <functional>

#include "core/evaluation/cost_threshold.h"
#include "ui/training/training_thread.h"

class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QPushButton;

namespace bps {

class ChartCard;
class ExpectedCostChart;
class GainsChart;
class ReliabilityChart;

class ProbabilityQualityPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProbabilityQualityPanel(QWidget* parent = nullptr);

    void setResult(TrainingResultPtr result);
    void clear();
    // The model's current decision threshold (binary), shown on the expected-cost chart.
    void setCurrentThreshold(double threshold);
    // Every save asks this first (the window refuses the loaded data file).
    void setGuard(std::function<QString(const QString&)> guard);
    void setCosts(const Costs& costs);
    Costs costs() const;
    // The cost-minimising threshold for the current costs (binary, with validation rows).
    const CostPoint& best() const { return m_best; }
    bool hasBest() const;

    ReliabilityChart* reliabilityChart() const { return m_reliability; }
    GainsChart* gainsChart() const { return m_gains; }
    GainsChart* liftChart() const { return m_lift; }
    ExpectedCostChart* costChart() const { return m_cost; }
    QList<ChartCard*> cards() const { return m_cards; }
    QComboBox* classChoice() const { return m_class; }
    QComboBox* binningChoice() const { return m_binning; }
    QPushButton* useThresholdButton() const { return m_use; }

signals:
    // "Use this threshold" was pressed: the model's threshold is to become `threshold`.
    void thresholdChosen(double threshold);
    // The cost-minimising threshold changed (new result or costs); NaN when there is none.
    void bestThresholdChanged(double threshold);
    void saveFailed(const QString& message);

private:
    void showClass();
    void recomputeCost();
    void showCurrent();

    TrainingResultPtr m_result;
    CostPoint m_best{0.5, 0, 0, 0, 0, kNaN};
    QLabel* m_heading;
    QLabel* m_summary;
    QComboBox* m_class;
    QLabel* m_classLabel;
    QComboBox* m_binning;
    QGroupBox* m_costBox;
    QDoubleSpinBox* m_fp;
    QDoubleSpinBox* m_fn;
    QDoubleSpinBox* m_tp;
    QLabel* m_bestText;
    QPushButton* m_use;
    ReliabilityChart* m_reliability;
    GainsChart* m_gains;
    GainsChart* m_lift;
    ExpectedCostChart* m_cost;
    ChartCard* m_costCard;
    QList<ChartCard*> m_cards;
    double m_currentThreshold = 0.5;
};

}  // namespace bps
