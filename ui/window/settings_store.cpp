#include "ui/window/settings_store.h"

#include <QSettings>
#include <exception>

#include "core/io/json_convert.h"

namespace bps {

namespace {
const QString kConfigKey = QStringLiteral("training/config");
const QString kRecentKey = QStringLiteral("files/recent");
const QString kLogScaleKey = QStringLiteral("chart/logScale");
const QString kThemeKey = QStringLiteral("view/theme");
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
}  // namespace

TrainingConfig SettingsStore::config() {
    const QString text = QSettings().value(kConfigKey).toString();
    if (text.isEmpty()) return {};
    try {
        TrainingConfig config = configFromJson(nlohmann::json::parse(text.toStdString()));
        if (config.validate().empty()) return config;
    } catch (const std::exception&) {
        // Settings written by another version or edited by hand: fall back to the defaults.
    }
    return {};
}

void SettingsStore::setConfig(const TrainingConfig& config) {
    QSettings().setValue(kConfigKey, QString::fromStdString(configToJson(config).dump()));
}

QStringList SettingsStore::recentFiles() { return QSettings().value(kRecentKey).toStringList(); }

void SettingsStore::addRecentFile(const QString& path) {
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecentFiles) files.removeLast();
    QSettings().setValue(kRecentKey, files);
}

void SettingsStore::clearRecentFiles() { QSettings().remove(kRecentKey); }

bool SettingsStore::logScale() { return QSettings().value(kLogScaleKey, false).toBool(); }

void SettingsStore::setLogScale(bool on) { QSettings().setValue(kLogScaleKey, on); }

QString SettingsStore::theme() {
    return QSettings().value(kThemeKey, QStringLiteral("system")).toString();
}

void SettingsStore::setTheme(const QString& name) { QSettings().setValue(kThemeKey, name); }

QByteArray SettingsStore::windowState() { return QSettings().value(kStateKey).toByteArray(); }

QByteArray SettingsStore::windowGeometry() { return QSettings().value(kGeometryKey).toByteArray(); }

void SettingsStore::setWindowLayout(const QByteArray& geometry, const QByteArray& state) {
    QSettings settings;
    settings.setValue(kGeometryKey, geometry);
    settings.setValue(kStateKey, state);
}

}  // namespace bps
