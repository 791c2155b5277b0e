#pragma once
// The Probability quality tab: how far the validation probabilities can be trusted, and which
// threshold the costs of mistakes call for. A reliability diagram with Brier score and ECE (per
// class, one against the rest, for a multiclass model), cumulative gains and lift, and for a
// binary model a cost box (cost of a false positive and of a false negative, benefit of a true
// positive) with the expected cost per threshold and the threshold that minimises it, which
// "Use this threshold" makes the model's (the Results tab owns that number). Every chart can be
// saved as PNG/SVG and its data as CSV.
//
// The numbers (summary, lowest-cost threshold) follow each result at once; the charts are drawn
// when the tab is shown (RedrawThrottle): drawing all four took 17 ms of every run's end, while
// the tab is mostly hidden. The chart accessors draw what is held back first.

#include <QWidget>
#include <functional>

#include "core/evaluation/calibration.h"
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
class RedrawThrottle;
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

    ReliabilityChart* reliabilityChart() const;
    GainsChart* gainsChart() const;
    GainsChart* liftChart() const;
    ExpectedCostChart* costChart() const;
    QList<ChartCard*> cards() const;
    // Whether a result's charts wait for the tab to be shown.
    bool chartsHeldBack() const;
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
    void drawClass();
    void drawCost();
    void drawHeldBack() const;

    TrainingResultPtr m_result;
    CostPoint m_best{0.5, 0, 0, 0, 0, kNaN};
    // The class shown (one against the rest): what drawClass() draws.
    struct ShownClass {
        Reliability reliability;
        Eigen::VectorXd scores, labels;
        QString subject;
    } m_shown;
    RedrawThrottle* m_classDraw;
    RedrawThrottle* m_costDraw;
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
