// Streaming CSV reader. A byte-level state machine (CsvTokenizer) cuts the input into fields and
// records and hands each field to a sink; TableBuilder is the sink that fills the columns (typed
// cell by cell in csv_cell.cpp) as the cells arrive. Input comes in fixed-size chunks, so memory is
// the parsed values plus one chunk. Most fields are parsed straight from the chunk; only a quoted
// field or one that straddles two chunks is copied (into one reused string).

#include "csv_reader.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <system_error>
#include <unordered_set>

#include "csv_cell.h"
#include "fast_float_compat.h"
#include "errors.h"

namespace bps {
namespace {

constexpr std::size_t kChunkSize = std::size_t{1} << 20;
// Delimiter sniffing looks at the first records within at least this much of the input.
constexpr std::size_t kSniffBytes = std::size_t{64} << 10;
constexpr std::size_t kSniffRecords = 50;
// Absurd inputs (a missing closing quote early in a huge file, a binary blob) get a clear error
// instead of slowly eating all memory.
constexpr std::size_t kMaxFieldBytes = std::size_t{64} << 20;
constexpr std::size_t kMaxColumns = 1'000'000;
constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LittleBom = "\xFF\xFE";
constexpr std::string_view kUtf16BigBom = "\xFE\xFF";
constexpr double kMaxDouble = std::numeric_limits<double>::max();
constexpr const char* kNulMessage = "unexpected NUL byte (is this a binary file?)";

[[noreturn]] void fail(const std::string& source, std::size_t line, std::size_t column,
                       const std::string& message) {
    throw DataError(locate(source, line, column, message));
}

unsigned char byteOf(char c) { return static_cast<unsigned char>(c); }

// Messages are shown as UTF-8 text, so only printable ASCII is quoted as a character.
std::string describeByte(char c) {
    if (byteOf(c) >= 0x20 && byteOf(c) < 0x7F) return std::string("character '") + c + "'";
    constexpr const char* kHex = "0123456789ABCDEF";
    return std::string("byte 0x") + kHex[byteOf(c) >> 4] + kHex[byteOf(c) & 0xF];
}

enum class FieldEnd { Delimiter, LineFeed, CarriageReturn, EndOfInput };

// RFC 4180 tokenizer. Sink needs `void field(index, text, recordLine)` and
// `bool endRecord(fieldCount, recordLine)` (false stops feed()). Text views are valid only
// during the call. Lines are physical lines: CRLF, LF and a lone CR each end one, also inside
// quotes. Lines holding only whitespace are skipped.
template <class Sink>
class CsvTokenizer {
public:
    CsvTokenizer(char delimiter, const std::string& source, Sink& sink)
        : m_sink(sink), m_source(source), m_delimiter(delimiter) {
        m_isSpace[byteOf(' ')] = delimiter != ' ';
        m_isSpace[byteOf('\t')] = delimiter != '\t';
        for (char c : {delimiter, '\n', '\r', '\0'}) m_endsUnquoted[byteOf(c)] = true;
        for (char c : {'"', '\n', '\r', '\0'}) m_endsQuotedRun[byteOf(c)] = true;
    }

    // For input that starts after some lines the caller has consumed.
    void setFirstLine(std::size_t line) { m_line = m_recordLine = line; }
    // Returns false if the sink asked to stop.
    bool feed(std::string_view chunk);
    // End of input: completes the last record, or throws if a quoted field is still open.
    void finish() {
        switch (m_state) {
            case State::Quoted:
                fail(m_source, m_quoteLine, m_fieldIndex + 1, "unterminated quoted field");
            case State::QuoteInQuoted:
            case State::AfterQuote:
                endField(m_field, true, FieldEnd::EndOfInput);
                break;
            case State::Unquoted:
                endField(trimRight(m_field), false, FieldEnd::EndOfInput);
                break;
            case State::FieldStart:
                endField({}, false, FieldEnd::EndOfInput);
                break;
        }
    }

private:
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted, AfterQuote };

