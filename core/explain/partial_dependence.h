#pragma once
// Partial dependence and individual conditional expectation (Friedman; Goldstein et al.): the
// model's output as one input column is set to each value of a grid, every other input of the
// row left as it is. One ICE curve per row; the partial dependence is their mean. Works on the
// encoded rows (explain_data.h): a numeric column's value is set with its missing indicator 0,
// a categorical column's one-hot block to each level in turn, so every point is what the model
// would say for a row whose raw cell held that value.

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/progress.h"
#include "core/explain/explain_data.h"
#include "core/model/model.h"

namespace bps {

struct PartialDependenceOptions {
    // Numbers: the distinct values when there are at most this many, else this many quantiles
    // from the 5th to the 95th percentile (outliers would stretch the axis; scikit-learn's
    // choice). Categorical columns: every kept level, whatever this says.
    int gridPoints = 50;
    int iceRows = 200;  // rows drawn (seeded, without replacement) for the ICE curves
    std::uint64_t seed = 1;
    // The output shown: binary: the probability of classes[1]; multiclass: of classes[outputClass];
    // regression: the value in the target's units.
    int outputClass = 1;
};

struct PartialDependence {
    std::string column;
    bool categorical = false;
    std::vector<double> grid;         // numeric: the values, increasing
    std::vector<std::string> labels;  // the grid as text: levels, or the numbers
    std::string output;               // what the curve is: "P(class)" or the target's name
    Eigen::MatrixXd ice;              // (ICE rows, grid points)
    Eigen::VectorXd mean;             // (grid points): the partial dependence
    std::vector<std::size_t> rows;    // the row of data.x behind each ICE curve
    bool cancelled = false;
};

// The columns a partial dependence can be drawn for: model.features (a date's parts one by one).
std::vector<std::string> dependenceColumns(const Model& model);

// The classes whose probability a partial dependence can show: every class of a multiclass
// model; a binary model's classes[1] only (its output is that probability); none for a
// regression.
std::vector<std::string> dependenceClasses(const Model& model);
// The PartialDependenceOptions::outputClass showing class `name` (one of dependenceClasses).
// Throws DataError, naming the classes there are, for any other name.
int dependenceClassIndex(const Model& model, const std::string& name);

// Throws DataError for a column the model does not have or an output class out of range.
// `progress` is called after each grid point with (points done, points).
PartialDependence partialDependence(const Model& model, const ExplainData& data,
                                    const std::string& column,
                                    const PartialDependenceOptions& options = {},
                                    const ToolProgress& progress = {});

}  // namespace bps
