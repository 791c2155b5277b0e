#pragma once
// A value axis over exactly [low, high] with its ticks on round numbers (1, 2 or 5 times a power
// of ten), so the data fill the plot: QValueAxis::applyNiceNumbers() widens the range to round
// ends instead, which left a quarter of a scatter plot empty.

#include <vector>

class QValueAxis;

namespace bps {

// About `ticks` ticks; low < high.
void setRoundTicks(QValueAxis* axis, double low, double high, int ticks = 5);
// The same round step, and the ticks it puts inside [low, high], for axes painted by hand.
double roundTickStep(double low, double high, int ticks = 5);
std::vector<double> roundTicks(double low, double high, int ticks = 5);

}  // namespace bps
