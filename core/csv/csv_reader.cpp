// Streaming CSV reader. A byte-level state machine (CsvTokenizer, csv_tokenizer.h) cuts the input
// into fields and records and hands each field to a sink; TableBuilder is the sink that fills the
// columns (typed cell by cell in csv_cell.cpp) as the cells arrive. Input comes in fixed-size
// chunks, so memory is the parsed values plus one chunk; a big file's second half can be parsed on
// another thread at the same time (csv_numeric_tail.h). Most fields are parsed straight from the
// chunk; only a quoted field or one that straddles two chunks is copied (into one reused string).

#include "core/csv/csv_reader.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>
#include <limits>
#include <memory>
#include <system_error>
#include <thread>
#include <unordered_set>

#include "core/base/errors.h"
#include "core/csv/csv_cell.h"
#include "core/csv/csv_delimiter.h"
#include "core/csv/csv_numeric_tail.h"
#include "core/csv/csv_tokenizer.h"
#include "core/csv/fast_float_compat.h"
#include "core/csv/table_builder.h"

namespace bps {
namespace {

using namespace csv_detail;

constexpr std::size_t kChunkSize = std::size_t{1} << 20;
// Delimiter sniffing looks at the first records within at least this much of the input.
constexpr std::size_t kSniffBytes = std::size_t{64} << 10;
constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LittleBom = "\xFF\xFE";
constexpr std::string_view kUtf16BigBom = "\xFE\xFF";
// Drives one read: holds back the first bytes until the delimiter can be sniffed, then streams
// every chunk through the tokenizer, reporting progress and honouring cancel after each.
class CsvStream {
public:
    CsvStream(std::string source, const CsvOptions& options, std::uint64_t totalBytes)
        : m_source(std::move(source)),
          m_options(options),
          m_total(totalBytes),
          m_builder(m_source, options.header) {
        const std::optional<char> d = options.delimiter;
        if (d && (*d == '"' || *d == '\n' || *d == '\r' || *d == '\0'))
            fail(m_source, 0, 0, "a quote or line end cannot be the delimiter");
    }

    void feed(std::string_view chunk) {
        m_bytesRead += chunk.size();
        const bool atEnd = m_total > 0 && m_bytesRead >= m_total;
        if (m_tokenizer) {
            m_tokenizer->feed(chunk);
        } else if (m_prefix.empty() && chunk.size() >= kSniffBytes) {
            start(chunk, atEnd);
        } else {
            m_prefix.append(chunk);
            if (m_prefix.size() >= kSniffBytes) {
                start(m_prefix, atEnd);
                m_prefix = {};
            }
        }
        if (m_tokenizer && !m_reserved) reserveRows();
        reportProgress(0);
        if (m_options.cancel && m_options.cancel->load()) fail(m_source, 0, 0, "reading cancelled");
    }

    // The delimiter and the column count, once the first record has been read.
    std::optional<std::pair<char, std::size_t>> layout() const {
        if (!m_tokenizer || m_builder.columnCount() == 0) return std::nullopt;
        return std::pair{m_delimiter, m_builder.columnCount()};
    }
    // Records per byte in the input so far (0 before the first record): for reserving.
    double recordsPerByte() const {
        return m_bytesRead > 0 ? double(m_builder.recordsSeen()) / double(m_bytesRead) : 0.0;
    }
    // Takes the rest of the input as parsed by parseNumericTail (`bytes` long), if everything
    // fed so far ends a record and the table's columns can take numbers; false otherwise, with
    // nothing changed, and the caller feeds those bytes instead.
    bool adoptTail(NumericTail& tail, std::uint64_t bytes) {
        if (!m_tokenizer || !m_tokenizer->atRecordStart() ||
            !m_builder.appendNumericRows(tail, m_tokenizer->line()))
            return false;
        m_bytesRead += bytes;
        reportProgress(0);
        return true;
    }
    // Bytes fed so far plus `extraBytes` read elsewhere (the other half). A file that grows
    // while it is read must not report more than 100%.
    void reportProgress(std::uint64_t extraBytes) const {
        if (m_options.progress)
            m_options.progress(m_bytesRead + extraBytes,
                               m_total > 0 ? std::max(m_total, m_bytesRead + extraBytes) : 0);
    }

