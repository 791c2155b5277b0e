#pragma once
// The ROC curve of the validation outputs (bps::rocCurve), the chance diagonal, and a dot where
// the current decision threshold sits on the curve; for a multiclass model one curve per class,
// that class's probability against the rest, with its AUC in the legend.

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
    // Multiclass: (rows, k) probabilities against class indices; `classes` names the curves.
    void setOneVsRest(const Eigen::MatrixXd& probabilities, const Eigen::VectorXd& labels,
                      const QStringList& classes);
    void setThresholdPoint(double falsePositiveRate, double truePositiveRate);
    // Where the threshold with the lowest expected cost sits (Probability quality tab); NaN
    // removes the mark.
    void setCostPoint(double falsePositiveRate, double truePositiveRate);
    int costPointCount() const;
    void clear();
    int pointCount() const;
    const QList<QLineSeries*>& classCurves() const { return m_classCurves; }

private:
    void removeClassCurves();
    void showBinaryLegend(bool shown);

    QList<QLineSeries*> m_classCurves;
    QLineSeries* m_curve;
    QScatterSeries* m_threshold;
    QScatterSeries* m_cost;
};

}  // namespace bps