    bool endField(std::string_view text, bool quoted, FieldEnd end) {
        // A line with nothing but whitespace is a blank line, not a record with one empty field.
        const bool counts = end == FieldEnd::Delimiter || m_fieldIndex > 0 || quoted || !text.empty();
        if (counts) m_sink.field(m_fieldIndex, text, m_recordLine);
        return closeField(end, counts);
    }
    // After a field has gone to the sink (or a blank line has not): the next field or record.
    bool closeField(FieldEnd end, bool counts) {
        m_state = State::FieldStart;
        if (end == FieldEnd::Delimiter) {
            ++m_fieldIndex;
            return true;
        }
        const bool more = counts ? m_sink.endRecord(m_fieldIndex + 1, m_recordLine) : true;
        if (end != FieldEnd::EndOfInput) ++m_line;
        m_afterCr = end == FieldEnd::CarriageReturn;
        m_fieldIndex = 0;
        m_recordLine = m_line;
        return more;
    }
    // The fast path for the common cell, a plain number ending at a delimiter or line end
    // inside this chunk: parsed in place in one pass and handed over as a double. Anything
    // else (a sign '+', spaces after it, a subnormal or non-finite value, a text column, the
    // first record) returns false and takes the general path from the same byte.
    bool numberField(const char*& p, const char* end) {
        double value = 0;
        const char* last = parseSimpleDecimal(p, end, value);
        if (!last) {
            const auto result = fast_float::from_chars(p, end, value);
            if (result.ec != std::errc()) return false;
            last = result.ptr;
        }
        if (last == p || last == end) return false;
        const char c = *last;
        if (c != m_delimiter && c != '\n' && c != '\r') return false;
        const double magnitude = std::abs(value);
        if (!(magnitude >= std::numeric_limits<double>::min() && magnitude <= kMaxDouble) &&
            value != 0)
            return false;
        if (!m_sink.number(m_fieldIndex, value, m_recordLine)) return false;
        p = last + 1;
        return true;
    }
    FieldEnd endOf(char c) const {
        if (c == m_delimiter) return FieldEnd::Delimiter;
        return c == '\n' ? FieldEnd::LineFeed : FieldEnd::CarriageReturn;
    }
    std::string_view trimRight(std::string_view text) const {
        while (!text.empty() && m_isSpace[byteOf(text.back())]) text.remove_suffix(1);
        return text;
    }
    void appendToField(const char* first, const char* last) {
        m_field.append(first, last);
        if (m_field.size() <= kMaxFieldBytes) return;
        if (m_state == State::Quoted)
            fail(m_source, m_quoteLine, m_fieldIndex + 1,
                 "quoted field longer than 64 MiB (is a closing quote missing?)");
        failHere("field longer than 64 MiB");
    }
    [[noreturn]] void failHere(const std::string& message) const {
        fail(m_source, m_line, m_fieldIndex + 1, message);
    }

    Sink& m_sink;
    const std::string& m_source;
    const char m_delimiter;
    std::array<bool, 256> m_isSpace{};
    std::array<bool, 256> m_endsUnquoted{};
    std::array<bool, 256> m_endsQuotedRun{};

