#pragma once
// The thin ICE curves (or, for a categorical column, dots) of a partial-dependence chart,
// painted straight onto the chart's plot area. As a QLineSeries of 200 x 50 points they cost
// 55 ms of the UI thread at every new result: Qt Charts strokes the whole path to make a hover
// shape, which nothing here needs. This item maps the points with the axes' linear transform
// and draws them clipped to the plot, in a few milliseconds.

#include <QGraphicsObject>
#include <QPen>
#include <QPolygonF>
#include <vector>

class QAbstractSeries;
class QChart;

namespace bps {

class IceCurvesItem : public QGraphicsObject {
    Q_OBJECT
public:
    enum class Style { Lines, Dots };

    explicit IceCurvesItem(QChart* chart);

    // Drawn with the axes `reference` is attached to (linear ones); none: nothing is drawn.
    void setReference(QAbstractSeries* reference);

    // One polygon per row, in the axes' units.
    void setCurves(std::vector<QPolygonF> curves, Style style, const QPen& pen);
    const std::vector<QPolygonF>& curves() const { return m_curves; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QChart* m_chart;
    QAbstractSeries* m_reference = nullptr;
    std::vector<QPolygonF> m_curves;
    Style m_style = Style::Lines;
    QPen m_pen;
    QRectF m_plot;
};

}  // namespace bps
