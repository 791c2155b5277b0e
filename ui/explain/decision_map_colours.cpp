#include "ui/explain/decision_map_colours.h"

#include <algorithm>
#include <cmath>

#include "ui/charts/chart_palette.h"

namespace bps {

namespace {
// The strongest tint a cell gets, so the points drawn over it in full colour stand out.
constexpr double kMaxStrength = 0.8;

QColor mix(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}
}  // namespace

QColor classColour(int k, int classes) {
    if (classes <= 2) return k == 0 ? QColor(0xf5, 0x93, 0x22) : QColor(0x08, 0x77, 0xbd);
    return QColor::fromHsvF(float(std::fmod(0.58 + double(k) / classes, 1.0)), 0.75f, 0.85f);
}

QColor sequentialColour(double t) {
    static const QColor stops[] = {QColor(0x44, 0x01, 0x54), QColor(0x3b, 0x52, 0x8b),
                                   QColor(0x21, 0x91, 0x8c), QColor(0x5e, 0xc9, 0x62),
                                   QColor(0xfd, 0xe7, 0x25)};
    t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0) * 4;
    const int i = std::min(static_cast<int>(t), 3);
    return mix(stops[i], stops[i + 1], t - i);
}

QColor towards(const QColor& colour, double strength, const QPalette& palette) {
    return mix(palette.color(QPalette::Base), colour, std::clamp(strength, 0.0, 1.0));
}

ColourScale colourScale(const DecisionGrid& grid, Task task, const MapLayer& what) {
    if (what.layer >= 0) {
        const auto& a = grid.hidden[static_cast<std::size_t>(what.layer)].col(what.unit);
        const double m = std::max(a.cwiseAbs().maxCoeff(), 1e-12);
        return {-m, m};
    }
    if (task == Task::Regression) {
        const double lo = grid.outputs.col(0).minCoeff(), hi = grid.outputs.col(0).maxCoeff();
        return hi > lo ? ColourScale{lo, hi} : ColourScale{lo - 1, lo + 1};
    }
    return {0, 1};
}

QImage mapImage(const DecisionGrid& grid, Task task, int classes, double threshold,
                const MapLayer& what, const QPalette& palette, int stride) {
    stride = std::max(stride, 1);
    QImage image((grid.columns + stride - 1) / stride, (grid.rows + stride - 1) / stride,
                 QImage::Format_RGB32);
    const ColourScale scale = colourScale(grid, task, what);
    const QColor negative = classColour(0, 2), positive = classColour(1, 2);
    for (int j = 0; j < grid.rows; j += stride) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(image.height() - 1 - j / stride));
        for (int i = 0; i < grid.columns; i += stride) {
            const Eigen::Index c = grid.cell(i, j);
            QColor colour;
            if (what.layer >= 0) {
                const double a =
                    grid.hidden[static_cast<std::size_t>(what.layer)](c, what.unit) / scale.high;
                colour = towards(a < 0 ? negative : positive, kMaxStrength * std::abs(a), palette);
            } else if (task == Task::Regression) {
                colour =
                    sequentialColour((grid.outputs(c, 0) - scale.low) / (scale.high - scale.low));
            } else if (task == Task::Binary) {
                const double p = grid.outputs(c, 0);
                const double s = p >= threshold ? (p - threshold) / std::max(1 - threshold, 1e-9)
                                                : (threshold - p) / std::max(threshold, 1e-9);
                colour = towards(p >= threshold ? positive : negative, kMaxStrength * s, palette);
            } else {
                Eigen::Index best = 0;
                const double p = grid.outputs.row(c).maxCoeff(&best);
                const double chance = 1.0 / classes;
                colour = towards(classColour(static_cast<int>(best), classes),
                                 kMaxStrength * (p - chance) / (1 - chance), palette);
            }
            line[i / stride] = colour.rgb();
        }
    }
    return image;
}

}  // namespace bps
