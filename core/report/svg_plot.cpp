#include "core/report/svg_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/report/svg_parts.h"

namespace bps::report {

using namespace svg;

namespace {

// A curve never needs more points than the plot has pixels across.
constexpr std::size_t kMaxPoints = 1200;

}  // namespace

std::string escapeXml(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (char c : in) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                // Control characters are not allowed in XML 1.0; tabs and newlines are.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n')
                    out += ' ';
                else
                    out += c;
        }
    }
    return out;
}

std::string shortNumber(double value) {
    if (std::isnan(value)) return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", value);
    return buf;
}

std::vector<double> roundTicks(double low, double high, int count) {
    std::vector<double> ticks;
    if (!(high > low) || !std::isfinite(low) || !std::isfinite(high)) return ticks;
    const double raw = (high - low) / std::max(1, count);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    // Of the round steps, the one whose tick count comes nearest the wish (1..30 gets 5s).
    double step = power, best = 1e300;
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        const double ticks =
            std::floor(high / (m * power) + 1e-9) - std::ceil(low / (m * power) - 1e-9) + 1;
        if (std::abs(ticks - count) < best) {
            best = std::abs(ticks - count);
            step = m * power;
        }
    }
    for (double t = std::ceil(low / step - 1e-9) * step; t <= high + step * 1e-9; t += step)
        ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
    return ticks;
}