    CsvTable finish() {
        if (!m_tokenizer) start(m_prefix, true);
        m_tokenizer->finish();
        return m_builder.finish();
    }

private:
    void start(std::string_view data, bool dataIsAll) {
        if (data.starts_with(kBom)) data.remove_prefix(kBom.size());
        // Excel's "Unicode text" and some exports: every other byte would be a NUL.
        if (data.starts_with(kUtf16LittleBom) || data.starts_with(kUtf16BigBom))
            fail(m_source, 0, 0, "the file is UTF-16 text; save it as UTF-8 (\"CSV UTF-8\")");
        // Excel and LibreOffice name the delimiter in a first line "sep=;": use it, skip the line.
        std::optional<char> named;
        if (data.size() > 5 && data.starts_with("sep=") && (data[5] == '\n' || data[5] == '\r') &&
            data[4] != '"' && data[4] != '\0') {
            named = data[4];
            data.remove_prefix(data.substr(5, 2) == "\r\n" ? 7 : 6);
        }
        SniffedLayout layout;
        if (m_options.delimiter || named) {
            layout.delimiter = m_options.delimiter ? *m_options.delimiter : *named;
            layout.headerLacksFirstName =
                layout.delimiter == kWhitespaceDelimiter && headerLacksFirstName(data, dataIsAll);
        } else {
            layout = sniffLayout(data, dataIsAll);
        }
        m_delimiter = layout.delimiter;
        m_builder.setLayout(layout);
        m_tokenizer.emplace(m_delimiter, m_source, m_builder);
        if (named) m_tokenizer->setFirstLine(2);
        m_tokenizer->feed(data);
    }

    // Reserving for the row count that the records so far predict avoids the vectors' doubling,
    // which needs 1.5 to 2 times the final memory for a moment. The cap holds even for rows of
    // bare delimiters.
    void reserveRows() {
        const std::size_t records = m_builder.recordsSeen();
        if (records == 0 && m_bytesRead < m_total) return;  // try again after the next chunk
        m_reserved = true;
        if (records == 0 || m_bytesRead >= m_total) return;
        const double recordsPerByte =
            static_cast<double>(records) / static_cast<double>(m_bytesRead);
        const double estimate = static_cast<double>(m_total) * recordsPerByte * 1.05 + 16;
        // At most one row per column's worth of bytes (a whole number of rows).
        const std::uint64_t rowCap = m_total / std::max<std::size_t>(m_builder.columnCount(), 1);
        const auto cap = static_cast<double>(rowCap);
        m_builder.reserveRows(static_cast<std::size_t>(std::min(estimate, cap + 1)));
    }

    const std::string m_source;
    const CsvOptions& m_options;
    const std::uint64_t m_total;  // 0 if unknown
    std::uint64_t m_bytesRead = 0;
    TableBuilder m_builder;
    std::optional<CsvTokenizer<TableBuilder>> m_tokenizer;
    char m_delimiter = ',';
    std::string m_prefix;  // input held back until there is enough to sniff
    bool m_reserved = false;
};

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

// Where a second half of the file can start: just after the first line feed at or after `from`,
// if there is one within a chunk's length and before the end.
std::optional<std::uint64_t> lineStartAfter(std::FILE* file, std::uint64_t from,
                                            std::uint64_t size) {
    std::vector<char> window(kChunkSize);
    const ssize_t got = pread(fileno(file), window.data(), window.size(), static_cast<off_t>(from));
    if (got <= 0) return std::nullopt;
    const void* feed = std::memchr(window.data(), '\n', static_cast<std::size_t>(got));
    if (!feed) return std::nullopt;
    const std::uint64_t at =
        from + static_cast<std::uint64_t>(static_cast<const char*>(feed) - window.data()) + 1;
    if (at >= size) return std::nullopt;
    return at;
}

// parseNumericTail on its own thread. However the read ends (done, error, cancel), the thread
// is told to stop and is waited for before the request it reads goes away.
class TailTask {
public:
    explicit TailTask(NumericTailRequest request) : m_request(std::move(request)) {
        m_request.stop = &m_stop;
        m_request.bytesDone = &m_bytes;
        m_result = std::async(std::launch::async, [this] { return parseNumericTail(m_request); });
    }
    TailTask(const TailTask&) = delete;
    TailTask& operator=(const TailTask&) = delete;
    ~TailTask() {
        m_stop.store(true);
        if (m_result.valid()) m_result.wait();
    }
    // Waits for the result, reporting the tail's progress on the way.
    NumericTail take(const CsvStream& stream) {
        using namespace std::chrono_literals;
        while (m_result.wait_for(50ms) != std::future_status::ready)
            stream.reportProgress(m_bytes.load(std::memory_order_relaxed));
        return m_result.get();
    }

private:
    NumericTailRequest m_request;
    std::atomic<bool> m_stop{false};
    std::atomic<std::uint64_t> m_bytes{0};
    std::future<NumericTail> m_result;
};

}  // namespace

CsvTable readCsvFile(const std::string& path, const CsvOptions& options) {
    std::string source = std::filesystem::path(path).filename().string();
    if (source.empty()) source = path;
    std::error_code error;
    // fopen() succeeds on a directory on Linux; say what is wrong before reading fails.
    if (std::filesystem::is_directory(path, error))
        fail(source, 0, 0,
             "cannot open: " + std::make_error_code(std::errc::is_a_directory).message());
    errno = 0;
    const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) fail(source, 0, 0, "cannot open: " + std::generic_category().message(errno));
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    CsvStream stream(source, options, error ? 0 : size);

