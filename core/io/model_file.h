#pragma once
// The JSON model file, format "backprop-studio-model" version 1 (see README.md). Writes are
// atomic (write to a temporary file beside the target, then rename).

#include <string>

#include "core/io/files.h"
#include "core/model/model.h"

namespace bps {

inline constexpr int kModelFormatVersion = 1;

// The model as JSON text (pretty-printed, numbers round-trip exactly).
std::string modelToJson(const Model& model);
// Parses and validates; throws DataError naming `source` and what is wrong.
Model modelFromJson(const std::string& text, const std::string& source = "<model>");

void saveModel(const Model& model, const std::string& path);
Model loadModel(const std::string& path);

}  // namespace bps
