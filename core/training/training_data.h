#pragma once
// The rows a Trainer learns from, prepared once before the first epoch: the seeded split, the
// scaler fitted on the training rows, the standardised regression target, the balanced class
// weights and the loss of the best constant prediction. Everything here is fitted on the
// training rows only (the validation rows are transformed, never learnt from), and nothing here
// changes while the run goes on.

#include <optional>
#include <string>
#include <vector>

#include "core/base/types.h"
#include "core/data/dataset.h"
#include "core/data/scaler.h"
#include "core/data/split.h"
#include "core/model/training_config.h"

namespace bps {

// Rows ready for the network: scaled features, targets as the loss takes them.
template <typename Rows>
struct PreparedRows {
    using Matrix = Rows;
    Rows x;            // (rows, features), float, scaled
    VectorX<float> y;  // the class index, or the standardised target
    VectorX<float> w;  // per-row class weights; empty when unweighted

    Eigen::Index rows() const { return x.rows(); }
    bool weighted() const { return w.size() > 0; }
};
// The training rows are row-major: a mini-batch gathers whole rows in a shuffled order.
using TrainingRows =
    PreparedRows<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;
// The validation rows are column-major: forward() takes any chunk of them as a view, no copy.
using ValidationRows = PreparedRows<MatrixX<float>>;

// Regression targets are trained standardised, which keeps one learning rate right for any
// target scale; the model file predicts in the target's own units (see model_weights.h).
struct TargetScale {
    double mean = 0;
    double std = 1;
};

struct TrainingData {
    // Splits `data` and prepares both sides as `config` says. An encoded data set
    // (Dataset::encoded()) has its encoding fitted on the training rows only, then every row
    // transformed with it. With `scaler` (and `encoding`), uses those (a run that continues a
    // saved model keeps the model's) instead of fitting them.
    TrainingData(const Dataset& data, const TrainingConfig& config, const Scaler* scaler = nullptr,
                 const TableEncoding* encoding = nullptr);
    // The same preparation on a split the caller chose (a cross-validation fold) instead of the
    // seeded one: everything is still fitted on `explicitSplit.train` only.
    TrainingData(const Dataset& data, const TrainingConfig& config, Split explicitSplit,
                 const Scaler* scaler = nullptr, const TableEncoding* encoding = nullptr);

    // The task, target, feature, input (encoded) and class names; no rows.
    Dataset meta;
    std::vector<std::string> warnings;  // the data set's, the scaler's, and about the config
    Split split;
    // Encoded data sets only: the encoding fitted on the training rows (Model::preprocessing).
    std::optional<TableEncoding> encoding;
    // Over the encoded inputs; one-hot and missing-indicator inputs get mean 0, std 1.
    Scaler scaler;
    TargetScale target;               // mean 0, std 1 unless the task is regression
    std::vector<double> classWeight;  // per class; empty when unweighted
    TrainingRows train;
    ValidationRows validation;
    Eigen::VectorXd validationTargets;  // in the target's own units (class index or value)
    // The loss of always predicting the (weighted) training class prior, or the mean for
    // regression: a curve that sits on it has learnt nothing.
    double baselineLoss = kNaN;

    Eigen::Index inputCount() const { return train.x.cols(); }

private:
    // Everything after the split: one path for the seeded split and an explicit one.
    void prepare(const Dataset& data, const TrainingConfig& config, const Scaler* scaler,
                 const TableEncoding* encoding);
};

}  // namespace bps
