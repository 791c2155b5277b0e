#pragma once
// Runs independent tasks (folds, sweep trials) on a few threads of their own. Which thread runs
// which task never matters: every task writes only its own result slot, so the results are the
// same for any thread count.

#include <functional>

namespace bps {

// task(0) .. task(count - 1) on min(jobs, count) threads (jobs <= 0: one per core); returns when
// all are done, rethrowing the first exception a task threw (the tasks not yet started are then
// skipped).
void runInParallel(int count, int jobs, const std::function<void(int)>& task);

// One per core, at least 1.
int coreCount();

}  // namespace bps
