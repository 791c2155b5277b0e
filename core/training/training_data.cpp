#include "core/training/training_data.h"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "core/base/errors.h"
#include "core/csv/csv_cell.h"

namespace bps {

namespace {

TargetScale fitTargetScale(const Dataset& data, const std::vector<Eigen::Index>& rows) {
    TargetScale scale;
    double sum = 0, sq = 0;
    for (Eigen::Index r : rows) sum += data.y(r);
    scale.mean = sum / static_cast<double>(rows.size());
    for (Eigen::Index r : rows) sq += (data.y(r) - scale.mean) * (data.y(r) - scale.mean);
    const double sd = std::sqrt(sq / static_cast<double>(rows.size()));
    scale.std = sd > 0 ? sd : 1.0;
    return scale;
}

// "balanced": w_c = n / (k * n_c), so every class carries the same total weight.
std::vector<double> balancedClassWeights(const Dataset& data,
                                         const std::vector<Eigen::Index>& rows) {
    const auto k = data.classes.size();
    std::vector<double> count(k, 0.0);
    for (Eigen::Index r : rows) count[static_cast<std::size_t>(data.y(r))] += 1;
    std::vector<double> weight(k);
    for (std::size_t c = 0; c < k; ++c)
        weight[c] = count[c] > 0 ? rows.size() / (k * count[c]) : 0.0;
    return weight;
}

template <typename Side>
Side prepareRows(const Dataset& data, const std::vector<Eigen::Index>& rows, const Scaler& scaler,
                 const TargetScale& target, const std::vector<double>& classWeight) {
    Side side;
    const auto n = static_cast<Eigen::Index>(rows.size());
    const bool regression = data.task == Task::Regression;
    side.x.resize(n, data.featureCount());
    side.y.resize(n);
    if (!classWeight.empty()) side.w.resize(n);
    const Eigen::RowVectorXd mean = scaler.mean.transpose();
    const Eigen::RowVectorXd invStd = scaler.std.cwiseInverse().transpose();
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::Index r = rows[static_cast<std::size_t>(i)];
        side.x.row(i) = ((data.x.row(r) - mean).cwiseProduct(invStd)).cast<float>();
        const double y = data.y(r);
        side.y(i) = static_cast<float>(regression ? (y - target.mean) / target.std : y);
        if (!classWeight.empty())
            side.w(i) = static_cast<float>(classWeight[static_cast<std::size_t>(y)]);
    }
    return side;
}

// The best constant prediction is the (weighted) class prior q; its loss is the weighted mean
// of -log q_y over the training rows.
double baselineLoss(const Dataset& data, const std::vector<Eigen::Index>& rows,
                    const std::vector<double>& classWeight) {
    if (data.task == Task::Regression) return 1.0;  // predicting the mean of a standardised target
    const auto k = data.classes.size();
    std::vector<double> mass(k, 0.0);
    double total = 0;
    for (Eigen::Index r : rows) {
        const auto c = static_cast<std::size_t>(data.y(r));
        const double w = classWeight.empty() ? 1.0 : classWeight[c];
        mass[c] += w;
        total += w;
    }
    double loss = 0;
    for (std::size_t c = 0; c < k; ++c)
        if (mass[c] > 0) loss -= mass[c] / rows.size() * std::log(mass[c] / total);
    return loss;
}

// Training runs in float: a value beyond its range (about 3.4e38) becomes inf and the first
// epoch diverges. Say so before training, naming the column, instead of after it.
template <typename Matrix>
void requireFloatRange(const Matrix& x, const std::vector<std::string>& features) {
    if (x.allFinite()) return;
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        if (x.col(j).allFinite()) continue;
        const std::string name = j < Eigen::Index(features.size()) ? features[j] : "?";
        throw DataError("feature '" + printableExcerpt(name) +
                        "' has values too large for training's 32-bit floats (beyond 3.4e38) "
                        "after scaling: standardise the inputs or rescale the column");
    }
}

}  // namespace

TrainingData::TrainingData(const Dataset& data, const TrainingConfig& config, const Scaler* fixed)
    : warnings(data.warnings) {
    split = splitRows(data, config.validationFraction, config.seed);
    prepare(data, config, fixed);
}

TrainingData::TrainingData(const Dataset& data, const TrainingConfig& config, Split explicitSplit,
                           const Scaler* fixed)
    : warnings(data.warnings), split(std::move(explicitSplit)) {
    if (split.train.empty()) throw DataError("no rows left for training");
    prepare(data, config, fixed);
}

void TrainingData::prepare(const Dataset& data, const TrainingConfig& config, const Scaler* fixed) {
    meta.task = data.task;
    meta.target = data.target;
    meta.features = data.features;
    meta.classes = data.classes;

    if (fixed)
        scaler = *fixed;
    else if (config.standardize)
        scaler = Scaler::fit(data.x, split.train, data.features, warnings);
    else
        scaler = Scaler::identity(data.featureCount());
    if (data.task == Task::Regression) target = fitTargetScale(data, split.train);
    if (data.task != Task::Regression && config.classWeight == ClassWeighting::Balanced)
        classWeight = balancedClassWeights(data, split.train);

    train = prepareRows<TrainingRows>(data, split.train, scaler, target, classWeight);
    validation = prepareRows<ValidationRows>(data, split.validation, scaler, target, classWeight);
    requireFloatRange(train.x, data.features);
    requireFloatRange(validation.x, data.features);
    validationTargets.resize(static_cast<Eigen::Index>(split.validation.size()));
    for (std::size_t i = 0; i < split.validation.size(); ++i)
        validationTargets(static_cast<Eigen::Index>(i)) = data.y(split.validation[i]);
    baselineLoss = bps::baselineLoss(data, split.train, classWeight);
    if (config.earlyStoppingPatience > 0 && split.validation.empty())
        warnings.push_back("early stopping needs validation rows; it is off for this run");
}

}  // namespace bps
