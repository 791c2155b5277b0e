#pragma once
// The formats File > Export Weights offers: every format of core's exporter (JSON, NumPy .npz,
// ONNX, C header, Python module), so the GUI writes exactly what `backprop-studio export` writes.

#include <QString>
#include <string>
#include <vector>

#include "core/export/exporter.h"
#include "core/model/model.h"

namespace bps {

struct ModelFormat {
    ExportFormat format;
    QString name;    // "NumPy archive"
    QString suffix;  // "npz"

    QString filter() const { return QStringLiteral("%1 (*.%2)").arg(name, suffix); }
};

const std::vector<ModelFormat>& modelFormats();
// The format the file's suffix names (what the user typed wins), else the one whose filter() is
// `filter`, else JSON.
const ModelFormat& modelFormatFor(const QString& filter, const QString& path);
// `path` with its suffix made `format`'s: "m.json" -> "m.npz"; "m" -> "m.npz".
QString withSuffix(const QString& path, const ModelFormat& format);
// Empty on success, else a message for the user. Written atomically, with the app version, the
// date and the validation metrics where the format has room.
QString exportModel(const Model& model, const ModelFormat& format, const QString& path);
// Reads a model file; throws DataError with the file's name and what is wrong.
Model importModel(const QString& path);

}  // namespace bps
