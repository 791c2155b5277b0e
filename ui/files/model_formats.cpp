#include "ui/files/model_formats.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <exception>

#include "core/base/errors.h"
#include "core/export/export_metadata.h"
#include "core/io/model_file.h"
#include "ui/files/file_export.h"

namespace bps {

namespace {

ModelFormat describe(ExportFormat format) {
    // Core's filter reads "NumPy archive (*.npz)": the name is what comes before the pattern.
    const QString filter = QString::fromUtf8(
        exportFileFilter(format).data(), static_cast<qsizetype>(exportFileFilter(format).size()));
    const QString extension = QString::fromUtf8(
        exportExtension(format).data(), static_cast<qsizetype>(exportExtension(format).size()));
    return {format, filter.left(filter.indexOf(QStringLiteral(" (*."))), extension.mid(1)};
}

}  // namespace

const std::vector<ModelFormat>& modelFormats() {
    static const std::vector<ModelFormat> formats = [] {
        std::vector<ModelFormat> all;
        all.reserve(kExportFormats.size());
        for (ExportFormat f : kExportFormats) all.push_back(describe(f));
        return all;
    }();
    return formats;
}

const ModelFormat& modelFormatFor(const QString& filter, const QString& path) {
    const auto& formats = modelFormats();
    const QString suffix = QFileInfo(path).suffix().toLower();
    for (const ModelFormat& f : formats)
        if (f.suffix == suffix) return f;
    for (const ModelFormat& f : formats)
        if (f.filter() == filter) return f;
    return formats.front();
}

QString withSuffix(const QString& path, const ModelFormat& format) {
    const QFileInfo info(path);
    const bool known =
        std::any_of(modelFormats().begin(), modelFormats().end(),
                    [&](const ModelFormat& f) { return f.suffix == info.suffix().toLower(); });
    const QString stem = known ? info.completeBaseName() : info.fileName();
    const QString name = stem + '.' + format.suffix;
    return path.contains('/') ? info.dir().filePath(name) : name;
}

QString exportModel(const Model& model, const ModelFormat& format, const QString& path) {
    std::string bytes;
    try {
        bytes = exportModelBytes(model, format.format, exportMetadata(model));
    } catch (const std::exception& e) {
        return QStringLiteral("%1: %2").arg(path, QString::fromStdString(e.what()));
    }
    return writeFileAtomically(path, QByteArray::fromStdString(bytes));
}

Model importModel(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw DataError(path.toStdString() + ": cannot open: " + file.errorString().toStdString());
    return modelFromJson(file.readAll().toStdString(), QFileInfo(path).fileName().toStdString());
}

}  // namespace bps
