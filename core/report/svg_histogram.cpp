#include <algorithm>
#include <cmath>

#include "core/report/svg_parts.h"
#include "core/report/svg_plot.h"

namespace bps::report {

using namespace svg;

std::string histogramSvg(const std::string& title, const std::string& valueLabel,
                         const HistogramBins& bins, double reference) {
    std::string out = openSvg(kWidth, kHeight, title);
    const std::size_t n = bins.counts.size();
    if (n == 0 || !(bins.width > 0)) {
        out += text(kWidth / 2, kHeight / 2, "no finite values to plot", "middle");
        return out + "</svg>\n";
    }
    const double plotW = kWidth - kLeft - kRight, plotH = kHeight - kTop - kBottom;
    const double low = bins.low, high = bins.low + bins.width * static_cast<double>(n);
    const std::int64_t most = *std::max_element(bins.counts.begin(), bins.counts.end());
    // A little room above the tallest bar; the ticks stay on round counts below it.
    const double top = 1.08 * static_cast<double>(std::max<std::int64_t>(1, most));
    std::vector<double> yTicks;
    for (double t : roundTicks(0, top, 5))
        if (t == std::floor(t)) yTicks.push_back(t);  // a count of rows is whole
    auto px = [&](double v) { return kLeft + (v - low) / (high - low) * plotW; };
    auto py = [&](double c) { return kTop + plotH - c / top * plotH; };
    for (double t : roundTicks(low, high, 6)) {
        out += line(px(t), kTop, px(t), kTop + plotH, "stroke=\"#e4e4e4\"");
        out += text(px(t), kTop + plotH + 16, shortNumber(t), "middle");
    }
    for (double t : yTicks) {
        out += line(kLeft, py(t), kLeft + plotW, py(t), "stroke=\"#e4e4e4\"");
        out += text(kLeft - 6, py(t) + 4, shortNumber(t), "end");
    }
    for (std::size_t i = 0; i < n; ++i) {
        const double left = low + bins.width * static_cast<double>(i);
        const auto count = static_cast<double>(bins.counts[i]);
        out += "<rect x=\"" + num(px(left)) + "\" y=\"" + num(py(count)) + "\" width=\"" +
               num(px(left + bins.width) - px(left)) + "\" height=\"" + num(py(0) - py(count)) +
               "\" fill=\"" + kColors[0] +
               "\" fill-opacity=\"0.55\" stroke=\"#fff\" stroke-width=\"0.8\"><title>" +
               std::to_string(bins.counts[i]) + " rows, from " + escapeXml(shortNumber(left)) +
               " to " + escapeXml(shortNumber(left + bins.width)) + "</title></rect>\n";
    }
    out += "<rect x=\"" + num(kLeft) + "\" y=\"" + num(kTop) + "\" width=\"" + num(plotW) +
           "\" height=\"" + num(plotH) + "\" fill=\"none\" stroke=\"#888\"/>\n";
    if (std::isfinite(reference) && reference >= low && reference <= high)
        out += line(px(reference), kTop, px(reference), kTop + plotH,
                    "stroke=\"#444\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\"");
    out += text(kLeft + plotW / 2, kHeight - 10, valueLabel, "middle");
    out += text(16, kTop + plotH / 2, "rows", "middle",
                " transform=\"rotate(-90 16 " + num(kTop + plotH / 2) + ")\"");
    return out + "</svg>\n";
}

}  // namespace bps::report
