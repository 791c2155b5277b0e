#pragma once
// The numbers behind the decision map (TensorFlow Playground's picture, on a real table): the
// model's output over a grid of two raw input columns with every other input held at a base row,
// and every hidden unit's activation on the same grid. It works in the network's encoded,
// unscaled inputs (Model::encode's space): a grid point is the base row with the two columns'
// inputs overwritten, and all points go through the network together (unit_activation.h).

#include <Eigen/Core>
#include <string>
#include <vector>

#include "core/data/row_matrix.h"
#include "core/model/model.h"

namespace bps {

// Where one raw column (Model::features) sits among the encoded inputs.
struct ColumnInputs {
    std::string name;
    bool categorical = false;
    Eigen::Index first = 0;  // its first input
    // Numeric: 1, or 2 with a missing indicator (0 on the grid); categorical: one per level.
    Eigen::Index count = 1;
    std::vector<std::string> levels;  // categorical only
};
std::vector<ColumnInputs> columnInputs(const Model& model);

// Column `column`'s value in row r of encoded rows, in the column's own units: a numeric
// column's value, a categorical column's level index (-1 when no level is set: unknown).
double axisValue(const ColumnInputs& column, const RowMatrix& encoded, Eigen::Index r);

struct AxisRange {
    double low = 0;
    double high = 1;
};
// Numeric: the 1st to 99th percentile of `values` (NaN ignored) padded by 5% of that span on
// each side, so a few outliers do not squash the picture; a constant column gets +-1 around its
// value. Categorical: -0.5 .. levels - 0.5, one cell per level.
AxisRange axisRange(const ColumnInputs& column, std::vector<double> values);

// The row the other inputs are held at: each numeric column at the median of `encoded`'s
// values (its missing indicator 0), each categorical column at its most frequent level.
// Without rows, the scaler's means (the training rows' means).
Eigen::RowVectorXd medianRow(const Model& model, const RowMatrix& encoded);

struct DecisionGridRequest {
    int xColumn = 0;  // indices into Model::features
    int yColumn = 1;
    AxisRange xRange;
    AxisRange yRange;
    int resolution = 100;     // cells along a numeric axis (a categorical one has one per level)
    Eigen::RowVectorXd base;  // encoded, unscaled: medianRow() or a row of Model::encode()
};

struct DecisionGrid {
    int columns = 0;  // cells along x
    int rows = 0;     // cells along y
    // Cell centres in the columns' units (a categorical axis: level indices 0, 1, ...).
    std::vector<double> xs, ys;
    // (columns * rows, outputs); cell (i, j), i along x and j along y, is row j * columns + i.
    // Binary: P(classes[1]); multiclass: one probability per class; regression: target units.
    Eigen::MatrixXd outputs;
    // One (columns * rows, units) matrix per hidden layer: each unit's activation.
    std::vector<Eigen::MatrixXd> hidden;

    Eigen::Index cell(int i, int j) const { return Eigen::Index(j) * columns + i; }
};

// Throws std::invalid_argument for a column out of range, equal columns, a base of the wrong
// width or a resolution below 2.
DecisionGrid computeDecisionGrid(const Model& model, const DecisionGridRequest& request);

// The raw columns ordered by the norm of their first-layer weights over their encoded inputs
// (which are standardised, so the weights compare), largest first: a cheap stand-in for
// importance when no permutation importance has been measured.
std::vector<int> columnsByWeightNorm(const Model& model);

}  // namespace bps
