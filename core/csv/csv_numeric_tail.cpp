#include "core/csv/csv_numeric_tail.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <utility>

#include "core/csv/fast_float_compat.h"

namespace bps {

namespace {
std::size_t pageSize() {
    static const auto size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    return size;
}
std::size_t roundToPages(std::size_t bytes) {
    return (bytes + pageSize() - 1) / pageSize() * pageSize();
}
}  // namespace

MappedDoubles::MappedDoubles(std::size_t capacity) {
    const std::size_t bytes = roundToPages(std::max<std::size_t>(capacity, 1) * sizeof(double));
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    m_data = static_cast<double*>(p);
    m_capacity = bytes / sizeof(double);
}

MappedDoubles::~MappedDoubles() {
    if (m_data)
        munmap(reinterpret_cast<char*>(m_data) + m_released,
               m_capacity * sizeof(double) - m_released);
}

void MappedDoubles::swap(MappedDoubles& other) noexcept {
    std::swap(m_data, other.m_data);
    std::swap(m_size, other.m_size);
    std::swap(m_capacity, other.m_capacity);
    std::swap(m_released, other.m_released);
}

void MappedDoubles::grow() {
    if (!m_data) {
        *this = MappedDoubles(1024);
        return;
    }
    const std::size_t bytes = m_capacity * sizeof(double);
    void* p = mremap(m_data, bytes, 2 * bytes, MREMAP_MAYMOVE);
    if (p == MAP_FAILED) throw std::bad_alloc();
    m_data = static_cast<double*>(p);
    m_capacity *= 2;
}

void MappedDoubles::release(std::size_t end) {
    const std::size_t bytes = end * sizeof(double) / pageSize() * pageSize();
    if (bytes <= m_released) return;
    munmap(reinterpret_cast<char*>(m_data) + m_released, bytes - m_released);
    m_released = bytes;
}

namespace {

constexpr std::size_t kChunkSize = std::size_t{1} << 20;

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

// Parses the whole records in [p, end), which ends with a line feed. False on anything the
// reader's fast path would not take as it stands.
bool parseRecords(const char* p, const char* const end, char delimiter, NumericTail& out) {
    const std::size_t columns = out.columns.size();
    while (p != end) {
        for (std::size_t c = 0; c < columns; ++c) {
            double value = 0;
            const char* last = parsePlainNumber(p, end, value);
            if (!last) return false;
            if (c + 1 < columns) {
                if (*last != delimiter) return false;
                p = last + 1;
            } else if (*last == '\n') {
                p = last + 1;
            } else if (*last == '\r' && last + 1 != end && last[1] == '\n') {
                p = last + 2;
            } else {
                return false;
            }
            out.columns[c].push_back(value);
        }
        ++out.rows;
    }
    return true;
}

bool stopped(const NumericTailRequest& request) {
    return (request.cancel && request.cancel->load(std::memory_order_relaxed)) ||
           (request.stop && request.stop->load(std::memory_order_relaxed));
}

bool parseFile(const NumericTailRequest& request, NumericTail& out) {
    if (request.columns == 0) return false;
    const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(request.path.c_str(), "rb"));
    if (!file || fseeko(file.get(), static_cast<off_t>(request.begin), SEEK_SET) != 0) return false;
    out.columns.reserve(request.columns);
    for (std::size_t c = 0; c < request.columns; ++c) out.columns.emplace_back(request.rowEstimate);
    // A record cut by the end of a chunk moves to the front and the next read goes after it.
    std::vector<char> buffer(kChunkSize);
    std::size_t carried = 0;
    std::uint64_t done = 0;
    for (;;) {
        if (stopped(request)) return false;
        if (carried == buffer.size()) return false;  // a record longer than a chunk: unusual
        const std::size_t got =
            std::fread(buffer.data() + carried, 1, buffer.size() - carried, file.get());
        if (std::ferror(file.get())) return false;
        const std::size_t filled = carried + got;
        if (got == 0) {
            if (carried == 0) return true;
            // The last record has no line end: parse it with one, as the reader would.
            buffer.resize(std::max(buffer.size(), carried + 1));
            buffer[carried] = '\n';
            return parseRecords(buffer.data(), buffer.data() + carried + 1, request.delimiter, out);
        }
        const char* const begin = buffer.data();
        const void* lastFeed = memrchr(begin, '\n', filled);
        const std::size_t whole =
            lastFeed ? static_cast<std::size_t>(static_cast<const char*>(lastFeed) - begin) + 1 : 0;
        if (whole > 0 && !parseRecords(begin, begin + whole, request.delimiter, out)) return false;
        carried = filled - whole;
        std::memmove(buffer.data(), buffer.data() + whole, carried);
        done += got;
        if (request.bytesDone) request.bytesDone->store(done, std::memory_order_relaxed);
    }
}

}  // namespace

NumericTail parseNumericTail(const NumericTailRequest& request) noexcept {
    NumericTail out;
    try {
        out.complete = parseFile(request, out);
    } catch (...) {  // out of memory: the reader goes on alone
        out.complete = false;
    }
    if (!out.complete) out = NumericTail{};
    return out;
}

}  // namespace bps
