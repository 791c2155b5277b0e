#include "ui/window/gui_main.h"

#include <QApplication>
#include <QFile>
#include <QIcon>

#include "ui/window/main_window.h"

namespace bps {

int runGui(int& argc, char** argv, const std::optional<std::string>& csvPath) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Backprop Studio"));
    QApplication::setApplicationName(QStringLiteral("backprop-studio"));
    QApplication::setApplicationDisplayName(QStringLiteral("Backprop Studio"));
    QApplication::setApplicationVersion(QStringLiteral(BPS_VERSION));
    // The installed .desktop file's name: Wayland's app id, so the shell shows our icon and name.
    QApplication::setDesktopFileName(QStringLiteral("io.github.backprop_studio.BackpropStudio"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/backprop-studio.svg")));

    MainWindow window;
    window.show();
    if (csvPath)
        window.loadFile(QFile::decodeName(csvPath->c_str()));
    else
        window.openSample();
    return app.exec();
}

}  // namespace bps
