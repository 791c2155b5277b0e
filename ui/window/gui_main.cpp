#include "ui/window/gui_main.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QMessageBox>
#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "ui/window/main_window.h"
#include "ui/window/theme_menu.h"

namespace bps {

namespace {

// Qt's own options (QGuiApplication, QApplication and the xcb plugin) that take a value. Qt also
// accepts them with two dashes and as -name=value.
constexpr std::string_view kQtOptionsWithValue[] = {"-platform",
                                                    "-platformpluginpath",
                                                    "-platformtheme",
                                                    "-plugin",
                                                    "-qwindowgeometry",
                                                    "-geometry",
                                                    "-qwindowicon",
                                                    "-icon",
                                                    "-qwindowtitle",
                                                    "-title",
                                                    "-display",
                                                    "-style",
                                                    "-stylesheet",
                                                    "-session",
                                                    "-name",
                                                    "-qmljsdebugger",
                                                    "-visual"};
constexpr std::string_view kQtFlags[] = {"-reverse", "-widgetcount", "-nograb",
                                         "-dograb",  "-testability", "-sync"};

// "-style" for "-style", "--style" and "-style=Fusion".
std::string_view optionName(std::string_view arg) {
    if (arg.substr(0, 2) == "--") arg.remove_prefix(1);
    return arg.substr(0, arg.find('='));
}

bool contains(const auto& names, std::string_view name) {
    for (std::string_view n : names)
        if (n == name) return true;
    return false;
}

// The -platform argument's value, or QT_QPA_PLATFORM's, or "" (Qt's default, xcb or wayland).
std::string platformName(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (optionName(arg) != "-platform") continue;
        if (const auto eq = arg.find('='); eq != std::string_view::npos)
            return std::string(arg.substr(eq + 1));
        if (i + 1 < argc) return argv[i + 1];
    }
    const char* env = std::getenv("QT_QPA_PLATFORM");
    return env ? env : "";
}

bool hasEnv(const char* name) {
    const char* value = std::getenv(name);
    return value && *value;
}

}  // namespace

int firstNonQtArgument(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const std::string_view name = optionName(arg);
        if (contains(kQtFlags, name)) continue;
        if (contains(kQtOptionsWithValue, name)) {
            if (arg.find('=') == std::string_view::npos) ++i;  // the value is the next argument
            continue;
        }
        return i;
    }
    return argc;
}

std::optional<std::string> missingDisplay(int argc, char** argv) {
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
    // A list such as "wayland;xcb" is tried in order; any other plugin (offscreen, minimal, vnc,
    // eglfs, linuxfb, ...) needs no window system, so we let Qt try it.
    const std::string platform = platformName(argc, argv);
    bool needsWindowSystem = true;
    std::string_view rest = platform;
    while (!rest.empty()) {
        const std::string_view entry = rest.substr(0, rest.find(';'));
        rest.remove_prefix(std::min(rest.size(), entry.size() + 1));
        if (!entry.empty() && entry != "xcb" && entry.substr(0, 7) != "wayland")
            needsWindowSystem = false;
    }
    bool hasDisplayOption = false;
    for (int i = 1; i < argc; ++i) hasDisplayOption |= optionName(argv[i]) == "-display";
    if (needsWindowSystem && !hasDisplayOption && !hasEnv("DISPLAY") && !hasEnv("WAYLAND_DISPLAY"))
        return "no display: DISPLAY and WAYLAND_DISPLAY are unset, so the desktop app cannot start "
               "(run 'backprop-studio --help' for the commands)";
#else
    (void)argc;
    (void)argv;
#endif
    return std::nullopt;
}

int runGui(int& argc, char** argv) {
    QApplication app(argc, argv);  // removes Qt's options from argc and argv
    QApplication::setOrganizationName(QStringLiteral("Backprop Studio"));
    QApplication::setApplicationName(QStringLiteral("backprop-studio"));
    QApplication::setApplicationDisplayName(QStringLiteral("Backprop Studio"));
    QApplication::setApplicationVersion(QStringLiteral(BPS_VERSION));
    // The installed .desktop file's name: Wayland's app id, so the shell shows our icon and name.
    QApplication::setDesktopFileName(QStringLiteral("io.github.backprop_studio.BackpropStudio"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/backprop-studio.svg")));

    applyStoredTheme();
    MainWindow window;
    window.show();
    if (argc > 1 && QFileInfo(QFile::decodeName(argv[1])).suffix() == QLatin1String("bps")) {
        if (const QString error = window.openProject(QFile::decodeName(argv[1])); !error.isEmpty())
            QMessageBox::warning(&window, QObject::tr("Cannot open the project"), error);
    } else if (argc > 1) {
        window.loadFile(QFile::decodeName(argv[1]));
    } else
        window.openSample();
    return app.exec();
}

}  // namespace bps
