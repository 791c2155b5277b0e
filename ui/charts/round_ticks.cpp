#include "ui/charts/round_ticks.h"

#include <QValueAxis>
#include <cmath>

namespace bps {

double roundTickStep(double low, double high, int ticks) {
    const double raw = (high - low) / std::max(ticks - 1, 1);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    return raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : 5 * power;
}

std::vector<double> roundTicks(double low, double high, int ticks) {
    std::vector<double> out;
    if (!(high > low)) return out;
    const double step = roundTickStep(low, high, ticks);
    for (double k = std::ceil(low / step); k * step <= high + 1e-9 * step; k += 1)
        out.push_back(std::abs(k) < 0.5 ? 0.0 : k * step);
    return out;
}

void setRoundTicks(QValueAxis* axis, double low, double high, int ticks) {
    axis->setRange(low, high);
    const double step = roundTickStep(low, high, ticks);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
    axis->setLabelFormat("%g");
}

}  // namespace bps
