// `backprop-studio export MODEL.json [--format json|npz|onnx|c|python] --out FILE`

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "app/cli_outputs.h"
#include "core/base/errors.h"
#include "core/export/exporter.h"
#include "core/io/model_file.h"

namespace bps::cli {

namespace {

// The model file's "metrics" object, which bps::Model does not keep for a loaded model.
std::string metricsOf(const std::string& modelText) {
    const auto j = nlohmann::json::parse(modelText, nullptr, false);
    if (!j.is_object() || !j.contains("metrics") || !j["metrics"].is_object()) return "{}";
    return j["metrics"].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

int runExport(const std::vector<std::string>& argList) {
    const ParsedArgs args(argList, {{"format"}, {"out"}, {"quiet", false}});
    if (args.positional().size() != 1) throw UsageError("expected one MODEL.json");
    if (!args.has("out") || args.text("out").empty()) throw UsageError("missing --out FILE");
    const std::string out = args.text("out");
    std::optional<ExportFormat> format;
    if (args.has("format")) {
        format = parseExportFormat(args.text("format"));
        if (!format)
            throw UsageError("option '--format' must be one of json, npz, onnx, c, python, got '" +
                             args.text("format") + "'");
    } else {
        format = formatFromExtension(out);
        if (!format)
            throw UsageError("cannot tell the format from '" + out +
                             "': use --format or an extension .json .npz .onnx .h .py");
    }

    const std::string path = args.positional()[0];
    checkOutputs({{"the model file", path}}, {{"--out", out}});
    const std::string text = readSmallFile(path);
    const Model model = modelFromJson(text, path);
    if (model.validation && !std::isfinite(model.validation->loss))
        throw DataError(path +
                        ": the model's validation outputs were not finite numbers (its "
                        "validation loss is null): it cannot predict; retrain it");
    ExportMetadata metadata = exportMetadata(model);
    metadata.metricsJson = metricsOf(text);
    exportModel(model, *format, out, metadata);
    if (!args.has("quiet"))
        std::cout << "Exported " << exportFormatName(*format) << " model to " << out << "\n";
    return kExitOk;
}

}  // namespace bps::cli
