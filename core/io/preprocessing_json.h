#pragma once
// The `preprocessing` section of a version 2 model file (README "Model file"): each raw input
// column in order with what fitting learnt about it (imputation value, indicator, its scaler
// entry; levels, `other`, `missing`, the imputation level, merged levels), and the date/time
// columns taken apart into parts.

#include <nlohmann/json.hpp>

#include "core/data/column_encoding.h"
#include "core/data/scaler.h"

namespace bps {

// `scaler` is the model's (over the encoded inputs): each numeric column lists its entry too, so
// that the section reads on its own.
nlohmann::json preprocessingToJson(const TableEncoding& encoding, const Scaler& scaler);

// Throws DataError naming the place ("preprocessing.columns[1].levels: ...") for anything
// malformed; numeric columns' mean/std must be the scaler's entries.
TableEncoding preprocessingFromJson(const nlohmann::json& json, const Scaler& scaler);

}  // namespace bps
