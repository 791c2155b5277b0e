#pragma once
// What persists between sessions (QSettings): the hyperparameters, recent files, the chart's
// log-scale choice, the theme and the window layout. The hyperparameters are stored as the same
// JSON the model file uses, so both stay in step when core adds a field.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "core/model/training_config.h"

namespace bps {

class SettingsStore {
public:
    static constexpr int kMaxRecentFiles = 8;

    // Unreadable or missing settings give the defaults.
    static TrainingConfig config();
    static void setConfig(const TrainingConfig& config);

    static QStringList recentFiles();
    // Moves `path` to the front, dropping duplicates and the oldest past kMaxRecentFiles.
    static void addRecentFile(const QString& path);
    static void clearRecentFiles();

    static bool logScale();
    static void setLogScale(bool on);

    // "system" (the default), "light" or "dark": see ui/window/theme.h.
    static QString theme();
    static void setTheme(const QString& name);

    static QByteArray windowState();
    static QByteArray windowGeometry();
    static void setWindowLayout(const QByteArray& geometry, const QByteArray& state);
};

}  // namespace bps
