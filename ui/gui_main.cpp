#include "gui_main.h"

#include <QApplication>
#include <QLabel>

namespace bps {
int runGui(int& argc, char** argv, const std::optional<std::string>&) {
    QApplication app(argc, argv);
    QLabel label("Backprop Studio");
    label.show();
    return app.exec();
}
}  // namespace bps
