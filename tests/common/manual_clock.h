#pragma once
// Simulated time for code that paces itself by a bps::Clock (core/base/clock.h), so a test of
// the pacing asserts exact counts however fast or loaded the machine is. The time moves only
// when the test advances it, and by a fixed step at each reading if one is given: the training
// thread reads its clock once per epoch, so the step is a simulated epoch duration.
//
// The training thread reads it while the test advances it: the time is an atomic, which
// ThreadSanitizer sees. Copies (and the Clocks they hand out) share one time.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>

#include "core/base/clock.h"

namespace bps::test {

class ManualClock {
public:
    explicit ManualClock(std::chrono::nanoseconds stepPerReading = {})
        : m_state(std::make_shared<State>()) {
        m_state->step = stepPerReading.count();
    }

    // A Clock for the code under test: each call returns the time, then moves it on by the step.
    Clock clock() const {
        return [state = m_state] {
            state->readings.fetch_add(1);
            return at(state->nanoseconds.fetch_add(state->step));
        };
    }
    void advance(std::chrono::nanoseconds by) { m_state->nanoseconds.fetch_add(by.count()); }
    // The time now, without reading the clock (not counted, no step).
    SteadyTime now() const { return at(m_state->nanoseconds.load()); }
    // How often the code under test has read the clock.
    std::int64_t readings() const { return m_state->readings.load(); }

private:
    struct State {
        std::atomic<std::int64_t> nanoseconds{0};
        std::atomic<std::int64_t> readings{0};
        std::int64_t step = 0;  // set before any Clock is handed out
    };
    static SteadyTime at(std::int64_t nanoseconds) {
        // Far from the clock's epoch, like a real steady clock, so "33 ms earlier" is in range.
        return SteadyTime(std::chrono::hours(1) + std::chrono::nanoseconds(nanoseconds));
    }
    std::shared_ptr<State> m_state;
};

}  // namespace bps::test
