#pragma once
// Turns any number of "new data" calls into at most one redraw per interval, and none while the
// widget sits on a hidden tab or in a closed dock of a window on screen (PlotJuggler's
// single-shot replot timer, STYLE.md section 2). The training thread delivers up to ~30 batches
// of epochs a second; the window's threads share the process's CPU time (the scheduler's
// autogroup), so every millisecond the GUI thread spends redrawing is taken from training.
//   - request(): new data. Redraws at once when the wait since the last redraw is over, else
//     once when it ends (a single-shot timer), so the newest data always reaches the screen.
//   - The wait is the interval, or kCostFactor times as long as the last redraw took if that
//     is longer (both on the injectable clock): an expensive view, or a loaded machine where a
//     redraw is often preempted, redraws less often. The redraw measured here computes the
//     geometry; painting it later costs about as much again, so a factor of 20 keeps a view's
//     redrawing to about a tenth of the time.
//   - flush(): redraws now if a request is pending, shown or not (the end of a run, a pause,
//     File > Save Chart): the final state is complete and exact.
//   - A widget that is not visible while its window is keeps the request until it is shown.
//     A widget in no shown window (a test, a grab()) is not held back.
// An interval of zero (the default) redraws on every request, untimed.

#include <QObject>
#include <QTimer>
#include <chrono>
#include <functional>
#include <optional>

#include "core/base/clock.h"

class QWidget;

namespace bps {

class RedrawThrottle : public QObject {
    Q_OBJECT
public:
    static constexpr int kCostFactor = 20;

    RedrawThrottle(QWidget* widget, std::function<void()> redraw);

    void setInterval(std::chrono::milliseconds interval) { m_interval = interval; }
    std::chrono::milliseconds interval() const { return m_interval; }
    // Where the interval is measured (the steady clock unless set, or set empty).
    void setClock(Clock clock);

    void request();
    void flush();

    bool pending() const { return m_pending; }
    // The wait after the last redraw before the next one may start.
    std::chrono::nanoseconds currentWait() const { return m_wait; }
    // Redraws done since construction, for tests that count them.
    int redrawCount() const { return m_redraws; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool heldBack() const;
    void redrawNow();

    QWidget* m_widget;
    std::function<void()> m_redraw;
    std::chrono::milliseconds m_interval{0};
    Clock m_clock = steadyClock();
    std::optional<SteadyTime> m_last;  // when the last redraw ended
    std::chrono::nanoseconds m_wait{0};
    QTimer m_timer;
    bool m_pending = false;
    int m_redraws = 0;
};

}  // namespace bps
