#pragma once
// Streaming RFC 4180 CSV reader. It types each column as it goes (numeric unless a cell is not a
// number) and keeps only the parsed values, never the whole file text.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bps {

enum class HeaderMode { Detect, Present, Absent };

struct CsvOptions {
    // Empty: detect among ',', ';', '\t' and whitespace (csv_delimiter.h). A space stands for
    // runs of spaces and tabs (kWhitespaceDelimiter).
    std::optional<char> delimiter;
    HeaderMode header = HeaderMode::Detect;
    // Called now and then with (bytes read, total bytes; 0 if unknown). May be empty.
    std::function<void(std::uint64_t, std::uint64_t)> progress;
    // When set and it becomes true, reading stops with a DataError("... cancelled").
    const std::atomic<bool>* cancel = nullptr;
    // readCsvFile on a file at least this big parses its second half on a second thread while
    // it parses the first (when that half is plain numbers; the result is the same either way).
    // 0: never.
    std::uint64_t parallelFromBytes = std::uint64_t{16} << 20;
};

// Where a cell came from, for error messages: 1-based physical line of the record's start and
// 1-based field index.
struct CellLocation {
    std::size_t line = 0;
    std::size_t column = 0;
};

struct CsvColumn {
    std::string name;
    // Numeric columns: one value per row; NaN marks a missing cell (empty, NA, NaN, N/A, ?).
    // Text columns: `numbers` is empty and `codes` indexes into `levels` (-1 = missing).
    bool numeric = true;
    std::vector<double> numbers;
    std::vector<std::int32_t> codes;
    std::vector<std::string> levels;  // distinct text values in order of first appearance
    std::size_t missing = 0;
    // The first cell that made the column textual (only for text columns).
    std::optional<CellLocation> firstText;
    std::string firstTextValue;
    // The first cell that was not valid UTF-8 (read as Windows-1252 instead), its level and its
    // bytes as printableExcerpt shows them: a corrupt byte in a target makes a class of its own.
    std::optional<CellLocation> firstNonUtf8;
    std::int32_t firstNonUtf8Level = -1;
    std::string firstNonUtf8Text;
};

struct CsvTable {
    std::string source;    // file name (without directories) used in messages
    char delimiter = ',';  // ' ': runs of blanks (kWhitespaceDelimiter)
    bool hasHeader = true;
    // Only for a table of one column: another delimiter that its first record holds, which the
    // user may have meant (see singleColumnHint in csv_delimiter.h).
    std::optional<char> likelyDelimiter;
    std::size_t rows = 0;
    std::vector<CsvColumn> columns;
    std::vector<std::size_t> rowLine;  // physical line where each data row starts (1-based)
    // The second half of the file was parsed on another thread (see CsvOptions); the table is
    // the same either way. For tests and benchmarks.
    bool readInHalves = false;
};

// Reads a CSV file. Throws DataError naming the file, line and column on any malformed input
// (unterminated quote, ragged row, empty file, unreadable file, ...). Never crashes.
CsvTable readCsvFile(const std::string& path, const CsvOptions& options = {});

// Same as readCsvFile on text in memory; `source` names it in messages.
CsvTable readCsvText(std::string_view text, const std::string& source = "<text>",
                     const CsvOptions& options = {});

// True if `cell` (already unquoted and trimmed) is one of the missing-value markers.
bool isMissingMarker(std::string_view cell);

}  // namespace bps
