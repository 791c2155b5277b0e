#include "ui/charts/round_ticks.h"

#include <QValueAxis>
#include <cmath>

namespace bps {

void setRoundTicks(QValueAxis* axis, double low, double high, int ticks) {
    axis->setRange(low, high);
    const double raw = (high - low) / std::max(ticks - 1, 1);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    const double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : 5 * power;
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
    axis->setLabelFormat("%g");
}

}  // namespace bps
