#include "core/validation/parallel_runner.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace bps {

int coreCount() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

void runInParallel(int count, int jobs, const std::function<void(int)>& task) {
    if (count <= 0) return;
    const int threads = std::min(count, jobs <= 0 ? coreCount() : jobs);
    std::atomic<int> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    std::mutex errorMutex;
    auto work = [&] {
        for (int i = next++; i < count && !failed; i = next++) {
            try {
                task(i);
            } catch (...) {
                const std::lock_guard lock(errorMutex);
                if (!error) error = std::current_exception();
                failed = true;
            }
        }
    };
    std::vector<std::thread> workers;
    for (int t = 1; t < threads; ++t) workers.emplace_back(work);
    work();  // the caller is one of the threads
    for (auto& w : workers) w.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace bps
