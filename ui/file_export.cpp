#include "file_export.h"

#include <QBuffer>
#include <QPainter>
#include <QPixmap>
#include <QSaveFile>
#include <QWidget>

#include "csv_writer.h"

#ifdef BPS_HAVE_SVG
#include <QSvgGenerator>
#endif

namespace bps {

QString writeHistoryCsv(const QString& path, const std::vector<EpochReport>& history) {
    return writeFileAtomically(path, QByteArray::fromStdString(historyToCsv(history)));
}

QString writeFileAtomically(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("%1: cannot write: %2").arg(path, file.errorString());
    if (file.write(bytes) != bytes.size() || !file.commit())
        return QObject::tr("%1: cannot write: %2").arg(path, file.errorString());
    return {};
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
