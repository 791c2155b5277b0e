// Backprop Studio: the desktop app, or a headless command when the first argument names one.
// A build without the GUI (BPS_BUILD_GUI=OFF) has only the commands.
//
// GUI or command line is decided before any QApplication exists: a QApplication without a display
// aborts the process (the xcb plugin), so a mistyped command must never reach it.

#include <iostream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/cli_outputs.h"
#ifdef BPS_WITH_GUI
#include "ui/window/gui_main.h"
#endif

namespace {
int runCommand(int first, int argc, char** argv) {
    return bps::cli::finishStandardOutput(
        bps::cli::run(std::vector<std::string>(argv + first, argv + argc)));
}
}  // namespace

int main(int argc, char** argv) {
    if (argc > 1 && bps::cli::isCommand(argv[1])) return runCommand(1, argc, argv);
#ifdef BPS_WITH_GUI
    // The argument the app would open, past Qt's own options: a command word or an option that is
    // no file ("trian", "--frobnicate", "-version") is a usage error, reported by the command line.
    const int first = bps::firstNonQtArgument(argc, argv);
    if (first < argc && bps::cli::looksLikeCommand(argv[first]))
        return runCommand(first, argc, argv);
    if (const auto why = bps::missingDisplay(argc, argv)) {
        std::cerr << "error: " << *why << "\n";
        return bps::cli::kExitDataError;
    }
    return bps::runGui(argc, argv);
#else
    if (argc > 1 && bps::cli::looksLikeCommand(argv[1])) return runCommand(1, argc, argv);
    std::cerr << "error: this backprop-studio is built without the desktop app (BPS_BUILD_GUI=OFF)"
                 "; it runs only the commands\n(run 'backprop-studio --help' for usage)\n";
    return bps::cli::kExitUsage;
#endif
}
