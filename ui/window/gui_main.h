#pragma once
#include <optional>
#include <string>

namespace bps {
// Runs the desktop app (creates the QApplication). With no path it opens the bundled sample.
int runGui(int& argc, char** argv, const std::optional<std::string>& csvPath);
}  // namespace bps
