#pragma once
// Permutation importance as the command line shows it, the same for `importance` (one model)
// and `cv --importance` (pooled over the folds): a table of columns with text bars, and the
// columns as JSON.

#include <nlohmann/json.hpp>

#include "core/explain/permutation_importance.h"

namespace bps::cli {

// `column  mean  sd  ####`, most important first, the bars scaled to the largest mean.
void printImportanceColumns(const ImportanceResult& result);

// [{"column", "mean", "sd", "drops"}], most important first.
nlohmann::json importanceColumnsJson(const ImportanceResult& result);

}  // namespace bps::cli
