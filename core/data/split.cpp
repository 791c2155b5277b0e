#include "core/data/split.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <string>

#include "core/base/errors.h"
#include "core/base/random.h"

namespace bps {

namespace {
std::string formatFraction(double v) {
    std::string s = std::to_string(v);
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}
}  // namespace

Split splitRows(const Dataset& data, double validationFraction, std::uint64_t seed) {
    std::vector<Eigen::Index> rows(static_cast<std::size_t>(data.rows()));
    for (std::size_t r = 0; r < rows.size(); ++r) rows[r] = static_cast<Eigen::Index>(r);
    return splitRowsOf(data, rows, validationFraction, seed);
}

Split splitRowsOf(const Dataset& data, const std::vector<Eigen::Index>& rows,
                  double validationFraction, std::uint64_t seed) {
    if (!(validationFraction >= 0.0 && validationFraction <= 0.9))
        throw DataError("validation fraction must be between 0 and 0.9");
    Rng rng(seed);
    // Strata: one per class for classification, a single one for regression.
    const int strata = data.task == Task::Regression ? 1 : static_cast<int>(data.classes.size());
    std::vector<std::vector<Eigen::Index>> groups(strata);
    for (const Eigen::Index r : rows)
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
    // A run with no validation rows would report metrics and "no problems found" about nothing.
    if (validationFraction > 0 && split.validation.empty())
        throw DataError("a validation fraction of " + formatFraction(validationFraction) + " of " +
                        std::to_string(rows.size()) +
                        " usable rows leaves no row for validation, so nothing could be measured: "
                        "use more rows, or a validation fraction of 0 to train without validation");
    return split;
}

}  // namespace bps
