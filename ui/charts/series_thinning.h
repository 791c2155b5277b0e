#pragma once
// Thinning a long curve to a fixed number of points before drawing. Each bucket keeps its lowest
// and its highest point (in x order), so spikes and dips survive, and a curve of 100 or 1,000,000
// epochs costs the same to draw.

#include <QList>
#include <QPointF>
#include <span>

namespace bps {

// At most `budget` points (a budget below 2 counts as 2). Points with a non-finite coordinate are
// left out. A curve that already fits the budget comes back whole.
QList<QPointF> thinMinMax(std::span<const QPointF> points, int budget);

}  // namespace bps
