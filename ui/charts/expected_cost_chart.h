#pragma once
// Expected cost per row against the decision threshold, for the costs in the Probability
// quality tab (core/evaluation/cost_threshold.h), with the threshold that minimises it and the
// model's current threshold marked.

#include <QChartView>
#include <vector>

#include "core/evaluation/cost_threshold.h"

class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace bps {

class ExpectedCostChart : public QChartView {
    Q_OBJECT
public:
    explicit ExpectedCostChart(QWidget* parent = nullptr);

    void setCurve(std::vector<CostPoint> curve, const CostPoint& best);
    void setCurrentThreshold(double threshold);
    void clear();
    int pointCount() const;
    // threshold,true_positives,false_positives,true_negatives,false_negatives,expected_cost
    QByteArray csv() const;

private:
    std::vector<CostPoint> m_points;
    QLineSeries* m_curve;
    QScatterSeries* m_best;
    QLineSeries* m_current;
    QValueAxis* m_y;
};

}  // namespace bps
