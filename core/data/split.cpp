#include "core/data/split.h"

#include <algorithm>
#include <cmath>
#include <span>

#include "core/base/errors.h"
#include "core/base/random.h"

namespace bps {

Split splitRows(const Dataset& data, double validationFraction, std::uint64_t seed) {
    if (!(validationFraction >= 0.0 && validationFraction <= 0.9))
        throw DataError("validation fraction must be between 0 and 0.9");
    Rng rng(seed);
    // Strata: one per class for classification, a single one for regression.
    const int strata = data.task == Task::Regression ? 1 : static_cast<int>(data.classes.size());
    std::vector<std::vector<Eigen::Index>> groups(strata);
    for (Eigen::Index r = 0; r < data.rows(); ++r)
        groups[data.task == Task::Regression ? 0 : static_cast<int>(data.y(r))].push_back(r);

    Split split;
    for (auto& group : groups) {
        rng.shuffle(std::span(group));
        auto nVal = static_cast<std::size_t>(std::llround(group.size() * validationFraction));
        // Keep at least one training row per class when the class has any.
        if (nVal >= group.size() && !group.empty()) nVal = group.size() - 1;
        split.validation.insert(split.validation.end(), group.begin(), group.begin() + nVal);
        split.train.insert(split.train.end(), group.begin() + nVal, group.end());
    }
    // Interleave the classes again; the trainer reshuffles every epoch anyway.
    rng.shuffle(std::span(split.train));
    rng.shuffle(std::span(split.validation));
    if (split.train.empty()) throw DataError("no rows left for training");
    return split;
}

}  // namespace bps
