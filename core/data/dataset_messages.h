#pragma once
// What prepareDataset and the feature choice say about a table: names and cells shortened for
// messages, the hints that go with a text cell that looks like a number, and the errors for
// cells that cannot be used. Internal to core/data.

#include <cstddef>
#include <string>

#include "core/csv/csv_reader.h"

namespace bps::dataset_detail {

// Names and cells in messages: short, one line, valid UTF-8 (a header may hold anything).
std::string shown(const std::string& text);
// A file read as one column that was likely meant to have more: said after errors that follow.
std::string delimiterHint(const CsvTable& table);
// The first columns' names, for "no column named ...".
std::string columnList(const CsvTable& table);
// A text column that would be numeric but for cells such as "inf" or "1e400".
bool numericButNonFinite(const CsvColumn& column);
// Why a cell that looks like a number is text, when there is a common reason; else "".
std::string numberHint(const std::string& cell);
// "line 5, column 2: 'abc'" for a text column's first text cell, with a hint if there is one.
std::string firstTextCell(const CsvColumn& column);
[[noreturn]] void throwNonFinite(const CsvTable& table, const CsvColumn& column);
// A text cell where `role` ("a feature", "the regression target") needs a number.
[[noreturn]] void throwTextCell(const CsvTable& table, const CsvColumn& column,
                                const std::string& role);
bool isMissing(const CsvColumn& c, std::size_t row);

}  // namespace bps::dataset_detail
