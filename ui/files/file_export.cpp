#include "ui/files/file_export.h"

#include <QBuffer>
#include <QObject>
#include <QPainter>
#include <QPixmap>
#include <QStringList>
#include <QWidget>

#include "core/base/errors.h"
#include "core/io/csv_writer.h"
#include "core/io/files.h"

#ifdef BPS_HAVE_SVG
#include <QSvgGenerator>
#endif

namespace bps {

QString writeHistoryCsv(const QString& path, const std::vector<EpochReport>& history) {
    return writeFileAtomically(path, QByteArray::fromStdString(historyToCsv(history)));
}

QString refuseLoadedInput(const QString& path, const QString& loadedPath) {
    if (loadedPath.isEmpty() || loadedPath.startsWith(QLatin1String(":/"))) return {};
    if (!sameFile(path.toStdString(), loadedPath.toStdString())) return {};
    return QObject::tr("%1 is the loaded data file; choose another name (nothing was written).")
        .arg(path);
}

QString writeFileAtomically(const QString& path, const QByteArray& bytes) {
    // The one implementation the command line uses too, so both treat files alike.
    try {
        writeFileAtomically(path.toStdString(), bytes.toStdString());
    } catch (const DataError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QString chartImageFilters() {
    QStringList filters{QObject::tr("PNG image (*.png)")};
#ifdef BPS_HAVE_SVG
    filters << QObject::tr("SVG drawing (*.svg)");
#endif
    return filters.join(QStringLiteral(";;"));
}

QString saveWidgetImage(QWidget* widget, const QString& path) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
#ifdef BPS_HAVE_SVG
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(widget->size());
        generator.setViewBox(widget->rect());
        generator.setTitle(QStringLiteral("Backprop Studio"));
        QPainter painter(&generator);
        widget->render(&painter);
        painter.end();
#else
        return QObject::tr("%1: this build cannot write SVG (Qt SVG is missing)").arg(path);
#endif
    } else if (!widget->grab().save(&buffer, "PNG")) {
        return QObject::tr("%1: cannot encode the image").arg(path);
    }
    return writeFileAtomically(path, bytes);
}

}  // namespace bps
