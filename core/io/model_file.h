#pragma once
// The JSON model file, format "backprop-studio-model" (see README.md): version 1 for a model of
// plain numeric features, version 2 when it has a `preprocessing` section (text columns, missing
// cells, date parts). Both are read. Writes are atomic (write to a temporary file beside the
// target, then rename).

#include <string>

#include "core/io/files.h"
#include "core/model/model.h"

namespace bps {

// The newest version this build reads and writes; it writes version 1 for a model without
// preprocessing, so that older builds still read those.
inline constexpr int kModelFormatVersion = 2;

// The model as JSON text (pretty-printed, numbers round-trip exactly).
std::string modelToJson(const Model& model);
// Parses and validates; throws DataError naming `source` and what is wrong.
Model modelFromJson(const std::string& text, const std::string& source = "<model>");

void saveModel(const Model& model, const std::string& path);
Model loadModel(const std::string& path);

}  // namespace bps
