#pragma once
// How CSV cells become column values: number parsing, missing markers, and a column that starts
// numeric and turns textual at its first cell that is neither a number nor missing. Used by the
// CSV reader (the tokenizing is in csv_reader.cpp) and by the data set's messages about cells.

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "core/csv/csv_reader.h"

namespace bps {

// For parseCsvNumber: true if [first, last), which from_chars read whole but found out of range,
// is too small rather than too large ("1e-400"); `value` is then the signed zero it rounds to.
bool parseUnderflow(const char* first, const char* last, double& value);

// True if all of `cell` (unquoted and trimmed) is a finite number. from_chars rejects a leading
// '+', which people do write, so it is skipped here (but "+-1" stays text). Non-finite values
// ("inf", "nan") and overflowing ones ("1e400") are not numbers; numbers too small for a double
// ("1e-400") read as 0. Inline: it runs for every cell.
inline bool parseCsvNumber(std::string_view cell, double& value) {
    const char* first = cell.data();
    const char* const last = first + cell.size();
    if (first != last && *first == '+') {
        ++first;
        if (first != last && (*first == '-' || *first == '+')) return false;
    }
    if (first == last) return false;
    const auto [end, error] = std::from_chars(first, last, value);
    if (error == std::errc::result_out_of_range && end == last)
        return parseUnderflow(first, last, value);
    return error == std::errc() && end == last && std::isfinite(value);
}

// True if `cell` is written as a number but is not a finite double: "inf", "-Infinity", "1e400",
// "-nan". ("nan" and "NaN" alone are missing markers, see isMissingMarker.)
bool isNonFiniteNumber(std::string_view cell);

// `text` as UTF-8: itself when it is valid UTF-8, else read as Windows-1252 (what Excel writes
// for "CSV" on Western Windows) and converted. So names and labels are always valid UTF-8, which
// the model file, the exports and the GUI need, and a file reads the same for train and predict.
std::string textAsUtf8(std::string_view text);
bool isValidUtf8(std::string_view text);

// A cell or a column name as messages show it: at most `maxBytes` bytes (then "..."), with line
// ends, tabs, other control bytes and bytes that are not UTF-8 written as \n, \r, \t, \xHH, so
// that a message stays one readable line whatever the file holds.
std::string printableExcerpt(std::string_view text, std::size_t maxBytes = 60);

// Builds one CsvColumn cell by cell.
class CsvColumnBuilder {
public:
    // `source` names the input in messages and must outlive the builder.
    CsvColumnBuilder(const std::string& source, std::string name);

    // Appends a cell; `line` (the record's first line) and `column` (1-based) locate it. The
    // common case, a number in a numeric column, is inline.
    void add(std::string_view cell, std::size_t line, std::size_t column) {
        double value = 0;
        if (m_column.numeric && parseCsvNumber(cell, value))
            m_column.numbers.push_back(value);
        else
            addOther(cell, line, column);
    }
    // Appends a value already parsed as a number; false (nothing added) in a text column.
    bool addNumber(double value) {
        if (!m_column.numeric) return false;
        m_column.numbers.push_back(value);
        return true;
    }
    // Appends values parsed elsewhere (csv_numeric_tail.h); false, with nothing changed, in a
    // text column.
    bool appendNumbers(const double* values, std::size_t count) {
        if (!m_column.numeric) return false;
        m_column.numbers.insert(m_column.numbers.end(), values, values + count);
        return true;
    }
    bool numeric() const { return m_column.numeric; }
    void reserve(std::size_t rows);
    CsvColumn take() { return std::move(m_column); }

private:
    void addOther(std::string_view cell, std::size_t line, std::size_t column);
    void makeText(std::string_view cell, std::size_t line, std::size_t column);
    std::int32_t intern(std::string_view text);
    bool m_converted = false;  // the last intern() found a new cell that was not UTF-8
    std::int32_t internUtf8(std::string_view text);

    struct Hash {
        using is_transparent = void;  // lets find() take a string_view without a copy
        std::size_t operator()(std::string_view text) const {
            return std::hash<std::string_view>{}(text);
        }
    };

    const std::string* m_source;
    CsvColumn m_column;
    std::unordered_map<std::string, std::int32_t, Hash, std::equal_to<>> m_codeOfLevel;
    std::size_t m_rowEstimate = 0;
};

}  // namespace bps
