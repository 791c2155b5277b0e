#pragma once
// The model as a NumPy .npz archive: W1, b1, W2, b2, ... (W shaped (inputs, units), float64),
// scaler_mean, scaler_std, and as unicode string arrays activations, classes, features, plus 0-d
// strings task, target, app_version, created and metrics_json. np.load() needs no allow_pickle.

#include <string>

#include "core/export/export_metadata.h"
#include "core/model/model.h"

namespace bps {

std::string modelToNpz(const Model& model, const ExportMetadata& metadata);

}  // namespace bps
