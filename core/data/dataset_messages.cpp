#include "core/data/dataset_messages.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "core/base/errors.h"
#include "core/csv/csv_cell.h"
#include "core/csv/csv_delimiter.h"

namespace bps::dataset_detail {

std::string shown(const std::string& text) { return printableExcerpt(text); }

std::string delimiterHint(const CsvTable& table) {
    const std::string hint = singleColumnHint(table);
    return hint.empty() ? hint : "; " + hint;
}

std::string columnList(const CsvTable& table) {
    std::string out;
    for (std::size_t i = 0; i < table.columns.size() && i < 12; ++i)
        out += (i ? ", " : "") + shown(table.columns[i].name);
    if (table.columns.size() > 12) out += ", ...";
    return out;
}

// A text column that would be numeric but for cells such as "inf" or "1e400": reading it as text
// would hide the bad cells, so it is an error wherever the column is used.
bool numericButNonFinite(const CsvColumn& column) {
    if (column.numeric || !isNonFiniteNumber(column.firstTextValue)) return false;
    double value = 0;
    return std::all_of(column.levels.begin(), column.levels.end(), [&](const std::string& level) {
        return parseCsvNumber(level, value) || isNonFiniteNumber(level);
    });
}

// Why a cell that looks like a number is text, when there is a common reason.
std::string numberHint(const std::string& cell) {
    const auto commas = std::count(cell.begin(), cell.end(), ',');
    double value = 0;
    if (commas > 0) {
        std::string decimalPoint = cell, noSeparators = cell;
        std::replace(decimalPoint.begin(), decimalPoint.end(), ',', '.');
        std::erase(noSeparators, ',');
        if ((commas == 1 && parseCsvNumber(decimalPoint, value)) ||
            parseCsvNumber(noSeparators, value))
            return "numbers are read with '.' as the decimal point and no thousands separators";
    }
    std::string_view digits = cell;
    if (digits.starts_with('-') || digits.starts_with('+')) digits.remove_prefix(1);
    if (digits.starts_with("0x") || digits.starts_with("0X"))
        return "hexadecimal numbers are not read";
    return {};
}

std::string firstTextCell(const CsvColumn& column) {
    const CellLocation at = column.firstText.value_or(CellLocation{});
    std::string out = locate({}, at.line, at.column, "'" + shown(column.firstTextValue) + "'");
    if (const std::string hint = numberHint(column.firstTextValue); !hint.empty())
        out += "; " + hint;
    return out;
}

[[noreturn]] void throwNonFinite(const CsvTable& table, const CsvColumn& column) {
    const CellLocation at = column.firstText.value_or(CellLocation{});
    throw DataError(locate(table.source, at.line, at.column,
                           "expected a finite number, found '" + shown(column.firstTextValue) +
                               "' (column '" + shown(column.name) + "')"));
}

[[noreturn]] void throwTextCell(const CsvTable& table, const CsvColumn& column,
                                const std::string& role) {
    if (numericButNonFinite(column)) throwNonFinite(table, column);
    const CellLocation at = column.firstText.value_or(CellLocation{});
    const std::string hint = numberHint(column.firstTextValue);
    throw DataError(locate(table.source, at.line, at.column,
                           "expected a number, found '" + shown(column.firstTextValue) +
                               "' (column '" + shown(column.name) + "' is " + role +
                               " and must be numeric" + (hint.empty() ? "" : "; " + hint) + ")"));
}

bool isMissing(const CsvColumn& c, std::size_t row) {
    return c.numeric ? std::isnan(c.numbers[row]) : c.codes[row] < 0;
}

}  // namespace bps::dataset_detail
