#pragma once
// Runs the diagnostic tools (learning-rate range test, gradient check, tiny-batch overfit) off
// the UI thread, one at a time, on a pool of its own. The job builds its own Trainer from the
// shared, immutable table and copies of the selection and settings, so nothing is shared with
// the UI while it runs. Progress and cancellation go through QPromise / QFuture, which are
// thread-safe; the destructor cancels and waits, and the tools check for cancellation every few
// steps, so closing the window while a tool runs is prompt. Tests count those steps (see
// setStepObserver) rather than time them.

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <functional>
#include <memory>
#include <variant>

#include "core/csv/csv_reader.h"
#include "core/data/dataset.h"
#include "core/model/training_config.h"
#include "core/nn/gradient_check.h"
#include "core/training/diagnostic_tools.h"

namespace bps {

struct ToolRequest {
    std::shared_ptr<const CsvTable> table;
    DataSelection selection;
    TrainingConfig config;
};

// What a tool run produced: one of the results, or why it could not run.
struct ToolOutcome {
    enum class Tool { RangeTest, GradientCheck, Overfit };
    Tool tool = Tool::RangeTest;
    std::variant<std::monostate, RangeTestResult, GradientCheckResult, OverfitResult> result;
    QString error;
    bool cancelled = false;
};

class ToolRunner : public QObject {
    Q_OBJECT
public:
    using Tool = ToolOutcome::Tool;
    using StepObserver = std::function<void(int done, int total)>;

    explicit ToolRunner(QObject* parent = nullptr);
    // Cancels a running tool and waits for it (it stops within a few steps).
    ~ToolRunner() override;

    // Starts `tool` and returns at once; false if another tool is still running.
    // `steps`: the range test's mini-batches (0: its default).
    bool run(Tool tool, const ToolRequest& request, int steps = 0);
    void cancel();
    bool isRunning() const { return m_running; }
    // For tests: called on the tool's thread at each progress step of the tools started after
    // this, just before the step checks for cancel(), so a test can count the steps taken after
    // a cancel instead of timing it. Must be thread-safe.
    void setStepObserver(StepObserver observer) { m_stepObserver = std::move(observer); }

signals:
    void started(bps::ToolOutcome::Tool tool);
    void progressChanged(int done, int total);
    void finished(const bps::ToolOutcome& outcome);

private:
    QThreadPool m_pool;
    QFutureWatcher<ToolOutcome> m_watcher;
    Tool m_tool = Tool::RangeTest;
    bool m_running = false;
    StepObserver m_stepObserver;
};

}  // namespace bps

Q_DECLARE_METATYPE(bps::ToolOutcome)
