#include "core/export/exporter.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/base/errors.h"
#include "core/export/c_export.h"
#include "core/export/npz_export.h"
#include "core/export/onnx_export.h"
#include "core/export/python_export.h"
#include "core/io/model_file.h"

namespace bps {

namespace {

struct FormatInfo {
    ExportFormat format;
    std::string_view name;
    std::string_view extension;
    std::string_view filter;
};

constexpr std::array<FormatInfo, 5> kInfo{{
    {ExportFormat::Json, "json", ".json", "Backprop Studio model (*.json)"},
    {ExportFormat::Npz, "npz", ".npz", "NumPy archive (*.npz)"},
    {ExportFormat::Onnx, "onnx", ".onnx", "ONNX model (*.onnx)"},
    {ExportFormat::C, "c", ".h", "C header (*.h)"},
    {ExportFormat::Python, "python", ".py", "Python module (*.py)"},
}};

const FormatInfo& info(ExportFormat format) {
    for (const auto& i : kInfo)
        if (i.format == format) return i;
    return kInfo[0];
}

// The v1 model file with the metrics of `metadata`: a model loaded from a file has lost them
// (bps::Model keeps only the metrics of a model just trained), and re-exporting must keep them.
std::string jsonModel(const Model& model, const ExportMetadata& metadata) {
    nlohmann::json j = nlohmann::json::parse(modelToJson(model));
    const auto metrics = nlohmann::json::parse(metadata.metricsJson, nullptr, false);
    if (metrics.is_object() && !metrics.empty()) j["metrics"] = metrics;
    return j.dump(1) + "\n";
}

}  // namespace

std::string_view exportFormatName(ExportFormat format) { return info(format).name; }
std::string_view exportExtension(ExportFormat format) { return info(format).extension; }
std::string_view exportFileFilter(ExportFormat format) { return info(format).filter; }

std::optional<ExportFormat> parseExportFormat(std::string_view name) {
    for (const auto& i : kInfo)
        if (i.name == name) return i.format;
    return std::nullopt;
}

std::optional<ExportFormat> formatFromExtension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const auto& i : kInfo)
        if (i.extension == ext) return i.format;
    return std::nullopt;
}

std::string exportModelBytes(const Model& model, ExportFormat format,
                             const ExportMetadata& metadata) {
    // Every writer relies on consistent shapes; a model edited in memory may not have them.
    if (const std::string problem = model.validate(); !problem.empty())
        throw DataError("cannot export the model: " + problem);
    try {
        switch (format) {
            case ExportFormat::Json:
                return jsonModel(model, metadata);
            case ExportFormat::Npz:
                return modelToNpz(model, metadata);
            case ExportFormat::Onnx:
                return modelToOnnx(model, metadata);
            case ExportFormat::C:
                return modelToCHeader(model, metadata);
            case ExportFormat::Python:
                return modelToPython(model, metadata);
        }
    } catch (const nlohmann::json::exception& e) {
        // Text that is not UTF-8 (a class or feature name) cannot go into JSON.
        throw DataError("cannot export the model: " + std::string(e.what()));
    }
    throw DataError("unknown export format");
}

void exportModel(const Model& model, ExportFormat format, const std::string& path) {
    exportModel(model, format, path, exportMetadata(model));
}

void exportModel(const Model& model, ExportFormat format, const std::string& path,
                 const ExportMetadata& metadata) {
    writeFileAtomically(path, exportModelBytes(model, format, metadata));
}

}  // namespace bps
