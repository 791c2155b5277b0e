#pragma once
// Small inline-SVG charts for the HTML report: lines (training curves, ROC, calibration),
// horizontal bars (importance), a heat map (the confusion matrix), a scatter (a regression's
// predictions, svg_scatter.cpp) and a histogram (its residuals, svg_histogram.cpp). Axes have ticks
// on round numbers and labels; a legend names each series. Every text is escaped, so a column
// called
// "<b>&" stays text. No script, no external reference: the SVG reads offline and prints.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/evaluation/histogram.h"

namespace bps::report {

// `text` with & < > " ' replaced by their entities (for element text and attribute values).
std::string escapeXml(std::string_view text);
// A number as a short label: "0.5", "1e-05", "1200"; "n/a" for NaN.
std::string shortNumber(double value);
// About `count` ticks on round numbers (1, 2 or 5 times a power of ten) within [low, high].
std::vector<double> roundTicks(double low, double high, int count = 5);

struct LineSeries {
    std::string name;
    std::vector<double> x;
    std::vector<double> y;  // non-finite values break the line
    bool dashed = false;
    bool markers = false;  // a dot at each point (calibration bins)
};

struct LineChart {
    std::string title;
    std::string xLabel;
    std::string yLabel;
    std::vector<LineSeries> series;
    bool logY = false;        // a log axis for the values (costs spanning decades)
    bool unitSquare = false;  // both axes over [0, 1] (ROC, calibration)
    bool diagonal = false;    // the y = x reference line (chance, perfect calibration)
};
std::string lineChartSvg(const LineChart& chart);

struct Bar {
    std::string label;
    double value = 0;
    double error = 0;  // half the width of an error whisker; 0 draws none
};
// Horizontal bars, one per label, in the given order; values may be negative.
std::string barChartSvg(const std::string& title, const std::string& valueLabel,
                        const std::vector<Bar>& bars);

// counts[row][column], rows actual and columns predicted; each cell shaded by its share of its
// row and labelled with the count.
std::string heatMapSvg(const std::string& title, const std::vector<std::string>& labels,
                       const std::vector<std::vector<std::int64_t>>& counts);

struct ScatterChart {
    std::string title;
    std::string xLabel;
    std::string yLabel;
    std::vector<double> x;  // one dot per finite (x, y) pair
    std::vector<double> y;
};
// A square plot with one range for both axes and the dashed y = x line across it (marked
// class="identity"), so a dot's distance from the line reads the same either way.
std::string scatterChartSvg(const ScatterChart& chart);

// The bins as bars (each a <rect> whose <title> says "N rows, from A to B"), counts on the y
// axis; a dashed vertical line at `reference` when it is finite and inside the bins' range.
std::string histogramSvg(const std::string& title, const std::string& valueLabel,
                         const HistogramBins& bins, double reference);

}  // namespace bps::report
