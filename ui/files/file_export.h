#pragma once
// Writing what the window shows to files, always atomically (core/io/files.h: the old file or
// the new one, never half of one): the epoch history as CSV and a widget as PNG or SVG.

#include <QString>
#include <vector>

#include "core/monitoring/epoch_report.h"

class QWidget;

namespace bps {

// Each returns an empty string on success, else a message naming the file and the reason.
// The history is core's CSV (the command line writes the same): "epoch,train_loss,val_loss,
// val_accuracy,learning_rate,seconds", NaN cells empty.
QString writeHistoryCsv(const QString& path, const std::vector<EpochReport>& history);
// PNG unless the name ends in ".svg" (SVG needs Qt SVG; without it SVG is an error).
QString saveWidgetImage(QWidget* widget, const QString& path);
// The save dialog's filters for saveWidgetImage: PNG, and SVG when Qt SVG is there.
QString chartImageFilters();
// Why `path` must not be written, or "": it is the file the data was loaded from
// (`loadedPath`), compared as files (bps::sameFile: a link, "./a.csv" and a hard link are
// caught). Every save in the app asks this first, as the command line refuses an output that is
// an input, so a save dialog never destroys the data being trained on.
QString refuseLoadedInput(const QString& path, const QString& loadedPath);
// core/io/files.h's writeFileAtomically with the error as a returned message.
QString writeFileAtomically(const QString& path, const QByteArray& bytes);

}  // namespace bps
