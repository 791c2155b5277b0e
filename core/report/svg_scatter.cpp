#include <algorithm>
#include <cmath>

#include "core/report/svg_parts.h"
#include "core/report/svg_plot.h"

namespace bps::report {

using namespace svg;

std::string scatterChartSvg(const ScatterChart& chart) {
    constexpr double plot = 370;  // square, so y = x is the diagonal
    const double width = kLeft + plot + kRight, height = kTop + plot + kBottom;
    std::string out = openSvg(width, height, chart.title);
    const std::size_t n = std::min(chart.x.size(), chart.y.size());
    Range range;
    for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(chart.x[i]) && std::isfinite(chart.y[i])) {
            range.add(chart.x[i]);
            range.add(chart.y[i]);
        }
    if (range.empty()) {
        out += text(width / 2, height / 2, "no finite values to plot", "middle");
        return out + "</svg>\n";
    }
    range.widen();
    const double pad = 0.03 * (range.high - range.low);
    const double low = range.low - pad, high = range.high + pad;
    auto px = [&](double v) { return kLeft + (v - low) / (high - low) * plot; };
    auto py = [&](double v) { return kTop + plot - (v - low) / (high - low) * plot; };
    for (double t : roundTicks(low, high, 5)) {
        out += line(px(t), kTop, px(t), kTop + plot, "stroke=\"#e4e4e4\"");
        out += line(kLeft, py(t), kLeft + plot, py(t), "stroke=\"#e4e4e4\"");
        out += text(px(t), kTop + plot + 16, shortNumber(t), "middle");
        out += text(kLeft - 6, py(t) + 4, shortNumber(t), "end");
    }
    out += "<rect x=\"" + num(kLeft) + "\" y=\"" + num(kTop) + "\" width=\"" + num(plot) +
           "\" height=\"" + num(plot) + "\" fill=\"none\" stroke=\"#888\"/>\n";
    out += text(kLeft + plot / 2, height - 10, chart.xLabel, "middle");
    out += text(16, kTop + plot / 2, chart.yLabel, "middle",
                " transform=\"rotate(-90 16 " + num(kTop + plot / 2) + ")\"");
    // Translucent dots: where many overlap the cloud darkens.
    out += std::string("<g fill=\"") + kColors[0] + "\" fill-opacity=\"0.45\">\n";
    for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(chart.x[i]) && std::isfinite(chart.y[i]))
            out += "<circle cx=\"" + num(px(chart.x[i])) + "\" cy=\"" + num(py(chart.y[i])) +
                   "\" r=\"2.5\"/>\n";
    out += "</g>\n";
    // Drawn over the dots, so the line stays visible through a dense cloud.
    out += line(px(low), py(low), px(high), py(high),
                "class=\"identity\" stroke=\"#444\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\"");
    return out + "</svg>\n";
}

}  // namespace bps::report
