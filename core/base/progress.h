#pragma once
// How a long computation reports progress and learns that it should stop.

#include <functional>

namespace bps {

// Called as the work goes with the work done and the work in all; returning false stops it
// early (the result is then marked cancelled). Lets a GUI show progress and close promptly.
using ToolProgress = std::function<bool(int done, int total)>;

}  // namespace bps
