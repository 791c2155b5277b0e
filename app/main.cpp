// Backprop Studio: the desktop app, or a headless command when the first argument names one.
// A build without the GUI (BPS_BUILD_GUI=OFF) has only the commands.

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/cli_outputs.h"
#ifdef BPS_WITH_GUI
#include "ui/window/gui_main.h"
#endif

int main(int argc, char** argv) {
    if (argc > 1 && bps::cli::isCommand(argv[1]))
        return bps::cli::finishStandardOutput(
            bps::cli::run(std::vector<std::string>(argv + 1, argv + argc)));
#ifdef BPS_WITH_GUI
    std::optional<std::string> csv;
    if (argc > 1) csv = argv[1];
    return bps::runGui(argc, argv, csv);
#else
    std::cerr << "error: this backprop-studio is built without the desktop app (BPS_BUILD_GUI=OFF)"
                 "; it runs only the commands\n(run 'backprop-studio --help' for usage)\n";
    return bps::cli::kExitUsage;
#endif
}
