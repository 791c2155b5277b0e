#include "ui/training/tool_runner.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>

#include "core/model/limits.h"
#include "core/training/diagnostic_tools.h"
#include "core/training/trainer.h"

namespace bps {

namespace {
ToolOutcome runTool(QPromise<ToolOutcome>& promise, ToolOutcome::Tool tool,
                    const ToolRequest& request, int steps,
                    const ToolRunner::StepObserver& observe) {
    ToolOutcome out;
    out.tool = tool;
    // QPromise throttles progress values, not ranges: set the range only when it changes.
    const ToolProgress progress = [&promise, &observe, range = -1](int done, int total) mutable {
        if (observe) observe(done, total);
        if (promise.isCanceled()) return false;
        if (total != range) promise.setProgressRange(0, range = total);
        promise.setProgressValue(done);
        return true;
    };
    try {
        const Dataset data = prepareDataset(*request.table, request.selection);
        if (promise.isCanceled()) {
            out.cancelled = true;
            return out;
        }
        // Fresh weights from the settings, as the command line's lr-find and check do: the
        // answer then depends on the settings only, not on how far a run has got.
        const Trainer trainer(data, request.config);
        switch (tool) {
            case ToolOutcome::Tool::RangeTest: {
                const auto r =
                    rangeTest(trainer, steps > 0 ? steps : limits::kRangeTestSteps,
                              limits::kRangeTestRates.min, limits::kRangeTestRates.max, progress);
                out.cancelled = r.cancelled;
                out.result = r;
                break;
            }
            case ToolOutcome::Tool::GradientCheck: {
                const auto r = gradientCheck(trainer, limits::kGradientCheckRows, {}, progress);
                out.cancelled = r.cancelled;
                out.result = r;
                break;
            }
            case ToolOutcome::Tool::Overfit: {
                const auto r = overfitTinyBatch(trainer, limits::kOverfitRows,
                                                limits::kOverfitSteps, progress);
                out.cancelled = r.cancelled;
                out.result = r;
                break;
            }
        }
    } catch (const std::exception& e) {
        out.error = QString::fromStdString(e.what());
    }
    return out;
}
}  // namespace

ToolRunner::ToolRunner(QObject* parent) : QObject(parent) {
    qRegisterMetaType<bps::ToolOutcome>();
    m_pool.setMaxThreadCount(1);
    connect(&m_watcher, &QFutureWatcher<ToolOutcome>::progressValueChanged, this,
            [this](int v) { emit progressChanged(v, m_watcher.progressMaximum()); });
    connect(&m_watcher, &QFutureWatcher<ToolOutcome>::finished, this, [this] {
        m_running = false;
        ToolOutcome outcome;
        outcome.tool = m_tool;
        // A cancelled future holds no result (QPromise drops it).
        if (m_watcher.future().resultCount() > 0)
            outcome = m_watcher.result();
        else
            outcome.cancelled = true;
        emit finished(outcome);
    });
}

ToolRunner::~ToolRunner() {
    disconnect(&m_watcher, nullptr, this, nullptr);
    cancel();
    m_pool.waitForDone();
}

bool ToolRunner::run(Tool tool, const ToolRequest& request, int steps) {
    if (m_running) return false;
    m_running = true;
    m_tool = tool;
    m_watcher.setFuture(QtConcurrent::run(
        &m_pool, [tool, request, steps, observe = m_stepObserver](QPromise<ToolOutcome>& promise) {
            promise.addResult(runTool(promise, tool, request, steps, observe));
        }));
    emit started(tool);
    return true;
}

void ToolRunner::cancel() {
    if (m_running) m_watcher.future().cancel();
}

}  // namespace bps
