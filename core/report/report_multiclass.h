#pragma once
// The multiclass part of the report: each class against the rest, as the app's Results and
// Probability quality tabs show it: a ROC curve per class with its AUC in the legend, and a
// reliability curve per class with its Brier score and expected calibration error.

#include <Eigen/Core>
#include <string>
#include <vector>

#include "core/report/report_input.h"

namespace bps::report {

// One ClassCurve per column of `probabilities` (rows, k), named by `classes`, against `targets`
// (class indices): its rows,
// ROC curve and AUC (bps::rocCurve and bps::rocAuc of its probability against "is this class";
// none when the rows hold no or only this class) and its ten equal-width reliability bins.
std::vector<ClassCurve> classCurves(const Eigen::MatrixXd& probabilities,
                                    const Eigen::VectorXd& targets,
                                    const std::vector<std::string>& classes);

// <section id="roc"> and <section id="calibration"> for a multiclass model.
std::string classRocSection(const ReportInput& input);
std::string classCalibrationSection(const ReportInput& input);

}  // namespace bps::report
