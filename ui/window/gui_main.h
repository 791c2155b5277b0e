#pragma once
#include <optional>
#include <string>

namespace bps {
// Runs the desktop app (creates the QApplication). QApplication first takes its own options
// (-style Fusion, -platform offscreen, ...) out of argv; the first argument left is the CSV file to
// open. With none it opens the bundled sample.
int runGui(int& argc, char** argv);

// The index of the first argument that is not one of Qt's own command-line options (or their
// values), argc if there is none: what the desktop app would take for its CSV path. It lets main()
// check that argument before a QApplication exists.
int firstNonQtArgument(int argc, char** argv);

// Why the desktop app cannot start here, as one line ("no display: ..."), if the platform plugin
// Qt would pick needs a window system that the environment does not name (no DISPLAY nor
// WAYLAND_DISPLAY for xcb or wayland). Without this check the xcb plugin aborts the process.
std::optional<std::string> missingDisplay(int argc, char** argv);
}  // namespace bps
