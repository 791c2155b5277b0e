#pragma once
// The pieces every report chart is drawn from (svg_plot.cpp, svg_scatter.cpp,
// svg_histogram.cpp): the common size and margins, the palette, numbers as SVG coordinates,
// escaped text, lines and a value range. Internal to core/report.

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <string>

namespace bps::report::svg {

inline constexpr double kWidth = 640;
inline constexpr double kHeight = 340;
inline constexpr double kLeft = 70, kRight = 20, kTop = 40, kBottom = 50;
// Colour-blind-safe (Okabe-Ito), dark enough on white paper.
inline constexpr const char* kColors[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                          "#E69F00", "#56B4E9", "#000000"};
inline constexpr std::size_t kColorCount = std::size(kColors);

// A coordinate with two decimals.
std::string num(double v);
// The <svg> element's opening, its <title> and the visible title on top.
std::string openSvg(double width, double height, const std::string& title);
std::string text(double x, double y, const std::string& label, const char* anchor,
                 const std::string& extra = {});
std::string line(double x1, double y1, double x2, double y2, const char* style);
// A label far shorter than the space it has; longer names end in an ellipsis.
std::string clipped(const std::string& label, std::size_t chars);

struct Range {
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    void add(double v) {
        if (!std::isfinite(v)) return;
        low = std::min(low, v);
        high = std::max(high, v);
    }
    bool empty() const { return !(low <= high); }
    // A single value still gets an axis around it.
    void widen() {
        if (high > low) return;
        const double pad = low == 0 ? 0.5 : std::abs(low) * 0.1;
        low -= pad;
        high += pad;
    }
};

}  // namespace bps::report::svg
