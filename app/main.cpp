// Backprop Studio: the desktop app, or a headless command when the first argument names one.

#include <optional>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/cli_outputs.h"
#include "ui/window/gui_main.h"

int main(int argc, char** argv) {
    if (argc > 1 && bps::cli::isCommand(argv[1]))
        return bps::cli::finishStandardOutput(
            bps::cli::run(std::vector<std::string>(argv + 1, argv + argc)));
    std::optional<std::string> csv;
    if (argc > 1) csv = argv[1];
    return bps::runGui(argc, argv, csv);
}
