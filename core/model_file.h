#pragma once
// The JSON model file, format "backprop-studio-model" version 1 (see README.md). Writes are
// atomic (write to a temporary file beside the target, then rename).

#include <string>

#include "model.h"

namespace bps {

inline constexpr int kModelFormatVersion = 1;

// The model as JSON text (pretty-printed, numbers round-trip exactly).
std::string modelToJson(const Model& model);
// Parses and validates; throws DataError naming `source` and what is wrong.
Model modelFromJson(const std::string& text, const std::string& source = "<model>");

void saveModel(const Model& model, const std::string& path);
Model loadModel(const std::string& path);

// Writes `contents` to `path` atomically: the old file or the new one, never a partial file.
// Throws DataError on failure.
void writeFileAtomically(const std::string& path, const std::string& contents);
// Reads a whole (small) file; throws DataError "PATH: cannot open: reason".
std::string readSmallFile(const std::string& path, std::size_t maxBytes = 512u << 20);

}  // namespace bps
