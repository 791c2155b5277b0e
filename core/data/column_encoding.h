#pragma once
// Raw table columns as network inputs, scikit-learn style: fitEncoding() learns from the
// training rows only (medians, levels, the most frequent level), and TableEncoding::transform()
// applies what was learnt to any table (training, validation, a file to predict), learning
// nothing. Numeric columns pass through, missing cells imputed with the median and flagged by a
// missing-indicator input; categorical columns are one-hot encoded over sorted levels, rare
// levels merged into `other`. Every input is named, like get_feature_names_out():
// "Horsepower", "Horsepower_missing", "Origin=USA". The encoding is plain data, so that a model
// file can store it and every export can reproduce it.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/csv/csv_reader.h"
#include "core/data/column_kinds.h"
#include "core/data/date_parts.h"
#include "core/data/encoding_options.h"
#include "core/data/row_matrix.h"

namespace bps {

// A raw column to encode, by name, and how: ColumnKind::Numeric or ColumnKind::Categorical.
struct InputColumn {
    std::string name;
    ColumnKind kind = ColumnKind::Numeric;
};

// What fitting learnt about one raw column.
struct ColumnEncoding {
    std::string name;
    ColumnKind kind = ColumnKind::Numeric;  // Numeric or Categorical

    // Numeric: the median of the fitted values (0 if there were none), and whether a missing
    // indicator input follows the value.
    double imputeValue = 0;
    bool missingIndicator = false;

    // Categorical: one input per level, in this order: the kept levels sorted (text by bytes;
    // numbers, for a numeric column made categorical, by value and written as their shortest
    // text), then `other` if any level was merged, then `missing` (MissingPolicy::Category, if
    // the fitted rows had missing cells). Either name gets a suffix (".1") if a kept level has it.
    std::vector<std::string> levels;
    bool levelsAreNumbers = false;
    std::optional<std::size_t> otherLevel;
    std::optional<std::size_t> missingLevel;
    // The level a missing cell takes under MissingPolicy::Impute: the most frequent in the
    // fitted rows (the first in order on a tie); empty if the fitted rows had no values.
    std::optional<std::size_t> imputeLevel;
    // The levels seen fewer than minLevelCount times, which transform() maps to `other`; sorted.
    std::vector<std::string> mergedLevels;

    std::size_t inputCount() const;
    std::vector<std::string> inputNames() const;
};

// What transform() met in one raw column.
struct ColumnTransformCounts {
    std::size_t missing = 0;  // missing cells (imputed, the `missing` level, or rows dropped)
    // Cells encoded as all zeros: a level fitting never saw, or a missing cell with no level to
    // take (Category without a fitted `missing` level; Impute when the fitted rows had no values).
    std::size_t unknown = 0;
};

struct EncodedTable {
    RowMatrix x;                    // (rows kept, inputCount()): the network's raw inputs
    std::vector<std::size_t> rows;  // the table row of each row of x
    std::vector<ColumnTransformCounts> counts;  // one per ColumnEncoding
    std::size_t droppedRows = 0;  // MissingPolicy::Drop: rows left out for a missing cell
};

struct TableEncoding {
    MissingPolicy missing = MissingPolicy::Impute;
    std::size_t minLevelCount = 1;  // as used in fitting
    std::size_t fittedRows = 0;     // the rows fitting learnt from (after Drop's)
    std::vector<ColumnEncoding> columns;
    // Date/time columns taken apart before encoding (--expand-dates): each part is one of
    // `columns`, numeric, named like "Year:year" (date_parts.h); transform() derives the parts
    // from the raw column of the table it is given.
    std::vector<DateExpansion> dates;

    std::size_t inputCount() const;
    std::vector<std::string> inputNames() const;
    // Every row of `table` encoded (Drop: those without a missing input cell). Columns are
    // found by name; a missing column, or text in a numeric input, is a DataError.
    EncodedTable transform(const CsvTable& table) const;
};

// Learns the encoding of `inputs` from the rows `rows` of `table` (indices into its rows; no
// other row is read). Throws DataError for an input that names no column or a text column made
// numeric, std::out_of_range for a row index past the table's end.
TableEncoding fitEncoding(const CsvTable& table, const std::vector<InputColumn>& inputs,
                          const std::vector<std::size_t>& rows,
                          const EncodingOptions& options = {});

}  // namespace bps
