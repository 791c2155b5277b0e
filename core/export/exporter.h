#pragma once
// The one way to export a trained model for other tools: the JSON model file, a NumPy .npz
// archive, an ONNX graph, a self-contained C header, or a NumPy-only Python module. Every export
// predicts what bps::Model::predict predicts (ONNX in float32) and records the app version, the
// date, the features, the classes and the validation metrics where the format has room.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/export/export_metadata.h"
#include "core/model/model.h"

namespace bps {

enum class ExportFormat { Json, Npz, Onnx, C, Python };

inline constexpr std::array<ExportFormat, 5> kExportFormats{ExportFormat::Json, ExportFormat::Npz,
                                                            ExportFormat::Onnx, ExportFormat::C,
                                                            ExportFormat::Python};

// "json", "npz", "onnx", "c", "python": the names the command line accepts.
std::string_view exportFormatName(ExportFormat format);
std::optional<ExportFormat> parseExportFormat(std::string_view name);
// The usual file extension, with the dot: ".json", ".npz", ".onnx", ".h", ".py".
std::string_view exportExtension(ExportFormat format);
// The format a path's extension names (case-insensitive), if any.
std::optional<ExportFormat> formatFromExtension(const std::string& path);
// A file dialog filter such as "NumPy archive (*.npz)".
std::string_view exportFileFilter(ExportFormat format);

// The exported file's bytes. Throws DataError when the model is inconsistent.
std::string exportModelBytes(const Model& model, ExportFormat format,
                             const ExportMetadata& metadata);
// Writes the export to `path` atomically (the old file or the new one, never a partial file).
// Throws DataError on failure.
void exportModel(const Model& model, ExportFormat format, const std::string& path);
void exportModel(const Model& model, ExportFormat format, const std::string& path,
                 const ExportMetadata& metadata);

}  // namespace bps
