#include "core/explain/cv_importance.h"

#include <algorithm>
#include <string>

#include "core/base/errors.h"
#include "core/explain/explain_data.h"

namespace bps {

std::uint64_t foldImportanceSeed(std::uint64_t seed, int fold) {
    // A fold's own odd multiplier, as permutationImportance mixes its column and repeat in.
    return seed ^ (0xD6E8FEB86659FD93ULL * static_cast<std::uint64_t>(fold + 1));
}

CvImportance crossValidateWithImportance(const Dataset& data, const TrainingConfig& config,
                                         CrossValidationOptions options,
                                         const ImportanceOptions& importance) {
    if (importance.repeats < 1) throw DataError("importance needs at least 1 repeat");
    if (!scoreFitsTask(importance.score, data.task))
        throw DataError("the score '" +
                        std::string(nameIn(kImportanceScoreNames, importance.score)) +
                        "' does not fit a " + std::string(taskName(data.task)) + " data set");
    CvImportance out;
    // Every fold writes only its own slot, so the results do not depend on the jobs. (Bad fold
    // counts make no slots: crossValidate says what is wrong with them.)
    std::vector<ImportanceResult> perFold(
        static_cast<std::size_t>(std::max(0, options.folds) * std::max(0, options.repeats)));
    const auto earlier = options.onFoldModel;
    const auto stopRequested = options.stopRequested;
    options.onFoldModel = [&](int fold, const Model& model,
                              const std::vector<Eigen::Index>& validationRows) {
        if (earlier) earlier(fold, model, validationRows);
        ImportanceOptions own = importance;
        own.seed = foldImportanceSeed(importance.seed, fold);
        perFold.at(static_cast<std::size_t>(fold)) = permutationImportance(
            model, explainRows(model, data, validationRows), own,
            [&stopRequested](int, int) { return !(stopRequested && stopRequested()); });
    };
    out.cv = crossValidate(data, config, options);
    std::vector<ImportanceResult> ran;
    for (const ImportanceResult& r : perFold)
        if (!r.columns.empty()) ran.push_back(r);
    out.pooled = pooledImportance(ran);
    if (ran.empty()) out.pooled.score = resolvedScore(importance.score, data.task);
    out.pooled.cancelled = out.pooled.cancelled || out.cv.cancelled;
    out.folds = std::move(perFold);
    return out;
}

}  // namespace bps
