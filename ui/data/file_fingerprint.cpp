#include "ui/data/file_fingerprint.h"

#include <QCryptographicHash>
#include <QFile>

namespace bps {

QString sha256Hex(const QByteArray& bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString fileSha256Hex(const QString& path, const std::atomic<bool>* cancel) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray piece;
    while (!(piece = file.read(1 << 20)).isEmpty()) {
        if (cancel && cancel->load()) return {};
        hash.addData(piece);
    }
    if (file.error() != QFileDevice::NoError) return {};
    return QString::fromLatin1(hash.result().toHex());
}

}  // namespace bps
