#pragma once
// Orders a worker thread's queued signals for ThreadSanitizer, in tests whose receivers live in
// the test's thread. Debian's Qt is not built with TSan, so the lock under which Qt posts a queued
// call (its event, and the copies of its arguments made in the emitting thread) and the receiving
// thread takes it out is invisible: the slot's reads, and Qt's delete of the event after it, look
// unsynchronised. Here every emission of a bracketed signal holds one instrumented mutex from
// before Qt's queued posting to after it (direct connections run in the order they were made),
// and the receiver takes that mutex before it handles a queued call: everything the worker wrote
// for the event is then ordered before the slot and before the event's deletion. It works the
// same, at the cost of an uncontended lock per emission, in builds without TSan.
//
// Use: bracketBefore(sender, signal) for each signal, then the queued connections, then
// bracketAfter(sender, signal) for each; the receiver calls syncWithEmitter() at the top of its
// event() and, after disconnecting, in its destructor (pending events are deleted there).

#include <QObject>
#include <mutex>

namespace bps::test {

// Global, not a member: an emission in flight may outlive the receiver.
inline std::mutex g_emitting;

template <typename Sender, typename Signal>
void bracketBefore(Sender* sender, Signal signal) {
    QObject::connect(sender, signal, sender, [] { g_emitting.lock(); }, Qt::DirectConnection);
}

template <typename Sender, typename Signal>
void bracketAfter(Sender* sender, Signal signal) {
    QObject::connect(sender, signal, sender, [] { g_emitting.unlock(); }, Qt::DirectConnection);
}

inline void syncWithEmitter() { const std::lock_guard lock(g_emitting); }

}  // namespace bps::test
