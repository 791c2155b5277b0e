#include "core/report/report_regression.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/report/html_parts.h"
#include "core/report/svg_plot.h"

namespace bps::report {

using namespace html;

void addRegressionPlots(ReportInput& input, const Eigen::VectorXd& actual,
                        const Eigen::VectorXd& predicted) {
    const auto n = static_cast<std::size_t>(std::min(actual.size(), predicted.size()));
    PredictionPoints& points = input.predictions;
    points = {};
    points.rows = n;
    const std::size_t shown = std::min(n, kMaxScatterPoints);
    for (std::size_t k = 0; k < shown; ++k) {
        // Evenly spaced, so a table sorted by its target still shows its whole range.
        const std::size_t i = shown > 1 ? k * (n - 1) / (shown - 1) : 0;
        points.actual.push_back(actual(static_cast<Eigen::Index>(i)));
        points.predicted.push_back(predicted(static_cast<Eigen::Index>(i)));
    }
    std::vector<double> residuals(n);
    double sum = 0;
    std::size_t finite = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto r = static_cast<Eigen::Index>(i);
        residuals[i] = predicted(r) - actual(r);
        if (std::isfinite(residuals[i])) {
            sum += residuals[i];
            ++finite;
        }
    }
    input.residuals = histogramBins(residuals);
    input.meanResidual = finite > 0 ? sum / static_cast<double>(finite) : kNaN;
}

std::string predictionsSection(const ReportInput& in) {
    const PredictionPoints& p = in.predictions;
    std::string h = open("predictions", "Predicted against actual");
    if (p.rows == 0) return h + note("no rows were evaluated") + "</section>\n";
    const std::string& target = in.model.target;
    h += scatterChartSvg({"Predicted vs actual " + target, "actual " + target,
                          "predicted " + target, p.actual, p.predicted});
    h += "<p>" +
         (p.actual.size() == p.rows
              ? "Each of the " + std::to_string(p.rows) + " rows is a dot"
              : std::to_string(p.actual.size()) + " of the " + std::to_string(p.rows) +
                    " rows, evenly spaced in the file, are dots") +
         "; a perfect model puts them all on the dashed line y = x (RMSE " +
         fixed(in.metrics.rmse) + ", MAE " + fixed(in.metrics.mae) + ", R\xC2\xB2 " +
         fixed(in.metrics.r2) + ").</p>\n";
    h += histogramSvg("Residuals: predicted \xE2\x88\x92 actual", "residual (" + target + ")",
                      in.residuals, 0.0);
    std::int64_t binned = 0;
    for (std::int64_t c : in.residuals.counts) binned += c;
    h += "<p>The residuals of all " + std::to_string(binned) + " rows in " +
         std::to_string(in.residuals.counts.size()) + " bins of width " +
         shortNumber(in.residuals.width) + "; their mean is " + shortNumber(in.meanResidual) +
         " (centred on 0 and narrow is good; a long tail shows rows the model misses badly).</p>\n";
    return h + "</section>\n";
}

}  // namespace bps::report
