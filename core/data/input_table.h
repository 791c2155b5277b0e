#pragma once
// The raw feature columns of a data set's rows as a table of their own (Dataset::inputTable),
// with any date/time column replaced by its numeric parts: what TrainingData fits the encoding
// on, after the split, with rows aligned with the data set's.

#include <cstddef>
#include <vector>

#include "core/csv/csv_reader.h"
#include "core/data/date_parts.h"

namespace bps {

// Rows `rows` of columns `columns` of `table` (indices), in those orders; the columns that
// `dates` names are replaced by their parts (withDateParts).
CsvTable inputTableOf(const CsvTable& table, const std::vector<std::size_t>& columns,
                      const std::vector<std::size_t>& rows,
                      const std::vector<DateExpansion>& dates);

}  // namespace bps
