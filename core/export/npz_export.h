#pragma once
// The model as a NumPy .npz archive: W1, b1, W2, b2, ... (W shaped (inputs, units), float64),
// scaler_mean, scaler_std, and as unicode string arrays activations, classes, features, plus 0-d
// strings task, target, app_version, created and metrics_json. np.load() needs no allow_pickle.
// A model with preprocessing adds the encoding as arrays (preprocessing_columns, _kinds,
// _impute_values, _missing_indicator, _levels_are_numbers, _missing_level; per categorical
// column j levels_j, merged_levels_j, other_level_j, lookup_values_j, lookup_levels_j;
// input_names, missing_markers) and a 0-d string README saying how to apply them.

#include <string>

#include "core/export/export_metadata.h"
#include "core/model/model.h"

namespace bps {

std::string modelToNpz(const Model& model, const ExportMetadata& metadata);

}  // namespace bps
