#include "core/kernels/shard_pool.h"

#include <algorithm>

namespace bps {

ShardPool::ShardPool(int threads) {
    for (int i = 1; i < threads; ++i) m_workers.emplace_back([this, i] { work(i); });
}

ShardPool::~ShardPool() {
    {
        const std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_wake.notify_all();
    for (auto& t : m_workers) t.join();
}

void ShardPool::run(int count, const std::function<void(int)>& task) {
    const int handedOut = std::min(count - 1, static_cast<int>(m_workers.size()));
    if (handedOut > 0) {
        const std::lock_guard lock(m_mutex);
        m_task = &task;
        m_count = count;
        m_pending = handedOut;
        m_error = nullptr;
        ++m_generation;
    }
    if (handedOut > 0) m_wake.notify_all();
    std::exception_ptr error;
    try {
        task(0);
        for (int i = handedOut + 1; i < count; ++i) task(i);
    } catch (...) {
        error = std::current_exception();
    }
    if (handedOut > 0) {
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [this] { return m_pending == 0; });
        if (!error) error = m_error;
    }
    if (error) std::rethrow_exception(error);
}

void ShardPool::work(int index) {
    unsigned seen = 0;
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [&] { return m_quit || m_generation != seen; });
        if (m_quit) return;
        seen = m_generation;
        if (index >= m_count) continue;
        const auto* task = m_task;
        lock.unlock();
        std::exception_ptr error;
        try {
            (*task)(index);
        } catch (...) {
            error = std::current_exception();
        }
        lock.lock();
        if (error && !m_error) m_error = error;
        if (--m_pending == 0) m_done.notify_one();
    }
}

}  // namespace bps
