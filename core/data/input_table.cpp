#include "core/data/input_table.h"

#include <algorithm>
#include <cmath>

namespace bps {

namespace {

// Rows `rows` of `column`, the same column otherwise (its levels too: codes still index them).
CsvColumn columnRows(const CsvColumn& column, const std::vector<std::size_t>& rows) {
    CsvColumn out;
    out.name = column.name;
    out.numeric = column.numeric;
    out.levels = column.levels;
    out.firstText = column.firstText;
    out.firstTextValue = column.firstTextValue;
    for (std::size_t r : rows) {
        if (column.numeric) {
            out.numbers.push_back(column.numbers[r]);
            out.missing += std::isnan(column.numbers[r]) ? 1 : 0;
        } else {
            out.codes.push_back(column.codes[r]);
            out.missing += column.codes[r] < 0 ? 1 : 0;
        }
    }
    return out;
}

}  // namespace

CsvTable inputTableOf(const CsvTable& table, const std::vector<std::size_t>& columns,
                      const std::vector<std::size_t>& rows,
                      const std::vector<DateExpansion>& dates) {
    CsvTable inputs;
    inputs.source = table.source;
    inputs.delimiter = table.delimiter;
    inputs.hasHeader = table.hasHeader;
    inputs.rows = rows.size();
    for (std::size_t r : rows)
        inputs.rowLine.push_back(r < table.rowLine.size() ? table.rowLine[r] : 0);
    for (std::size_t c : columns) inputs.columns.push_back(columnRows(table.columns[c], rows));
    if (dates.empty()) return inputs;
    inputs = withDateParts(inputs, dates);
    std::erase_if(inputs.columns, [&](const CsvColumn& c) {
        return std::any_of(dates.begin(), dates.end(),
                           [&](const DateExpansion& d) { return d.column == c.name; });
    });
    return inputs;
}

}  // namespace bps
