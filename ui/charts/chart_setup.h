#pragma once
// What the small result charts (reliability, gains and lift, expected cost, importance, partial
// dependence) set up alike: a plain chart view, a 0..1 probability axis, emptying a chart, and
// a number as their Save data CSV writes it.

#include <QByteArray>
#include <QChartView>
#include <QString>

class QValueAxis;

namespace bps {

// Antialiased, no animation, at least `minimum` in size, the legend beside the plot (a bottom
// legend in Qt 6.4 reserves far more height than its one row).
void setUpResultChart(QChartView* view, const QSize& minimum);
// The same for a chart in a small tab beside the docks (importance, partial dependence): the
// plot gets the room, not the chart's frame (thin margins, square corners); follows the palette.
void setUpCompactChart(QChartView* view, const QSize& minimum);
// 0 to 1 in tenths labelled at every fifth: a probability or a share of rows.
QValueAxis* unitAxis(const QString& title);
// Removes every series and axis (and deletes the axes), for a chart rebuilt per result.
void clearChart(QChart* chart);
// 17 significant digits (a double reads back exactly); empty for NaN or an infinity.
QByteArray csvNumber(double value);

}  // namespace bps