    State m_state = State::FieldStart;
    std::string m_field;  // the current field when it is quoted or straddles chunks
    std::size_t m_fieldIndex = 0;
    std::size_t m_line = 1;
    std::size_t m_recordLine = 1;
    std::size_t m_quoteLine = 0;  // where the open quote is, for "unterminated" errors
    bool m_afterCr = false;       // the last byte was a CR line end: a LF now completes it
};

template <class Sink>
bool CsvTokenizer<Sink>::feed(std::string_view chunk) {
    const char* p = chunk.data();
    const char* const end = p + chunk.size();
    while (p != end) {
        if (m_afterCr) {
            m_afterCr = false;
            if (*p == '\n') {  // second half of a CRLF, already counted
                if (m_state == State::Quoted) m_field.push_back('\n');
                ++p;
                continue;
            }
        }
        switch (m_state) {
            case State::FieldStart: {
                while (p != end && m_isSpace[byteOf(*p)]) ++p;
                if (p == end) break;
                if (*p == '"') {
                    m_state = State::Quoted;
                    m_quoteLine = m_line;
                    m_field.clear();
                    ++p;
                    break;
                }
                if (numberField(p, end)) {
                    if (!closeField(endOf(p[-1]), true)) return false;
                    break;
                }
                m_state = State::Unquoted;
                m_field.clear();
                [[fallthrough]];
            }
            case State::Unquoted: {
                // The fast path: a field that lies within one chunk is parsed in place. A quote
                // in the middle of an unquoted field (ab"c) is kept as a literal character, as
                // most spreadsheet programs do, rather than rejected.
                const char* const start = p;
                while (p != end && !m_endsUnquoted[byteOf(*p)]) ++p;
                std::string_view text(start, static_cast<std::size_t>(p - start));
                if (!m_field.empty() || p == end) {  // it straddles chunks
                    appendToField(start, p);
                    text = m_field;
                }
                if (p == end) break;
                if (*p == '\0') failHere(kNulMessage);
                if (!endField(trimRight(text), false, endOf(*p++))) return false;
                break;
            }
            case State::Quoted: {
                const char* const start = p;
                while (p != end && !m_endsQuotedRun[byteOf(*p)]) ++p;
                appendToField(start, p);
                if (p == end) break;
                const char c = *p++;
                if (c == '"') {
                    m_state = State::QuoteInQuoted;
                } else if (c == '\0') {
                    failHere(kNulMessage);
                } else {  // a line end inside the quotes is part of the value
                    m_field.push_back(c);
                    ++m_line;
                    m_afterCr = c == '\r';
                }
                break;
            }
            case State::QuoteInQuoted:
                if (*p == '"') {  // "" stands for one quote
                    m_field.push_back('"');
                    m_state = State::Quoted;
                    ++p;
                } else {
                    m_state = State::AfterQuote;
                }
                break;
            case State::AfterQuote: {
                while (p != end && m_isSpace[byteOf(*p)]) ++p;
                if (p == end) break;
                const char c = *p;
                if (c == '\0') failHere(kNulMessage);
                if (c != m_delimiter && c != '\n' && c != '\r')
                    failHere("unexpected " + describeByte(c) + " after closing quote");
                ++p;
                if (!endField(m_field, true, endOf(c))) return false;
                break;
            }
        }
    }
    return true;
}

// Counts the fields of the first records for one candidate delimiter.
struct SniffSink {
    std::vector<std::size_t> counts;
    std::size_t fieldsInRecord = 0;  // fields completed in the record being read

    void field(std::size_t index, std::string_view, std::size_t) { fieldsInRecord = index + 1; }
    bool number(std::size_t index, double, std::size_t) {
        fieldsInRecord = index + 1;
        return true;
    }
    bool endRecord(std::size_t fieldCount, std::size_t) {
        counts.push_back(fieldCount);
        fieldsInRecord = 0;
        return counts.size() < kSniffRecords;
    }
};

// Picks the candidate that splits every sampled record into the same number (> 1) of fields.
// When several do, the rarer character wins: a tab or ';' that is in every row is more likely
// the delimiter than a ',' (decimal commas, "1,5;2,5"). When none is consistent, the one whose
// first-record field count most records share, so that a ragged row is reported against the
// right delimiter. Otherwise ',' (a single-column file).
char sniffDelimiter(std::string_view sample, bool sampleIsAll) {
    char best = ',';
    std::pair<bool, std::size_t> bestRank{false, 0};  // (consistent, records agreeing)
    for (char candidate : {'\t', ';', ','}) {
        SniffSink sink;
        const std::string noSource;
        CsvTokenizer<SniffSink> tokenizer(candidate, noSource, sink);
        try {
            if (tokenizer.feed(sample) && sampleIsAll) tokenizer.finish();
        } catch (const DataError&) {
            // The real pass reports it; the records before it still count.
        }
        // A record cut off by the end of the sample only counts when it is all there is.
        if (sink.counts.empty() && sink.fieldsInRecord > 0)
            sink.counts.push_back(sink.fieldsInRecord + 1);
        if (sink.counts.empty() || sink.counts.front() < 2) continue;
        const auto agreeing = static_cast<std::size_t>(
            std::count(sink.counts.begin(), sink.counts.end(), sink.counts.front()));
        const bool consistent = agreeing == sink.counts.size();
        const std::pair<bool, std::size_t> rank{consistent, consistent ? 0 : agreeing};
        if (rank > bestRank) {
            best = candidate;
            bestRank = rank;
        }
    }
    return best;
}

// The sink that builds the table: the first record decides the header and the column count,
// then every cell goes straight into its column.
class TableBuilder {
public:
    TableBuilder(const std::string& source, HeaderMode mode) : m_source(source), m_mode(mode) {}

    void field(std::size_t index, std::string_view text, std::size_t line) {
        if (!m_haveColumns) {
            if (m_firstRecord.size() >= kMaxColumns)
                fail(m_source, line, 0, "more than 1000000 fields in the first row");
            m_firstRecord.emplace_back(text);
        } else if (index < m_columns.size()) {  // extra fields: endRecord reports them
            m_columns[index].add(text, line, index + 1);
        }
    }

