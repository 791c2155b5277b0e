#pragma once
// The formats File > Export Weights offers. Adding a format is one entry in modelFormats().

#include <QString>
#include <functional>
#include <string>
#include <vector>

#include "model.h"

namespace bps {

struct ModelFormat {
    QString name;    // "JSON model"
    QString suffix;  // "json"
    std::function<std::string(const Model&)> write;

    QString filter() const { return QStringLiteral("%1 (*.%2)").arg(name, suffix); }
};

const std::vector<ModelFormat>& modelFormats();
// The format whose filter() is `filter`, else the one matching the file's suffix, else the first.
const ModelFormat& modelFormatFor(const QString& filter, const QString& path);
// Empty on success, else a message for the user. Written atomically.
QString exportModel(const Model& model, const ModelFormat& format, const QString& path);
// Reads a model file; throws DataError with the file's name and what is wrong.
Model importModel(const QString& path);

}  // namespace bps
