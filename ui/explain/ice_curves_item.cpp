#include "ui/explain/ice_curves_item.h"

#include <QAbstractSeries>
#include <QChart>
#include <QPainter>
#include <QTransform>

namespace bps {

IceCurvesItem::IceCurvesItem(QChart* chart)
    : QGraphicsObject(chart), m_chart(chart), m_plot(chart->plotArea()) {
    // Above the plot's background, grid and axes (Qt Charts' z values 0 to 3), below the series
    // (4), so the bold mean line stays on top.
    setZValue(3.5);
    connect(chart, &QChart::plotAreaChanged, this, [this](const QRectF& plot) {
        prepareGeometryChange();
        m_plot = plot;
        update();
    });
}

void IceCurvesItem::setReference(QAbstractSeries* reference) {
    m_reference = reference;
    update();
}

void IceCurvesItem::setCurves(std::vector<QPolygonF> curves, Style style, const QPen& pen) {
    m_curves = std::move(curves);
    m_style = style;
    m_pen = pen;
    update();
}

QRectF IceCurvesItem::boundingRect() const { return m_plot; }

void IceCurvesItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    if (m_curves.empty() || !m_reference || m_plot.isEmpty()) return;
    // The axes are linear: two mapped points give the whole transform.
    const QPointF origin = m_chart->mapToPosition(QPointF(0, 0), m_reference);
    const QPointF unit = m_chart->mapToPosition(QPointF(1, 1), m_reference);
    const QTransform toPlot(unit.x() - origin.x(), 0, 0, unit.y() - origin.y(), origin.x(),
                            origin.y());
    painter->save();
    painter->setClipRect(m_plot);
    painter->setRenderHint(QPainter::Antialiasing);
    if (m_style == Style::Lines) {
        painter->setPen(m_pen);
        painter->setBrush(Qt::NoBrush);
        for (const QPolygonF& curve : m_curves) painter->drawPolyline(toPlot.map(curve));
    } else {
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_pen.color());
        const double r = m_pen.widthF() / 2;
        for (const QPolygonF& dots : m_curves)
            for (const QPointF& p : toPlot.map(dots)) painter->drawEllipse(p, r, r);
    }
    painter->restore();
}

}  // namespace bps
