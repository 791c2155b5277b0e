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

class IceCurvesItem;

class DependenceChart : public QChartView {
    Q_OBJECT
public:
    explicit DependenceChart(QWidget* parent = nullptr);

    void setCurves(const PartialDependence& curves);
    void clear();

    // The bold curve's points (grid index for a categorical column, else the value).
    QList<QPointF> meanPoints() const;
    int iceCurveCount() const { return m_iceCount; }
    // What draws the rows' curves (or dots), in the axes' units.
    const IceCurvesItem* iceCurves() const { return m_ice; }

private:
    QLineSeries* m_meanLine = nullptr;
    QScatterSeries* m_meanPoints = nullptr;
    int m_iceCount = 0;
    IceCurvesItem* m_ice;
};

}  // namespace bps
