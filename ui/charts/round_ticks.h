#pragma once
// A value axis over exactly [low, high] with its ticks on round numbers (1, 2 or 5 times a power
// of ten), so the data fill the plot: QValueAxis::applyNiceNumbers() widens the range to round
// ends instead, which left a quarter of a scatter plot empty.

class QValueAxis;

namespace bps {

// About `ticks` ticks; low < high.
void setRoundTicks(QValueAxis* axis, double low, double high, int ticks = 5);

}  // namespace bps
