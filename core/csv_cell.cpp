#include "csv_cell.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "errors.h"

namespace bps {

bool isMissingMarker(std::string_view cell) {
    if (cell.size() > 4) return false;
    std::string lower(cell);
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    return lower.empty() || lower == "?" || lower == "na" || lower == "n/a" || lower == "nan" ||
           lower == "null";
}

CsvColumnBuilder::CsvColumnBuilder(const std::string& source, std::string name)
    : m_source(&source) {
    m_column.name = std::move(name);
}

// Everything but a number in a numeric column: missing markers and text.
void CsvColumnBuilder::addOther(std::string_view cell, std::size_t line, std::size_t column) {
    if (m_column.numeric) {
        if (isMissingMarker(cell)) {
            m_column.numbers.push_back(std::numeric_limits<double>::quiet_NaN());
            ++m_column.missing;
            return;
        }
        makeText(cell, line, column);
    }
    if (isMissingMarker(cell)) {
        m_column.codes.push_back(-1);
        ++m_column.missing;
    } else {
        m_column.codes.push_back(intern(cell));
    }
}

void CsvColumnBuilder::reserve(std::size_t rows) {
    m_rowEstimate = rows;
    if (m_column.numeric)
        m_column.numbers.reserve(rows);
    else
        m_column.codes.reserve(rows);
}

// The numbers read so far become levels, as their shortest text, so that every row keeps its
// value. NaN can only be a missing cell here, since parseCsvNumber() takes finite values only.
void CsvColumnBuilder::makeText(std::string_view cell, std::size_t line, std::size_t column) {
    m_column.numeric = false;
    m_column.firstText = CellLocation{line, column};
    m_column.firstTextValue = std::string(cell);
    m_column.codes.reserve(std::max(m_rowEstimate, m_column.numbers.size() + 1));
    for (double value : m_column.numbers) {
        if (std::isnan(value)) {
            m_column.codes.push_back(-1);
            continue;
        }
        char buffer[32];
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
        m_column.codes.push_back(intern(std::string_view(buffer, result.ptr - buffer)));
    }
    m_column.numbers = {};  // frees the memory, unlike clear()
}

std::int32_t CsvColumnBuilder::intern(std::string_view text) {
    if (const auto it = m_codeOfLevel.find(text); it != m_codeOfLevel.end()) return it->second;
    if (m_column.levels.size() >=
        static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw DataError(
            locate(*m_source, 0, 0, "column '" + m_column.name + "' has too many distinct values"));
    const auto code = static_cast<std::int32_t>(m_column.levels.size());
    m_column.levels.emplace_back(text);
    m_codeOfLevel.emplace(m_column.levels.back(), code);
    return code;
}

}  // namespace bps
