#pragma once
// The regression part of the report: a predicted-against-actual scatter of the evaluated rows
// in the target's units, with the y = x line a perfect model sits on, and the histogram of
// their residuals (predicted - actual), as the app's Results tab draws them.

#include <Eigen/Core>
#include <cstddef>
#include <string>

#include "core/report/report_input.h"

namespace bps::report {

// More dots make the page heavier (each is an SVG element), not the cloud clearer.
inline constexpr std::size_t kMaxScatterPoints = 1000;

// Fills input.predictions (every row up to kMaxScatterPoints, else that many evenly spaced in
// row order, the first and last included), input.residuals (predicted - actual of all rows,
// binned by histogramBins) and input.meanResidual. `actual` and `predicted` are one per row.
void addRegressionPlots(ReportInput& input, const Eigen::VectorXd& actual,
                        const Eigen::VectorXd& predicted);

// <section id="predictions">: the scatter, the residual histogram and what they show.
std::string predictionsSection(const ReportInput& input);

}  // namespace bps::report
