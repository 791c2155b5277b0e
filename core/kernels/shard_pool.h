#pragma once
// A fixed set of worker threads that run the shards of one training step side by side. The
// split into shards is the caller's and never depends on how many threads there are, so
// results are the same with 1 thread or 8 (see BackpropEngine::shardCount).

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace bps {

class ShardPool {
public:
    // `threads` in all, the caller included (so threads - 1 workers are started).
    explicit ShardPool(int threads);
    // Stops and joins the workers.
    ~ShardPool();
    ShardPool(const ShardPool&) = delete;
    ShardPool& operator=(const ShardPool&) = delete;

    int threads() const { return static_cast<int>(m_workers.size()) + 1; }
    // Runs task(0) .. task(count - 1) and returns when all are done: task(0) on the caller,
    // task(i) on worker i - 1 (the caller takes those beyond the workers). Rethrows the first
    // exception a task threw.
    void run(int count, const std::function<void(int)>& task);

private:
    void work(int index);

    std::mutex m_mutex;
    std::condition_variable m_wake, m_done;
    const std::function<void(int)>* m_task = nullptr;
    int m_count = 0;
    int m_pending = 0;
    unsigned m_generation = 0;
    bool m_quit = false;
    std::exception_ptr m_error;
    std::vector<std::thread> m_workers;
};

}  // namespace bps