    // A big file is read in two halves at once (see csv_numeric_tail.h): once the first record
    // gives the layout, another thread parses from the first line start after the middle while
    // this one reads up to there. Until then reads stop at the middle. If the other half is not
    // plain numbers, this thread goes on and reads it after all.
    constexpr std::uint64_t kNoLimit = ~std::uint64_t{0};
    const bool halves = !error && options.parallelFromBytes > 0 &&
                        size >= options.parallelFromBytes &&
                        std::thread::hardware_concurrency() >= 2;
    bool splitDecided = !halves;
    std::uint64_t position = 0;
    std::uint64_t stopAt = halves ? size / 2 : kNoLimit;
    std::optional<TailTask> tail;

    const auto buffer = std::make_unique_for_overwrite<char[]>(kChunkSize);
    for (;;) {
        const auto want =
            static_cast<std::size_t>(std::min<std::uint64_t>(kChunkSize, stopAt - position));
        if (want == 0) {
            stopAt = kNoLimit;
            if (!splitDecided) {  // the layout was not known by the middle: one thread it is
                splitDecided = true;
                continue;
            }
            NumericTail rest = tail->take(stream);
            tail.reset();
            if (rest.complete && stream.adoptTail(rest, size - position)) {
                CsvTable table = stream.finish();
                table.readInHalves = true;
                return table;
            }
            continue;  // the file position is at the split: read on from there
        }
        const std::size_t got = std::fread(buffer.get(), 1, want, file.get());
        position += got;
        if (got > 0) stream.feed({buffer.get(), got});
        if (!splitDecided && stream.layout()) {
            splitDecided = true;
            stopAt = kNoLimit;
            const auto [delimiter, columns] = *stream.layout();
            if (const auto split = lineStartAfter(file.get(), std::max(position, size / 2), size)) {
                const double rows = stream.recordsPerByte() * double(size - *split) * 1.05 + 16;
                try {
                    tail.emplace(NumericTailRequest{path, *split, delimiter, columns,
                                                    static_cast<std::size_t>(rows),
                                                    options.cancel});
                    stopAt = *split;
                } catch (const std::system_error&) {  // no thread to be had: read alone
                }
            }
        }
        if (got < want) {
            if (std::ferror(file.get()))
                fail(source, 0, 0, "cannot read: " + std::generic_category().message(errno));
            break;
        }
    }
    return stream.finish();
}

CsvTable readCsvText(std::string_view text, const std::string& source, const CsvOptions& options) {
    CsvStream stream(source, options, text.size());
    for (std::size_t at = 0; at < text.size(); at += kChunkSize)
        stream.feed(text.substr(at, kChunkSize));
    return stream.finish();
}

}  // namespace bps
