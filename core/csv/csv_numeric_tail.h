#pragma once
// The second half of a big CSV file, parsed on another thread while readCsvFile parses the
// first half. Only the plainest records are taken here: exactly `columns` numbers per line,
// separated by `delimiter`, each one the reader's own fast path takes (csv_reader.cpp,
// numberField), each line ending in LF or CRLF. Anything else (a quote, an empty or text cell,
// a blank line, a ragged row, a space) gives up, and the reader parses that half itself, so the
// table and every error message are the same whichever way a file was read.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bps {

struct NumericTailRequest {
    std::string path;
    std::uint64_t begin = 0;  // byte offset of the first record: just after a line feed
    char delimiter = ',';
    std::size_t columns = 0;
    std::size_t rowEstimate = 0;  // reserved up front, so the columns grow without copies
    const std::atomic<bool>* cancel = nullptr;  // the reader's cancel flag (may be null)
    const std::atomic<bool>* stop = nullptr;    // set when the reader no longer needs the result
    std::atomic<std::uint64_t>* bytesDone = nullptr;  // progress, for the reader to report
};

// Doubles in a private anonymous mapping instead of the heap, so that the pages already copied
// elsewhere can go back to the system at once (release): malloc may keep freed memory, and
// while the reader moves a half of the file into its columns, that would hold both copies.
class MappedDoubles {
public:
    MappedDoubles() = default;
    explicit MappedDoubles(std::size_t capacity);
    MappedDoubles(MappedDoubles&& other) noexcept { swap(other); }
    MappedDoubles& operator=(MappedDoubles&& other) noexcept {
        swap(other);
        return *this;
    }
    ~MappedDoubles();

    void push_back(double value) {
        if (m_size == m_capacity) grow();
        m_data[m_size++] = value;
    }
    std::size_t size() const { return m_size; }
    const double* data() const { return m_data; }
    // Gives back the whole pages among values [0, end); they must not be read again.
    void release(std::size_t end);

private:
    void grow();
    void swap(MappedDoubles& other) noexcept;

    double* m_data = nullptr;
    std::size_t m_size = 0, m_capacity = 0;
    std::size_t m_released = 0;  // bytes at the front already given back
};

struct NumericTail {
    bool complete = false;  // false: gave up, was stopped or failed; nothing here is usable
    std::vector<MappedDoubles> columns;
    std::size_t rows = 0;
};

// Never throws: every failure (cannot open, out of memory, unusual input) is complete = false.
NumericTail parseNumericTail(const NumericTailRequest& request) noexcept;

}  // namespace bps
