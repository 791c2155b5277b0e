#include "core/export/npz_export.h"

#include <cmath>
#include <limits>

#include "core/export/encoding_tables.h"
#include "core/export/npz_writer.h"

namespace bps {

namespace {

std::vector<double> values(const Eigen::VectorXd& v) {
    return std::vector<double>(v.data(), v.data() + v.size());
}

// Row-major, as numpy's default C order expects (Eigen stores columns first).
std::vector<double> rowMajor(const Eigen::MatrixXd& m) {
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(m.size()));
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c) out.push_back(m(r, c));
    return out;
}

// The archive's own description of how to apply the preprocessing arrays (np.load(f)["README"]).
const char* kReadme =
    R"(Backprop Studio model with preprocessing: raw table columns -> network inputs.
Raw columns, in order: preprocessing_columns; kind (numeric or categorical):
preprocessing_kinds. A cell is missing when it is None/NaN or, as text stripped of spaces and
lower-cased, one of missing_markers. Build X (n, len(input_names)) column by column, in order:
- numeric column j: one input, the value, or preprocessing_impute_values[j] if missing; then,
  if preprocessing_missing_indicator[j] is 1, an input that is 1 for a missing cell, else 0.
- categorical column j: len(levels_j) inputs (the one-hot levels, named in input_names). A cell
  sets input lookup_levels_j[k] to 1 where it equals lookup_values_j[k] (compared as numbers,
  float(cell), when preprocessing_levels_are_numbers[j] is 1, else as text stripped of spaces);
  lookup_values_j lists the levels then merged_levels_j, which all set the level other_level_j.
  A missing cell sets preprocessing_missing_level[j] (-1: none). Any other value (a level never
  seen in training) sets nothing: all zeros.
Then a = (X - scaler_mean) / scaler_std and, for each layer i = 1, 2, ...:
a = activations[i-1](a @ Wi + bi). Binary: a[:, 0] is P(classes[1]); multiclass: a[:, c] is
P(classes[c]); regression: a[:, 0] is the prediction.
)";

const char* policyName(MissingPolicy policy) {
    switch (policy) {
        case MissingPolicy::Impute:
            return "impute";
        case MissingPolicy::Category:
            return "category";
        case MissingPolicy::Drop:
            return "drop";
    }
    return "impute";
}

void addPreprocessing(NpzWriter& npz, const TableEncoding& encoding) {
    const double none = -1;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<std::string> names, kinds;
    std::vector<double> impute, indicator, numbers, missingLevel;
    for (std::size_t j = 0; j < encoding.columns.size(); ++j) {
        const ColumnEncoding& column = encoding.columns[j];
        const bool numeric = column.kind == ColumnKind::Numeric;
        names.push_back(column.name);
        kinds.emplace_back(numeric ? "numeric" : "categorical");
        impute.push_back(numeric ? column.imputeValue : nan);
        indicator.push_back(column.missingIndicator ? 1 : 0);
        numbers.push_back(column.levelsAreNumbers ? 1 : 0);
        if (numeric) {
            missingLevel.push_back(none);
            continue;
        }
        const LevelTable table = levelTable(column, encoding.missing);
        missingLevel.push_back(table.missingLevel ? static_cast<double>(*table.missingLevel)
                                                  : none);
        const std::string n = std::to_string(j);
        npz.addStrings("levels_" + n, {column.levels.size()}, column.levels);
        npz.addStrings("merged_levels_" + n, {column.mergedLevels.size()}, column.mergedLevels);
        npz.addDoubles("other_level_" + n, {},
                       {column.otherLevel ? static_cast<double>(*column.otherLevel) : none});
        if (column.levelsAreNumbers)
            npz.addDoubles("lookup_values_" + n, {table.keyNumbers.size()}, table.keyNumbers);
        else
            npz.addStrings("lookup_values_" + n, {table.keys.size()}, table.keys);
        npz.addDoubles("lookup_levels_" + n, {table.keyLevel.size()},
                       std::vector<double>(table.keyLevel.begin(), table.keyLevel.end()));
    }
    const std::size_t count = names.size();
    npz.addStrings("preprocessing_columns", {count}, names);
    npz.addStrings("preprocessing_kinds", {count}, kinds);
    npz.addDoubles("preprocessing_impute_values", {count}, impute);
    npz.addDoubles("preprocessing_missing_indicator", {count}, indicator);
    npz.addDoubles("preprocessing_levels_are_numbers", {count}, numbers);
    npz.addDoubles("preprocessing_missing_level", {count}, missingLevel);
    npz.addString("preprocessing_missing_policy", policyName(encoding.missing));
    const std::vector<std::string> inputs = encoding.inputNames();
    npz.addStrings("input_names", {inputs.size()}, inputs);
    const std::vector<std::string> markers{"", "?", "na", "n/a", "nan", "null"};
    npz.addStrings("missing_markers", {markers.size()}, markers);
    npz.addString("README", kReadme);
}

}  // namespace

std::string modelToNpz(const Model& model, const ExportMetadata& metadata) {
    NpzWriter npz;
    std::vector<std::string> activations;
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const DenseLayer& layer = model.layers[i];
        const std::string n = std::to_string(i + 1);
        npz.addDoubles("W" + n,
                       {static_cast<std::size_t>(layer.weights.rows()),
                        static_cast<std::size_t>(layer.weights.cols())},
                       rowMajor(layer.weights));
        npz.addDoubles("b" + n, {static_cast<std::size_t>(layer.bias.size())}, values(layer.bias));
        activations.emplace_back(activationName(layer.activation));
    }
    npz.addDoubles("scaler_mean", {static_cast<std::size_t>(model.scaler.mean.size())},
                   values(model.scaler.mean));
    npz.addDoubles("scaler_std", {static_cast<std::size_t>(model.scaler.std.size())},
                   values(model.scaler.std));
    npz.addStrings("activations", {activations.size()}, activations);
    npz.addStrings("classes", {model.classes.size()}, model.classes);
    npz.addStrings("features", {model.features.size()}, model.features);
    npz.addString("task", std::string(taskName(model.task)));
    npz.addString("target", model.target);
    npz.addString("app_version", metadata.appVersion);
    npz.addString("created", metadata.created);
    npz.addString("metrics_json", metadata.metricsJson);
    // A binary model's decision threshold: class 1 when the output is >= threshold.
    if (model.task == Task::Binary) npz.addDoubles("threshold", {}, {model.threshold});
    if (model.preprocessing) addPreprocessing(npz, *model.preprocessing);
    return npz.finish();
}

}  // namespace bps