std::string lineChartSvg(const LineChart& chart) {
    std::string svg = openSvg(kWidth, kHeight, chart.title);
    const double plotW = kWidth - kLeft - kRight, plotH = kHeight - kTop - kBottom;
    auto yValue = [&](double v) {
        return chart.logY ? (v > 0 ? std::log10(v) : std::numeric_limits<double>::quiet_NaN()) : v;
    };
    Range xs, ys;
    for (const LineSeries& s : chart.series)
        for (std::size_t i = 0; i < std::min(s.x.size(), s.y.size()); ++i)
            if (std::isfinite(s.x[i]) && std::isfinite(yValue(s.y[i]))) {
                xs.add(s.x[i]);
                ys.add(yValue(s.y[i]));
            }
    if (chart.unitSquare) xs = {0, 1}, ys = {0, 1};
    if (xs.empty() || ys.empty()) {
        svg += text(kWidth / 2, kHeight / 2, "no finite values to plot", "middle");
        return svg + "</svg>\n";
    }
    xs.widen();
    ys.widen();
    auto px = [&](double x) { return kLeft + (x - xs.low) / (xs.high - xs.low) * plotW; };
    auto py = [&](double y) { return kTop + plotH - (y - ys.low) / (ys.high - ys.low) * plotH; };

    // Grid, ticks and their labels.
    for (double t : roundTicks(xs.low, xs.high, 6)) {
        svg += line(px(t), kTop, px(t), kTop + plotH, "stroke=\"#e4e4e4\"");
        svg += text(px(t), kTop + plotH + 16, shortNumber(t), "middle");
    }
    std::vector<double> yTicks;
    if (chart.logY) {
        for (double e = std::ceil(ys.low); e <= ys.high; e += 1) yTicks.push_back(e);
        if (yTicks.size() < 2) yTicks = roundTicks(ys.low, ys.high, 4);
    } else {
        yTicks = roundTicks(ys.low, ys.high, 5);
    }
    for (double t : yTicks) {
        svg += line(kLeft, py(t), kLeft + plotW, py(t), "stroke=\"#e4e4e4\"");
        svg += text(kLeft - 6, py(t) + 4, shortNumber(chart.logY ? std::pow(10.0, t) : t), "end");
    }
    svg += "<rect x=\"" + num(kLeft) + "\" y=\"" + num(kTop) + "\" width=\"" + num(plotW) +
           "\" height=\"" + num(plotH) + "\" fill=\"none\" stroke=\"#888\"/>\n";
    svg += text(kLeft + plotW / 2, kHeight - 10, chart.xLabel, "middle");
    svg += text(16, kTop + plotH / 2, chart.yLabel + (chart.logY ? " (log scale)" : ""), "middle",
                " transform=\"rotate(-90 16 " + num(kTop + plotH / 2) + ")\"");
    if (chart.diagonal)
        svg += line(px(0), py(0), px(1), py(1), "stroke=\"#999\" stroke-dasharray=\"3 3\"");

    std::size_t colour = 0;
    std::string legend;
    // A unit-square curve (ROC, calibration) runs through the top left; its legend goes low.
    const std::size_t named = static_cast<std::size_t>(
        std::count_if(chart.series.begin(), chart.series.end(),
                      [](const LineSeries& s) { return !s.name.empty(); }));
    // As many rows as the plot is high (14); with more names (a target of many classes) the
    // last row says how many are left out: the page's table lists them all.
    const auto legendRows = static_cast<std::size_t>((plotH - 12) / 16);
    const std::size_t shownNames = named > legendRows ? legendRows - 1 : named;
    const std::size_t rows = std::min(named, legendRows);
    const double legendTop =
        chart.unitSquare ? kTop + plotH - 8 - 16.0 * static_cast<double>(rows) : kTop + 2;
    double legendY = legendTop + 12;
    // Names up to 20 characters fit the usual box; longer ones (a class and its AUC) widen it,
    // to at most 34 characters.
    std::size_t legendChars = 20;
    for (const LineSeries& s : chart.series)
        legendChars = std::max(legendChars, std::min<std::size_t>(s.name.size(), 34));
    const int legendExtra = 7 * static_cast<int>(legendChars - 20);  // pixels
    std::size_t listed = 0;
    for (const LineSeries& s : chart.series) {
        const char* c = kColors[colour++ % kColorCount];
        const std::size_t n = std::min(s.x.size(), s.y.size());
        const std::size_t stride = std::max<std::size_t>(1, (n + kMaxPoints - 1) / kMaxPoints);
        std::string path;
        bool pen = false;
        std::string dots;
        for (std::size_t i = 0; i < n; i += stride) {
            const std::size_t k = (i + stride >= n) ? n - 1 : i;  // always end on the last point
            const double y = yValue(s.y[k]);
            if (!std::isfinite(s.x[k]) || !std::isfinite(y)) {
                pen = false;
                continue;
            }
            path += (pen ? "L" : "M") + num(px(s.x[k])) + " " + num(py(y)) + " ";
            pen = true;
            if (s.markers)
                dots += "<circle cx=\"" + num(px(s.x[k])) + "\" cy=\"" + num(py(y)) +
                        "\" r=\"3.5\" fill=\"" + c + "\"/>\n";
            if (k == n - 1) break;
        }
        if (!path.empty())
            svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + c +
                   "\" stroke-width=\"1.8\"" + (s.dashed ? " stroke-dasharray=\"6 4\"" : "") +
                   "/>\n";
        svg += dots;
        if (!s.name.empty() && listed++ < shownNames) {
            const double x = kLeft + plotW - 150 - legendExtra;
            legend += line(x, legendY - 4, x + 22, legendY - 4,
                           (std::string("stroke=\"") + c + "\" stroke-width=\"2\"" +
                            (s.dashed ? " stroke-dasharray=\"6 4\"" : ""))
                               .c_str());
            legend += text(x + 28, legendY, clipped(s.name, legendChars), "start");
            legendY += 16;
        }
    }
    if (named > shownNames) {
        legend += text(kLeft + plotW - 150 - legendExtra + 28, legendY,
                       "and " + std::to_string(named - shownNames) + " more", "start");
        legendY += 16;
    }
    if (!legend.empty())
        svg += "<rect x=\"" + num(kLeft + plotW - 156 - legendExtra) + "\" y=\"" + num(legendTop) +
               "\" width=\"" + std::to_string(152 + legendExtra) + "\" height=\"" +
               num(legendY - legendTop - 6) +
               "\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#ccc\"/>\n" + legend;
    return svg + "</svg>\n";
}

