#pragma once
// Permutation importance and partial dependence as CSV, the same from the command line
// (`importance --out`, `--pdp-out`) and the app's "Save data".

#include <cstddef>
#include <string>
#include <vector>

#include "core/explain/partial_dependence.h"
#include "core/explain/permutation_importance.h"

namespace bps {

// `column,mean_drop,sd,drop_1..drop_k`, one line per column, most important first.
std::string importanceToCsv(const ImportanceResult& result);

// `<column>,mean,line_<n>...`: one line per grid point (its value or level, the partial
// dependence, then each ICE curve's value, named by its row's line in the file).
// `lines[i]` is the file line of data row pd.rows[i]'s row.
std::string dependenceToCsv(const PartialDependence& pd, const std::vector<std::size_t>& lines);

}  // namespace bps
