#pragma once
// The ROC curve of the validation outputs (bps::rocCurve), the chance diagonal, and a dot where
// the current decision threshold sits on the curve.

#include <QChartView>
#include <vector>

#include "core/evaluation/metrics.h"

class QLineSeries;
class QScatterSeries;

namespace bps {

class RocChart : public QChartView {
    Q_OBJECT
public:
    explicit RocChart(QWidget* parent = nullptr);

    // Binary outputs (probability of the positive class) against 0/1 targets.
    void setCurve(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels, double auc);
    void setThresholdPoint(double falsePositiveRate, double truePositiveRate);
    void clear();
    int pointCount() const;

private:
    QLineSeries* m_curve;
    QScatterSeries* m_threshold;
};

}  // namespace bps
