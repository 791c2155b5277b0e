#include "core/validation/folds.h"

#include <algorithm>
#include <span>
#include <string>

#include "core/base/errors.h"
#include "core/base/random.h"

namespace bps {

std::vector<Fold> makeFolds(const Dataset& data, int folds, int repeats, std::uint64_t seed) {
    if (folds < 2) throw DataError("cross-validation needs at least 2 folds");
    if (repeats < 1) throw DataError("cross-validation needs at least 1 repeat");
    if (folds > data.rows())
        throw DataError(std::to_string(folds) + " folds need at least as many rows, but only " +
                        std::to_string(data.rows()) + " are usable");
    const bool regression = data.task == Task::Regression;
    const int strata = regression ? 1 : static_cast<int>(data.classes.size());
    Rng rng(seed);
    std::vector<Fold> out;
    for (int repeat = 0; repeat < repeats; ++repeat) {
        std::vector<std::vector<Eigen::Index>> groups(static_cast<std::size_t>(strata));
        for (Eigen::Index r = 0; r < data.rows(); ++r)
            groups[regression ? 0 : static_cast<std::size_t>(data.y(r))].push_back(r);
        // Deal each class's shuffled rows round the folds, carrying on where the last class
        // stopped: each class then differs by at most one row between folds, and so do the
        // fold sizes.
        std::vector<std::vector<Eigen::Index>> members(static_cast<std::size_t>(folds));
        std::size_t next = 0;
        for (auto& group : groups) {
            rng.shuffle(std::span(group));
            for (Eigen::Index r : group) members[next++ % std::size_t(folds)].push_back(r);
        }
        for (int k = 0; k < folds; ++k) {
            Fold fold;
            fold.repeat = repeat;
            fold.index = k;
            fold.split.validation = members[std::size_t(k)];
            for (int other = 0; other < folds; ++other)
                if (other != k)
                    fold.split.train.insert(fold.split.train.end(),
                                            members[std::size_t(other)].begin(),
                                            members[std::size_t(other)].end());
            // Ascending, as a plain row list; the trainer shuffles its own order every epoch.
            std::sort(fold.split.train.begin(), fold.split.train.end());
            std::sort(fold.split.validation.begin(), fold.split.validation.end());
            out.push_back(std::move(fold));
        }
    }
    return out;
}

}  // namespace bps
