#pragma once
// Partial dependence with its ICE curves: the model's output as one column takes each grid
// value, one thin line per sampled row and the bold mean (the partial dependence). A
// categorical column gets a point per row and level and a bold marker for each level's mean,
// since a line between levels would suggest values in between.

#include <QChartView>

#include "core/explain/partial_dependence.h"

class QLineSeries;
class QScatterSeries;

namespace bps {

class DependenceChart : public QChartView {
    Q_OBJECT
public:
    explicit DependenceChart(QWidget* parent = nullptr);

    void setCurves(const PartialDependence& curves);
    void clear();

    // The bold curve's points (grid index for a categorical column, else the value).
    QList<QPointF> meanPoints() const;
    int iceCurveCount() const { return m_iceCount; }

private:
    QLineSeries* m_meanLine = nullptr;
    QScatterSeries* m_meanPoints = nullptr;
    int m_iceCount = 0;
};

}  // namespace bps
