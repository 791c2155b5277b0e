#pragma once
// Permutation importance across cross-validation folds: each fold's network shuffled on that
// fold's own held-out rows, encoded and scaled as that fold's model was (fitted on its training
// rows only), then pooled into one mean +- sd per column over folds x repeats. Beside a single
// model's importance on one split, the spread says how much of a column's importance is the
// luck of the split.

#include <cstdint>
#include <vector>

#include "core/data/dataset.h"
#include "core/explain/permutation_importance.h"
#include "core/model/training_config.h"
#include "core/validation/cross_validation.h"

namespace bps {

struct CvImportance {
    CrossValidation cv;
    // One per fold, in cv.folds' order; a fold that never got that far (a cancel) has no
    // columns.
    std::vector<ImportanceResult> folds;
    // pooledImportance() of the folds that have columns; cancelled when the run was.
    ImportanceResult pooled;
};

// crossValidate() that also computes every fold's importance with `importance` (through
// CrossValidationOptions::onFoldModel, which it chains after any the caller set). Fold i shuffles
// with foldImportanceSeed(importance.seed, i): the folds' shuffles differ, and each is the same
// whatever the number of jobs. Throws DataError as crossValidate does, and before any training
// when the score does not fit the data's task or repeats < 1.
CvImportance crossValidateWithImportance(const Dataset& data, const TrainingConfig& config,
                                         CrossValidationOptions options,
                                         const ImportanceOptions& importance);

// The seed of fold `fold`'s shuffles.
std::uint64_t foldImportanceSeed(std::uint64_t seed, int fold);

}  // namespace bps
