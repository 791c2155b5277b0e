#include "model_formats.h"

#include <QFile>
#include <QFileInfo>
#include <exception>

#include "errors.h"
#include "file_export.h"
#include "model_file.h"

namespace bps {

const std::vector<ModelFormat>& modelFormats() {
    static const std::vector<ModelFormat> formats{
        {QObject::tr("JSON model"), QStringLiteral("json"),
         [](const Model& m) { return modelToJson(m); }},
    };
    return formats;
}

const ModelFormat& modelFormatFor(const QString& filter, const QString& path) {
    const auto& formats = modelFormats();
    for (const ModelFormat& f : formats)
        if (f.filter() == filter) return f;
    const QString suffix = QFileInfo(path).suffix().toLower();
    for (const ModelFormat& f : formats)
        if (f.suffix == suffix) return f;
    return formats.front();
}

QString exportModel(const Model& model, const ModelFormat& format, const QString& path) {
    std::string text;
    try {
        text = format.write(model);
    } catch (const std::exception& e) {
        return QStringLiteral("%1: %2").arg(path, QString::fromStdString(e.what()));
    }
    return writeFileAtomically(path, QByteArray::fromStdString(text));
}

Model importModel(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw DataError(path.toStdString() + ": cannot open: " + file.errorString().toStdString());
    return modelFromJson(file.readAll().toStdString(), QFileInfo(path).fileName().toStdString());
}

}  // namespace bps
