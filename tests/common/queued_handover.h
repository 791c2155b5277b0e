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
// Use: derive the receiver from QueuedReceiver and connect through bracketEmissions().

#include <QEvent>
#include <QObject>
#include <mutex>

namespace bps::test {

// Global, not a member: an emission in flight may outlive the receiver.
inline std::mutex g_emitting;

// Makes the queued connections (`connectQueued`) of the `watched` signals of `sender`, each
// emission holding g_emitting from before them to after them.
template <typename Sender, typename Connect, typename... Signals>
void bracketEmissions(Sender* sender, Connect&& connectQueued, Signals... watched) {
    const auto lock = [] { g_emitting.lock(); };
    const auto unlock = [] { g_emitting.unlock(); };
    (QObject::connect(sender, watched, sender, lock, Qt::DirectConnection), ...);
    connectQueued();
    (QObject::connect(sender, watched, sender, unlock, Qt::DirectConnection), ...);
}

inline void syncWithEmitter() { const std::lock_guard lock(g_emitting); }

// A receiver that takes g_emitting before each queued call and, once disconnected, before the
// events still pending for it are deleted.
class QueuedReceiver : public QObject {
public:
    ~QueuedReceiver() override {
        disconnect();
        syncWithEmitter();
    }

protected:
    bool event(QEvent* e) override {
        syncWithEmitter();
        return QObject::event(e);
    }
};

}  // namespace bps::test
