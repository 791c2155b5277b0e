#include "ui/training/redraw_throttle.h"

#include <QEvent>
#include <QWidget>
#include <algorithm>

namespace bps {

RedrawThrottle::RedrawThrottle(QWidget* widget, std::function<void()> redraw)
    : QObject(widget), m_widget(widget), m_redraw(std::move(redraw)) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_pending && !heldBack()) redrawNow();
    });
    m_widget->installEventFilter(this);
}

void RedrawThrottle::setClock(Clock clock) { m_clock = clock ? std::move(clock) : steadyClock(); }

bool RedrawThrottle::heldBack() const {
    return !m_widget->isVisible() && m_widget->window()->isVisible();
}

void RedrawThrottle::request() {
    m_pending = true;
    if (heldBack()) return;  // the Show event redraws
    if (m_interval.count() <= 0) {
        redrawNow();
        return;
    }
    const SteadyTime now = m_clock();
    if (!m_last || now - *m_last >= m_wait) {
        redrawNow();
        return;
    }
    if (!m_timer.isActive())
        m_timer.start(std::chrono::ceil<std::chrono::milliseconds>(m_wait - (now - *m_last)));
}

void RedrawThrottle::flush() {
    if (m_pending) redrawNow();
}

void RedrawThrottle::redrawNow() {
    m_timer.stop();
    m_pending = false;
    ++m_redraws;
    if (m_interval.count() <= 0) {
        m_redraw();
        return;
    }
    // Whatever started it (the wait's end, the timer, a Show, a flush), the next wait starts
    // when this redraw ends.
    const SteadyTime begin = m_clock();
    m_redraw();
    m_last = m_clock();
    m_wait = std::max<std::chrono::nanoseconds>(m_interval, kCostFactor * (*m_last - begin));
}

bool RedrawThrottle::eventFilter(QObject* watched, QEvent* event) {
    // A hidden tab or dock being shown: its widgets get a Show event of their own.
    if (watched == m_widget && event->type() == QEvent::Show && m_pending) redrawNow();
    return false;
}

}  // namespace bps