    // A cell already parsed as a number; false if it must come as text instead (the first
    // record, a text column, an extra field).
    bool number(std::size_t index, double value, std::size_t) {
        return m_haveColumns && index < m_columns.size() && m_columns[index].addNumber(value);
    }

    bool endRecord(std::size_t fieldCount, std::size_t line) {
        if (!m_haveColumns) {
            startColumns(line);
            return true;
        }
        if (fieldCount != m_columns.size()) {
            fail(m_source, line, 0,
                 std::to_string(fieldCount) + (fieldCount == 1 ? " field, " : " fields, ") +
                     (m_table.hasHeader ? "header has " : "first row has ") +
                     std::to_string(m_columns.size()));
        }
        ++m_table.rows;
        m_table.rowLine.push_back(line);
        return true;
    }

    std::size_t recordsSeen() const { return m_table.rows + (m_table.hasHeader ? 1 : 0); }
    std::size_t columnCount() const { return m_columns.size(); }

    void reserveRows(std::size_t rows) {
        m_table.rowLine.reserve(rows);
        for (CsvColumnBuilder& column : m_columns) column.reserve(rows);
    }

    CsvTable finish(char delimiter) {
        if (!m_haveColumns) fail(m_source, 0, 0, "the file is empty");
        if (m_table.rows == 0) fail(m_source, 0, 0, "no data rows after the header");
        m_table.source = m_source;
        m_table.delimiter = delimiter;
        for (CsvColumnBuilder& column : m_columns) m_table.columns.push_back(column.take());
        return std::move(m_table);
    }

private:
    void startColumns(std::size_t line) {
        const auto isText = [](const std::string& cell) {
            double value = 0;
            return !isMissingMarker(cell) && !parseCsvNumber(cell, value);
        };
        m_table.hasHeader = m_mode == HeaderMode::Present ||
                            (m_mode == HeaderMode::Detect &&
                             std::any_of(m_firstRecord.begin(), m_firstRecord.end(), isText));
        const std::size_t count = m_firstRecord.size();
        m_columns.reserve(count);
        // Columns are found by name (features, the target, a model's inputs), so names are made
        // unique: a repeated "a" becomes "a.1", then "a.2", as pandas and R name them.
        std::unordered_set<std::string> used;
        for (std::size_t i = 0; i < count; ++i) {
            const bool named = m_table.hasHeader && !m_firstRecord[i].empty();
            const std::string base =
                named ? textAsUtf8(m_firstRecord[i]) : "column_" + std::to_string(i + 1);
            std::string name = base;
            for (std::size_t n = 1; used.contains(name); ++n) name = base + "." + std::to_string(n);
            used.insert(name);
            m_columns.emplace_back(m_source, std::move(name));
        }
        m_haveColumns = true;
        if (!m_table.hasHeader) {
            for (std::size_t i = 0; i < count; ++i) m_columns[i].add(m_firstRecord[i], line, i + 1);
            m_table.rows = 1;
            m_table.rowLine.push_back(line);
        }
        m_firstRecord = {};
    }

    const std::string& m_source;
    const HeaderMode m_mode;
    CsvTable m_table;  // all but the columns, which are moved in at the end
    bool m_haveColumns = false;
    std::vector<std::string> m_firstRecord;  // held until we know if it is the header
    std::vector<CsvColumnBuilder> m_columns;
};

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
        // A file that grows while it is read must not report more than 100%.
        if (m_options.progress)
            m_options.progress(m_bytesRead, m_total > 0 ? std::max(m_total, m_bytesRead) : 0);
        if (m_options.cancel && m_options.cancel->load()) fail(m_source, 0, 0, "reading cancelled");
    }

    CsvTable finish() {
        if (!m_tokenizer) start(m_prefix, true);
        m_tokenizer->finish();
        return m_builder.finish(m_delimiter);
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
        m_delimiter = m_options.delimiter ? *m_options.delimiter
                      : named             ? *named
                                          : sniffDelimiter(data, dataIsAll);
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

    const auto buffer = std::make_unique_for_overwrite<char[]>(kChunkSize);
    for (;;) {
        const std::size_t got = std::fread(buffer.get(), 1, kChunkSize, file.get());
        if (got > 0) stream.feed({buffer.get(), got});
        if (got < kChunkSize) {
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
