#include "ui/validation/sweep_runner.h"

#include <chrono>
#include <exception>

namespace bps {

namespace {
// Progress signals at most this often (the last one always goes).
constexpr auto kProgressInterval = std::chrono::milliseconds(33);
}  // namespace

SweepRunner::SweepRunner(QObject* parent) : QThread(parent) {
    qRegisterMetaType<bps::SweepTrial>();
    qRegisterMetaType<bps::SweepOutcome>();
    qRegisterMetaType<bps::Task>();
}

SweepRunner::~SweepRunner() {
    cancel();
    wait();
}

bool SweepRunner::start(const SweepRequest& request) {
    if (isRunning()) return false;
    m_request = request;
    m_cancel = false;
    QThread::start();
    return true;
}

void SweepRunner::run() {
    // Copies: nothing here is shared with the UI thread while the sweep runs.
    const SweepRequest request = m_request;
    const std::function<void()> observe = m_epochObserver;
    SweepOutcome outcome;
    try {
        const Dataset data = prepareDataset(*request.table, request.selection);
        outcome.task = data.task;
        emit prepared(data.task);
        SweepOptions options = request.options;
        auto last = std::chrono::steady_clock::now() - kProgressInterval;
        options.progress = [this, &last](int done, int total) {
            const auto now = std::chrono::steady_clock::now();
            if (done == total || now - last >= kProgressInterval) {
                last = now;
                emit progressChanged(done, total);
            }
            return !m_cancel;
        };
        options.shouldStop = [this, &observe] {
            if (observe) observe();
            return m_cancel.load();
        };
        options.trialDone = [this](const SweepTrial& trial) { emit trialFinished(trial); };
        outcome.result = runSweep(data, request.base, request.settings, options);
    } catch (const std::exception& e) {
        outcome.error = QString::fromStdString(e.what());
    }
    emit sweepFinished(outcome);
}

}  // namespace bps
