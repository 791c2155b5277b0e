#pragma once
// Which two columns the decision map opens on: the two the model relies on most, by permutation
// importance (permutation_importance.h) measured quickly on the map's own validation rows, or
// taken from a measurement already made (the Importance tab's). The map's columns are
// columnInputs(model)'s, one per encoded raw column; importance is per raw column, so a date's
// parts share their date's importance.

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/data/row_matrix.h"
#include "core/explain/permutation_importance.h"
#include "core/model/model.h"

namespace bps {

// A modest measurement: enough to tell the columns a model uses from those it ignores, quick
// enough to run whenever a run ends (a few milliseconds on HTRU2's 8 columns).
struct MapImportanceOptions {
    std::size_t maxRows = 1000;  // a seeded sample of the rows when there are more
    int repeats = 3;
    std::uint64_t seed = 1;
};

// Permutation importance (the task's primary score) on at most options.maxRows of `x`
// (encoded, unscaled rows, as Model::encode gives them) with targets `y` (class index or
// value). Deterministic for a seed. Throws DataError as permutationImportance does.
ImportanceResult quickImportance(const Model& model, const RowMatrix& x, const Eigen::VectorXd& y,
                                 const MapImportanceOptions& options = {},
                                 const ToolProgress& progress = {});

// The map's columns (indices into columnInputs(model)) by decreasing importance of the raw
// column each belongs to; ties, a date's parts among themselves and columns the result does
// not name, by columnsByWeightNorm's order.
std::vector<int> columnsByImportance(const Model& model, const ImportanceResult& importance);

}  // namespace bps
