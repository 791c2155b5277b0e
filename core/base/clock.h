#pragma once
// Where code that paces itself (the training thread's delivery throttle) reads the time: a
// function its owner may replace. The app uses the steady clock; tests pass a simulated one
// (tests/common/manual_clock.h) and advance it by hand, so what they assert about pacing holds
// however fast or loaded the machine is.

#include <chrono>
#include <functional>

namespace bps {

using SteadyTime = std::chrono::steady_clock::time_point;
// Called on the thread that paces itself: a clock that a test advances from another thread
// must be thread-safe (ManualClock is).
using Clock = std::function<SteadyTime()>;

inline Clock steadyClock() {
    return [] { return std::chrono::steady_clock::now(); };
}

}  // namespace bps
