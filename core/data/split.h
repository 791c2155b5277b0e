#pragma once
// Seeded, shuffled train/validation split; stratified by class for classification, so a 9%
// minority class is 9% of both sides. The two sides never share a row.

#include <cstdint>
#include <vector>

#include "core/data/dataset.h"

namespace bps {

struct Split {
    std::vector<Eigen::Index> train;
    std::vector<Eigen::Index> validation;
};

// validationFraction in [0, 0.9]; 0 gives an empty validation side.
Split splitRows(const Dataset& data, double validationFraction, std::uint64_t seed);
// The same split of only `rows` (a cross-validation fold's training rows, which early stopping
// needs to split again so that the fold's own validation rows choose nothing).
Split splitRowsOf(const Dataset& data, const std::vector<Eigen::Index>& rows,
                  double validationFraction, std::uint64_t seed);

}  // namespace bps
