// The cost chart's hover read-out: the nearest recorded epoch's train and validation cost,
// shown within a few screen pixels of either line whatever the axes' range.

#include <QChart>
#include <QCursor>
#include <QLineSeries>
#include <QMouseEvent>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <optional>

#include "ui/charts/cost_chart.h"

namespace bps {

namespace {
QString number(double v) { return std::isfinite(v) ? QString::number(v, 'g', 4) : "–"; }
}  // namespace

void CostChart::showHover(const QPointF& point, bool state) {
    if (!state || m_trainCurve.empty()) {
        if (!m_hoverText.isEmpty()) QToolTip::hideText();
        m_hoverText.clear();
        return;
    }
    // The hovered point lies on a line segment; report the nearest recorded epoch. Each curve
    // is searched on its own: a long curve's stored points differ between the two (MinMaxSeries
    // folds old epochs into their extremes).
    const auto nearest = [x = point.x()](const std::vector<QPointF>& points) {
        const auto it = std::lower_bound(points.begin(), points.end(), x,
                                         [](const QPointF& p, double at) { return p.x() < at; });
        std::size_t i = static_cast<std::size_t>(it - points.begin());
        if (i == points.size() || (i > 0 && x - points[i - 1].x() < points[i].x() - x))
            i = i > 0 ? i - 1 : 0;
        return points[i];
    };
    const QPointF train = nearest(m_trainCurve.points());
    const QPointF validation =
        m_validationCurve.empty() ? QPointF(train.x(), kNaN) : nearest(m_validationCurve.points());
    m_hoverText = tr("Epoch %1\nTrain cost: %2\nValidation cost: %3")
                      .arg(train.x())
                      .arg(number(train.y()))
                      .arg(number(validation.y()));
    QToolTip::showText(QCursor::pos(), m_hoverText, this);
}

double CostChart::distanceToLine(QLineSeries* series, const QPointF& at) {
    // Only the segments whose ends lie within the tolerance's reach in x can be near enough.
    const QList<QPointF> points = series->points();
    const double xLo = chart()->mapToValue(at - QPointF(kHoverTolerancePx, 0), series).x();
    const double xHi = chart()->mapToValue(at + QPointF(kHoverTolerancePx, 0), series).x();
    const auto byX = [](const QPointF& p, double x) { return p.x() < x; };
    auto first = std::lower_bound(points.begin(), points.end(), xLo, byX);
    auto last = std::lower_bound(first, points.end(), xHi, byX);
    if (first != points.begin()) --first;
    if (last != points.end()) ++last;
    double best = INFINITY;
    std::optional<QPointF> previous;
    for (auto it = first; it != last; ++it) {
        if (!std::isfinite(it->y())) {
            previous.reset();
            continue;
        }
        const QPointF p = chart()->mapToPosition(*it, series);
        if (previous) {
            // Distance from `at` to the segment previous..p.
            const QPointF d = p - *previous;
            const double length2 = QPointF::dotProduct(d, d);
            const double t =
                length2 > 0 ? std::clamp(QPointF::dotProduct(at - *previous, d) / length2, 0.0, 1.0)
                            : 0.0;
            const QPointF nearest = *previous + t * d;
            best = std::min(best, std::hypot(at.x() - nearest.x(), at.y() - nearest.y()));
        } else {
            best = std::min(best, std::hypot(at.x() - p.x(), at.y() - p.y()));
        }
        previous = p;
    }
    return best;
}

void CostChart::mouseMoveEvent(QMouseEvent* event) {
    QChartView::mouseMoveEvent(event);
    // QLineSeries::hovered fires only on the 2-px line itself; this gives the read-out a few
    // pixels of tolerance in screen space, independent of the axis range.
    const QPointF at = chart()->mapFromScene(mapToScene(event->position().toPoint()));
    const bool near =
        chart()
            ->plotArea()
            .adjusted(-kHoverTolerancePx, -kHoverTolerancePx, kHoverTolerancePx, kHoverTolerancePx)
            .contains(at) &&
        std::min(distanceToLine(m_train, at), distanceToLine(m_validation, at)) <=
            kHoverTolerancePx;
    showHover(chart()->mapToValue(at, m_train), near);
}

void CostChart::leaveEvent(QEvent* event) {
    QChartView::leaveEvent(event);
    showHover({}, false);
}

}  // namespace bps
