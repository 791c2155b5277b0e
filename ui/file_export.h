#pragma once
// Writing what the window shows to files, always atomically (QSaveFile: the old file or the new
// one, never half of one): the epoch history as CSV and a widget as PNG or SVG.

#include <QString>
#include <span>

#include "trainer.h"

class QWidget;

namespace bps {

// Header "epoch,train_loss,val_loss,val_accuracy,learning_rate,seconds"; NaN cells are empty.
QString historyCsv(std::span<const EpochReport> history);
// Each returns an empty string on success, else a message naming the file and the reason.
QString writeHistoryCsv(const QString& path, std::span<const EpochReport> history);
// PNG unless the name ends in ".svg" (SVG needs Qt SVG; without it SVG is an error).
QString saveWidgetImage(QWidget* widget, const QString& path);
QString writeFileAtomically(const QString& path, const QByteArray& bytes);

}  // namespace bps
