#pragma once
// k-fold cross-validation folds: seeded, stratified by class for classification (every fold holds
// each class's share to within one row), shuffled for regression, repeated with fresh shuffles.
// Each repeat's validation sides are disjoint and together cover every row exactly once.

#include <cstdint>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/split.h"

namespace bps {

struct Fold {
    int repeat = 0;  // 0-based
    int index = 0;   // 0-based within its repeat
    Split split;     // train: the other folds' rows; validation: this fold's rows
};

// `folds` (at least 2, at most the rows) x `repeats` folds, repeat by repeat. Throws DataError
// when the numbers do not fit the data.
std::vector<Fold> makeFolds(const Dataset& data, int folds, int repeats, std::uint64_t seed);

}  // namespace bps
