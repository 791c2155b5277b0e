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
Side prepareRows(const Dataset& data, const RowMatrix& x, const std::vector<Eigen::Index>& rows,
                 const Scaler& scaler, const TargetScale& target,
                 const std::vector<double>& classWeight) {
    Side side;
    const auto n = static_cast<Eigen::Index>(rows.size());
    const bool regression = data.task == Task::Regression;
    side.x.resize(n, x.cols());
    side.y.resize(n);
    if (!classWeight.empty()) side.w.resize(n);
    const Eigen::RowVectorXd mean = scaler.mean.transpose();
    const Eigen::RowVectorXd invStd = scaler.std.cwiseInverse().transpose();
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::Index r = rows[static_cast<std::size_t>(i)];
        side.x.row(i) = ((x.row(r) - mean).cwiseProduct(invStd)).cast<float>();
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

// The scaler over encoded inputs: fitted on the numeric values only; one-hot and indicator
// inputs are 0/1 already and keep mean 0, std 1 (what every export assumes of them).
Scaler fitEncodedScaler(const RowMatrix& x, const std::vector<Eigen::Index>& rows,
                        const TableEncoding& encoding, std::vector<std::string>& warnings) {
    Scaler scaler = Scaler::identity(x.cols());
    std::vector<Eigen::Index> valueColumns;
    std::vector<std::string> names;
    Eigen::Index offset = 0;
    for (const ColumnEncoding& c : encoding.columns) {
        if (c.kind == ColumnKind::Numeric) {
            valueColumns.push_back(offset);
            names.push_back(c.name);
        }
        offset += static_cast<Eigen::Index>(c.inputCount());
    }
    if (valueColumns.empty()) return scaler;
    RowMatrix values(x.rows(), static_cast<Eigen::Index>(valueColumns.size()));
    for (std::size_t j = 0; j < valueColumns.size(); ++j)
        values.col(static_cast<Eigen::Index>(j)) = x.col(valueColumns[j]);
    const Scaler fitted = Scaler::fit(values, rows, names, warnings);
    for (std::size_t j = 0; j < valueColumns.size(); ++j) {
        scaler.mean(valueColumns[j]) = fitted.mean(static_cast<Eigen::Index>(j));
        scaler.std(valueColumns[j]) = fitted.std(static_cast<Eigen::Index>(j));
    }
    return scaler;
}

// Rare levels merged into `other` change what the model can tell apart: said, per column.
void warnAboutMergedLevels(const TableEncoding& encoding, std::vector<std::string>& warnings) {
    for (const ColumnEncoding& c : encoding.columns) {
        if (c.mergedLevels.empty()) continue;
        warnings.push_back("column '" + printableExcerpt(c.name) +
                           "': " + std::to_string(c.mergedLevels.size()) +
                           (c.mergedLevels.size() == 1 ? " level" : " levels") +
                           " seen fewer than " + std::to_string(encoding.minLevelCount) +
                           " times in the training rows merged into '" + c.levels[*c.otherLevel] +
                           "' (first: '" + printableExcerpt(c.mergedLevels.front()) + "')");
    }
}

}  // namespace

TrainingData::TrainingData(const Dataset& data, const TrainingConfig& config, const Scaler* fixed,
                           const TableEncoding* fixedEncoding)
    : warnings(data.warnings) {
    split = splitRows(data, config.validationFraction, config.seed);
    prepare(data, config, fixed, fixedEncoding);
}

TrainingData::TrainingData(const Dataset& data, const TrainingConfig& config, Split explicitSplit,
                           const Scaler* fixed, const TableEncoding* fixedEncoding)
    : warnings(data.warnings), split(std::move(explicitSplit)) {
    if (split.train.empty()) throw DataError("no rows left for training");
    prepare(data, config, fixed, fixedEncoding);
}

void TrainingData::prepare(const Dataset& data, const TrainingConfig& config, const Scaler* fixed,
                           const TableEncoding* fixedEncoding) {
    meta.task = data.task;
    meta.target = data.target;
    meta.features = data.features;
    meta.classes = data.classes;
    meta.inputs = data.inputs;
    meta.dates = data.dates;
    meta.encoding = data.encoding;

    // The inputs: the data set's own (plain), or encoded with an encoding that saw only the
    // training rows (or the continued model's).
    RowMatrix encodedX;
    if (data.encoded()) {
        if (fixedEncoding) {
            encoding = *fixedEncoding;
            encoding->dates.clear();  // the data set's table holds the parts already
        } else {
            std::vector<std::size_t> trainRows(split.train.begin(), split.train.end());
            encoding = fitEncoding(*data.inputTable, data.inputs, trainRows, data.encoding);
            warnAboutMergedLevels(*encoding, warnings);
        }
        EncodedTable e = encoding->transform(*data.inputTable);
        if (e.rows.size() != static_cast<std::size_t>(data.rows()))
            throw DataError(
                "the model leaves out rows with a missing cell (--missing drop), this "
                "data set keeps them: continue with the model's --missing");
        encodedX = std::move(e.x);
        encoding->dates = data.dates;
        meta.inputNames = encoding->inputNames();
    } else {
        if (fixedEncoding)
            throw DataError(
                "the model encodes its inputs (text, missing cells or dates), this "
                "data set has plain numeric features");
        meta.inputNames = data.features;
    }
    const RowMatrix& x = data.encoded() ? encodedX : data.x;
    if (fixed)
        scaler = *fixed;
    else if (config.standardize && encoding)
        scaler = fitEncodedScaler(x, split.train, *encoding, warnings);
    else if (config.standardize)
        scaler = Scaler::fit(x, split.train, data.features, warnings);
    else
        scaler = Scaler::identity(x.cols());
    if (scaler.mean.size() != x.cols())
        throw DataError("the model has " + std::to_string(scaler.mean.size()) +
                        " inputs, this data set encodes to " + std::to_string(x.cols()));
    if (data.task == Task::Regression) target = fitTargetScale(data, split.train);
    if (data.task != Task::Regression && config.classWeight == ClassWeighting::Balanced)
        classWeight = balancedClassWeights(data, split.train);

    train = prepareRows<TrainingRows>(data, x, split.train, scaler, target, classWeight);
    validation =
        prepareRows<ValidationRows>(data, x, split.validation, scaler, target, classWeight);
    requireFloatRange(train.x, meta.inputNames);
    requireFloatRange(validation.x, meta.inputNames);
    validationTargets.resize(static_cast<Eigen::Index>(split.validation.size()));
    for (std::size_t i = 0; i < split.validation.size(); ++i)
        validationTargets(static_cast<Eigen::Index>(i)) = data.y(split.validation[i]);
    baselineLoss = bps::baselineLoss(data, split.train, classWeight);
    if (config.earlyStoppingPatience > 0 && split.validation.empty())
        warnings.push_back("early stopping needs validation rows; it is off for this run");
}

}  // namespace bps
