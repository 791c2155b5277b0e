#pragma once
// How CSV cells become column values: number parsing, missing markers, and a column that starts
// numeric and turns textual at its first cell that is neither a number nor missing. Used by the
// CSV reader only; the tokenizing is in csv_reader.cpp.

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

#include "csv_reader.h"

namespace bps {

// True if all of `cell` (unquoted and trimmed) is a finite number. from_chars rejects a leading
// '+', which people do write, so it is skipped here (but "+-1" stays text). Non-finite values
// ("inf", "nan") and out-of-range ones ("1e400") are not numbers. Inline: it runs for every cell.
inline bool parseCsvNumber(std::string_view cell, double& value) {
    const char* first = cell.data();
    const char* const last = first + cell.size();
    if (first != last && *first == '+') {
        ++first;
        if (first != last && (*first == '-' || *first == '+')) return false;
    }
    if (first == last) return false;
    const auto [end, error] = std::from_chars(first, last, value);
    return error == std::errc() && end == last && std::isfinite(value);
}

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
    void reserve(std::size_t rows);
    CsvColumn take() { return std::move(m_column); }

private:
    void addOther(std::string_view cell, std::size_t line, std::size_t column);
    void makeText(std::string_view cell, std::size_t line, std::size_t column);
    std::int32_t intern(std::string_view text);

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