std::string barChartSvg(const std::string& title, const std::string& valueLabel,
                        const std::vector<Bar>& bars) {
    constexpr double rowH = 22, labelW = 200;
    const double plotW = kWidth - labelW - kRight;
    const double height =
        kTop + rowH * static_cast<double>(std::max<std::size_t>(1, bars.size())) + kBottom;
    std::string svg = openSvg(kWidth, height, title);
    Range vs;
    vs.add(0);
    for (const Bar& b : bars) {
        vs.add(b.value - b.error);
        vs.add(b.value + b.error);
    }
    vs.widen();
    auto px = [&](double v) { return labelW + (v - vs.low) / (vs.high - vs.low) * plotW; };
    const double plotH = rowH * static_cast<double>(std::max<std::size_t>(1, bars.size()));
    for (double t : roundTicks(vs.low, vs.high, 5)) {
        svg += line(px(t), kTop, px(t), kTop + plotH, "stroke=\"#e4e4e4\"");
        svg += text(px(t), kTop + plotH + 16, shortNumber(t), "middle");
    }
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar& b = bars[i];
        const double y = kTop + rowH * static_cast<double>(i);
        const double x0 = px(std::min(0.0, b.value)), x1 = px(std::max(0.0, b.value));
        svg += text(labelW - 8, y + rowH / 2 + 4, clipped(b.label, 28), "end");
        svg += "<rect x=\"" + num(x0) + "\" y=\"" + num(y + 4) + "\" width=\"" +
               num(std::max(0.5, x1 - x0)) + "\" height=\"" + num(rowH - 8) + "\" fill=\"" +
               kColors[0] + "\"/>\n";
        if (b.error > 0) {
            const double cy = y + rowH / 2;
            svg += line(px(b.value - b.error), cy, px(b.value + b.error), cy,
                        "stroke=\"#333\" stroke-width=\"1.2\"");
        }
    }
    svg += line(px(0), kTop, px(0), kTop + plotH, "stroke=\"#555\"");
    svg += text(labelW + plotW / 2, height - 10, valueLabel, "middle");
    return svg + "</svg>\n";
}

std::string heatMapSvg(const std::string& title, const std::vector<std::string>& labels,
                       const std::vector<std::vector<std::int64_t>>& counts) {
    const double k = static_cast<double>(std::max<std::size_t>(1, counts.size()));
    const double cell = std::clamp(420.0 / k, 18.0, 64.0);
    const double left = 150, top = kTop + 40;
    const double width = std::max(420.0, left + cell * k + 30);
    const double height = top + cell * k + 20;
    std::string svg = openSvg(width, height, title);
    svg += text(left + cell * k / 2, kTop + 8, "predicted", "middle", " font-style=\"italic\"");
    std::size_t longest = 1;
    for (const std::string& l : labels)
        longest = std::max(longest, std::min<std::size_t>(l.size(), 20));
    const double actualX = std::max(14.0, left - 20 - 7.0 * static_cast<double>(longest));
    svg += text(actualX, top + cell * k / 2, "actual", "middle",
                " font-style=\"italic\" transform=\"rotate(-90 " + num(actualX) + " " +
                    num(top + cell * k / 2) + ")\"");
    const std::size_t chars = static_cast<std::size_t>(std::max(3.0, cell / 7));
    for (std::size_t c = 0; c < counts.size(); ++c) {
        const std::string name = c < labels.size() ? labels[c] : std::to_string(c);
        svg += text(left + cell * (static_cast<double>(c) + 0.5), top - 8, clipped(name, chars),
                    "middle");
        svg += text(left - 8, top + cell * (static_cast<double>(c) + 0.5) + 4, clipped(name, 20),
                    "end");
    }
    const bool showCounts = cell >= 30;
    for (std::size_t r = 0; r < counts.size(); ++r) {
        std::int64_t total = 0;
        for (auto v : counts[r]) total += v;
        for (std::size_t c = 0; c < counts[r].size(); ++c) {
            const double share = total > 0 ? static_cast<double>(counts[r][c]) / total : 0;
            const double x = left + cell * static_cast<double>(c);
            const double y = top + cell * static_cast<double>(r);
            svg += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(cell) +
                   "\" height=\"" + num(cell) + "\" fill=\"" + kColors[0] + "\" fill-opacity=\"" +
                   num(0.05 + 0.9 * share) + "\" stroke=\"#fff\"/>\n";
            if (showCounts)
                svg += text(x + cell / 2, y + cell / 2 + 4, std::to_string(counts[r][c]), "middle",
                            share > 0.5 ? " fill=\"#fff\"" : "");
        }
    }
    return svg + "</svg>\n";
}

}  // namespace bps::report
