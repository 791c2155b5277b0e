#include "core/explain/permutation_importance.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <span>

#include "core/base/errors.h"
#include "core/base/random.h"
#include "core/evaluation/mean_sd.h"
#include "core/evaluation/metrics.h"

namespace bps {

ImportanceScore resolvedScore(ImportanceScore score, Task task) {
    if (score != ImportanceScore::Auto) return score;
    switch (task) {
        case Task::Binary:
            return ImportanceScore::RocAuc;
        case Task::Multiclass:
            return ImportanceScore::Accuracy;
        case Task::Regression:
            return ImportanceScore::R2;
    }
    return ImportanceScore::Loss;
}

bool scoreFitsTask(ImportanceScore score, Task task) {
    switch (resolvedScore(score, task)) {
        case ImportanceScore::RocAuc:
            return task == Task::Binary;
        case ImportanceScore::Accuracy:
        case ImportanceScore::F1:
            return task != Task::Regression;
        case ImportanceScore::R2:
        case ImportanceScore::Rmse:
            return task == Task::Regression;
        case ImportanceScore::Loss:
        case ImportanceScore::Auto:
            return true;
    }
    return false;
}

bool higherIsBetter(ImportanceScore score) {
    return score != ImportanceScore::Rmse && score != ImportanceScore::Loss;
}

std::string_view scoreLabel(ImportanceScore score) {
    switch (score) {
        case ImportanceScore::RocAuc:
            return "ROC AUC";
        case ImportanceScore::Accuracy:
            return "accuracy";
        case ImportanceScore::F1:
            return "F1";
        case ImportanceScore::R2:
            return "R2";
        case ImportanceScore::Rmse:
            return "RMSE";
        case ImportanceScore::Loss:
            return "loss";
        case ImportanceScore::Auto:
            return "score";
    }
    return "score";
}

namespace {

double meanLoss(Task task, const Eigen::MatrixXd& outputs, const Eigen::VectorXd& targets) {
    constexpr double tiny = 1e-15;
    double sum = 0;
    for (Eigen::Index i = 0; i < outputs.rows(); ++i) {
        if (task == Task::Regression) {
            const double d = outputs(i, 0) - targets(i);
            sum += d * d;
        } else {
            const double p = task == Task::Binary
                                 ? (targets(i) == 1 ? outputs(i, 0) : 1 - outputs(i, 0))
                                 : outputs(i, static_cast<Eigen::Index>(targets(i)));
            sum -= std::log(std::max(p, tiny));
        }
    }
    return outputs.rows() > 0 ? sum / static_cast<double>(outputs.rows()) : kNaN;
}

}  // namespace

double scoreOf(ImportanceScore score, Task task, const Eigen::MatrixXd& outputs,
               const Eigen::VectorXd& targets, int classCount) {
    score = resolvedScore(score, task);
    if (score == ImportanceScore::Loss) return meanLoss(task, outputs, targets);
    if (score == ImportanceScore::RocAuc) return rocAuc(outputs.col(0), targets);
    const Metrics m = computeMetrics(task, outputs, targets, classCount, kNaN);
    switch (score) {
        case ImportanceScore::Accuracy:
            return m.accuracy;
        case ImportanceScore::F1:
            return task == Task::Multiclass ? m.macroF1 : m.f1;
        case ImportanceScore::R2:
            return m.r2;
        case ImportanceScore::Rmse:
            return m.rmse;
        default:
            return kNaN;
    }
}

ImportanceResult permutationImportance(const Model& model, const ExplainData& data,
                                       const ImportanceOptions& options,
                                       const ToolProgress& progress) {
    if (options.repeats < 1) throw DataError("importance needs at least 1 repeat");
    if (!scoreFitsTask(options.score, model.task))
        throw DataError("the score '" + std::string(nameIn(kImportanceScoreNames, options.score)) +
                        "' does not fit a " + std::string(taskName(model.task)) + " model");
    if (data.x.cols() != model.inputCount())
        throw DataError("the rows have " + std::to_string(data.x.cols()) +
                        " inputs; the model takes " + std::to_string(model.inputCount()));
    ImportanceResult result;
    result.score = resolvedScore(options.score, model.task);
    result.rows = static_cast<std::size_t>(data.x.rows());
    const int classes = static_cast<int>(model.classes.size());
    const double sign = higherIsBetter(result.score) ? 1.0 : -1.0;
    result.baseline = scoreOf(result.score, model.task, model.predict(data.x), data.y, classes);

    const std::vector<InputGroup> groups = inputGroups(model);
    const Eigen::Index n = data.x.rows();
    RowMatrix shuffled = data.x;  // one working copy: a column's block is written and restored
    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const InputGroup& group = groups[g];
        ColumnImportance column;
        column.column = group.column;
        for (int k = 0; k < options.repeats; ++k) {
            // Its own stream per (column, repeat): a result does not depend on the others.
            Rng rng(options.seed ^ (0x9E3779B97F4A7C15ULL * (g + 1)) ^
                    (0xC2B2AE3D27D4EB4FULL * static_cast<std::uint64_t>(k + 1)));
            std::iota(order.begin(), order.end(), Eigen::Index{0});
            rng.shuffle(std::span<Eigen::Index>(order));
            for (Eigen::Index i = 0; i < n; ++i)
                shuffled.row(i).segment(group.first, group.count) =
                    data.x.row(order[static_cast<std::size_t>(i)])
                        .segment(group.first, group.count);
            const double s =
                scoreOf(result.score, model.task, model.predict(shuffled), data.y, classes);
            column.drops.push_back(sign * (result.baseline - s));
        }
        shuffled.middleCols(group.first, group.count) = data.x.middleCols(group.first, group.count);
        const MeanSd stats = meanSd(column.drops);
        column.mean = stats.mean;
        column.sd = stats.sd;
        result.columns.push_back(std::move(column));
        if (progress && !progress(static_cast<int>(g + 1), static_cast<int>(groups.size()))) {
            result.cancelled = true;
            break;
        }
    }
    return result;
}

std::vector<ColumnImportance> sortedByImportance(const ImportanceResult& result) {
    std::vector<ColumnImportance> out = result.columns;
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.mean != b.mean ? a.mean > b.mean : a.column < b.column;
    });
    return out;
}

ImportanceResult pooledImportance(const std::vector<ImportanceResult>& folds) {
    ImportanceResult out;
    if (folds.empty()) return out;
    out.score = folds.front().score;
    out.columns = folds.front().columns;
    for (auto& c : out.columns) c.drops.clear();
    double baselines = 0;
    for (const ImportanceResult& fold : folds) {
        if (fold.score != out.score || fold.columns.size() != out.columns.size())
            throw DataError("the folds' importances are of different scores or columns");
        baselines += fold.baseline;
        out.rows += fold.rows;
        out.cancelled = out.cancelled || fold.cancelled;
        for (std::size_t c = 0; c < fold.columns.size(); ++c) {
            if (fold.columns[c].column != out.columns[c].column)
                throw DataError("the folds' importances are of different columns");
            const auto& d = fold.columns[c].drops;
            out.columns[c].drops.insert(out.columns[c].drops.end(), d.begin(), d.end());
        }
    }
    out.baseline = baselines / static_cast<double>(folds.size());
    for (auto& c : out.columns) {
        const MeanSd stats = meanSd(c.drops);
        c.mean = stats.mean;
        c.sd = stats.sd;
    }
    return out;
}

}  // namespace bps
