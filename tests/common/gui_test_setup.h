#pragma once
// What GUI tests do first: settings of their own (never the user's recent files or window
// layout), and a main window shown at the size the screenshots use, with dialogs off so errors
// arrive as signals instead of blocking modal boxes.

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QString>
#include <QTest>
#include <memory>

#include "ui/window/main_window.h"

namespace bps::test {

// Settings in a test location, named after the test, and empty.
inline void useTestSettings(const QString& testName) {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BackpropStudioTests"));
    QCoreApplication::setApplicationName(testName);
    QSettings().clear();
}

// A 1280 x 800 main window on screen (offscreen in CTest); null if it never got exposed.
inline std::unique_ptr<MainWindow> shownMainWindow() {
    auto window = std::make_unique<MainWindow>();
    window->setDialogsEnabled(false);
    window->resize(1280, 800);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) return nullptr;
    return window;
}

}  // namespace bps::test
