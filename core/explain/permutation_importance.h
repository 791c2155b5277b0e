#pragma once
// Permutation importance (Breiman; scikit-learn's permutation_importance): how much a score
// drops when one raw input column's values are shuffled across the rows, which breaks its link
// to the target and keeps its distribution. The rows are encoded once; a column's whole block
// of network inputs (a one-hot block, a value and its missing indicator, a date's parts) moves
// with its row, so a column is permuted as the raw column it is, never input by input.

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/name_table.h"
#include "core/base/progress.h"
#include "core/explain/explain_data.h"
#include "core/model/model.h"

namespace bps {

// Auto is the task's primary score: ROC AUC (binary), accuracy (multiclass), R^2 (regression).
enum class ImportanceScore { Auto, RocAuc, Accuracy, F1, R2, Rmse, Loss };

// As --score spells them.
inline constexpr NameTable<ImportanceScore, 7> kImportanceScoreNames{{
    {ImportanceScore::Auto, "auto"},
    {ImportanceScore::RocAuc, "auc"},
    {ImportanceScore::Accuracy, "accuracy"},
    {ImportanceScore::F1, "f1"},
    {ImportanceScore::R2, "r2"},
    {ImportanceScore::Rmse, "rmse"},
    {ImportanceScore::Loss, "loss"},
}};

// The score Auto stands for with `task`; the others as they are.
ImportanceScore resolvedScore(ImportanceScore score, Task task);
// Whether `score` (resolved) means anything for `task`: auc and f1 need classes, r2 and rmse a
// regression; accuracy any classification; the loss every task.
bool scoreFitsTask(ImportanceScore score, Task task);
// Higher is better (AUC, accuracy, F1, R^2), or lower (RMSE, loss).
bool higherIsBetter(ImportanceScore score);
// "ROC AUC", "accuracy", "F1", "R2", "RMSE", "loss".
std::string_view scoreLabel(ImportanceScore score);

// The score of outputs (Model::predict's) against targets (class index or value). The loss is
// the mean cross-entropy of the probabilities (clamped at 1e-15) or the mean squared error.
// F1 is the positive class's (binary) or the macro F1 (multiclass).
double scoreOf(ImportanceScore score, Task task, const Eigen::MatrixXd& outputs,
               const Eigen::VectorXd& targets, int classCount);

struct ImportanceOptions {
    int repeats = 5;  // shuffles per column, at least 1
    std::uint64_t seed = 1;
    ImportanceScore score = ImportanceScore::Auto;
};

struct ColumnImportance {
    std::string column;
    // Per repeat, how much worse the score is with the column shuffled: baseline - shuffled
    // for a higher-is-better score, shuffled - baseline for RMSE and the loss. Positive: the
    // model uses the column; about 0: it does not; negative: by chance, better without it.
    std::vector<double> drops;
    double mean = 0;
    double sd = 0;  // sample standard deviation of the drops (0 for one repeat)
};

struct ImportanceResult {
    ImportanceScore score = ImportanceScore::Auto;  // resolved, never Auto
    double baseline = 0;                            // the score of the rows as they are
    std::size_t rows = 0;
    // One per raw column in the model's feature order (inputGroups); sortedByImportance() for
    // a chart or a table.
    std::vector<ColumnImportance> columns;
    bool cancelled = false;  // the progress callback said stop: the columns are incomplete
};

// Throws DataError when the score does not fit the model's task or repeats < 1. Deterministic
// for a seed: column c's repeat k is shuffled by its own generator, whatever else is computed.
// `progress` is called after each column with (columns done, columns).
ImportanceResult permutationImportance(const Model& model, const ExplainData& data,
                                       const ImportanceOptions& options = {},
                                       const ToolProgress& progress = {});

// The columns by decreasing mean drop (ties by name), for a chart or a table.
std::vector<ColumnImportance> sortedByImportance(const ImportanceResult& result);

// Importance computed on several models and their own rows (cross-validation's folds): each
// column's drops are all the folds' drops together, its mean and sd over them; the baseline
// is the mean of the folds' baselines. The results must be of the same columns and score.
ImportanceResult pooledImportance(const std::vector<ImportanceResult>& folds);

}  // namespace bps
