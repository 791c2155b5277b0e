#pragma once
// SHA-256 fingerprints of data files, as a project file stores them (lower-case hex): a project
// reopened on a file whose bytes changed says so instead of showing a model of other data.

#include <QByteArray>
#include <QString>
#include <atomic>

namespace bps {

QString sha256Hex(const QByteArray& bytes);
// Reads the file in 1 MiB pieces; empty if it cannot be read or `cancel` becomes true.
QString fileSha256Hex(const QString& path, const std::atomic<bool>* cancel = nullptr);

}  // namespace bps
