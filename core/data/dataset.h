#pragma once
// Turning a CSV table into a learning problem: choose the target and the features (numeric and
// categorical columns; identifiers, dates, constants and free text left out with a warning that
// says why), infer the task, encode class labels, leave out rows without a target (and, under
// MissingPolicy::Drop, rows with a missing feature cell), each with a warning.

#include <Eigen/Core>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/base/types.h"
#include "core/csv/csv_reader.h"
#include "core/data/column_encoding.h"
#include "core/data/column_kinds.h"
#include "core/data/encoding_options.h"
#include "core/data/row_matrix.h"

namespace bps {

// Above this many distinct values a target is not treated as classes.
inline constexpr int kMaxClasses = 50;
// A class with fewer rows than this, or under this share of the rows, gets a warning (a typo?).
inline constexpr std::size_t kRareClassRows = 3;
inline constexpr double kRareClassFraction = 0.001;

struct DataSelection {
    // A column name, or a 1-based column number (like the numbers in error messages); empty means
    // the last column.
    std::string target;
    // Feature names (numeric or text columns); empty means every numeric and categorical column
    // except the target.
    std::vector<std::string> features;
    std::optional<Task> task;  // empty: infer from the target
    // Kinds the user chose (--categorical, --numeric, the Data tab's roles), by column name.
    KindOverrides kinds;
    // Missing cells in features and rare levels (--missing, --min-level-count).
    EncodingOptions encoding;
    // Date/time features become numeric parts (year, month, day of week, ...) instead of being
    // left out (--expand-dates).
    bool expandDates = false;
};

// A table as a learning problem. Two shapes:
// - plain (`inputTable` empty): every feature is a numeric column without missing cells in the
//   kept rows; `x` holds the values as they are, one column per feature (the model file v1
//   case, HTRU2).
// - encoded (`inputTable` set): some feature is categorical, has missing cells or is a date's
//   part. `x` is then the inputs encoded with an encoding fitted on ALL rows (`allRowsEncoding`,
//   for statistics and display only); training refits the encoding on its training rows from
//   `inputTable` (TrainingData), so nothing is learnt from the validation rows.
struct Dataset {
    Task task = Task::Binary;
    std::string target;
    // The raw input columns, in order (a date expanded into its parts names the parts,
    // "Year:year"); what Model::features holds.
    std::vector<std::string> features;
    std::vector<std::string> classes;      // classification: class names, index = encoded label
    RowMatrix x;                           // (rows, inputs): see above
    Eigen::VectorXd y;                     // class index (classification) or value (regression)
    std::vector<std::size_t> sourceLines;  // CSV line of each row, for messages
    std::vector<std::string> warnings;

    // The kind of every column of the table (for the inputs table and the app), in table order.
    std::vector<ColumnKindInfo> columnKinds;
    // The features with the kind each is encoded as (Numeric or Categorical).
    std::vector<InputColumn> inputs;
    EncodingOptions encoding;          // as selected
    std::vector<DateExpansion> dates;  // date/time features taken apart (--expand-dates)
    // Encoded shape only: the feature columns (date parts derived), rows aligned with x and y.
    std::optional<CsvTable> inputTable;
    std::optional<TableEncoding> allRowsEncoding;  // encoded shape only: x's encoding
    std::vector<std::string> inputNames;           // the names of x's columns

    bool encoded() const { return inputTable.has_value(); }
    // The name of x's column j (inputNames; features when only those were set).
    const std::string& inputName(Eigen::Index j) const {
        const auto i = static_cast<std::size_t>(j);
        return inputNames.size() == static_cast<std::size_t>(x.cols()) ? inputNames[i]
                                                                       : features[i];
    }

    Eigen::Index rows() const { return x.rows(); }
    Eigen::Index featureCount() const { return x.cols(); }
    int outputCount() const {
        return task == Task::Multiclass ? static_cast<int>(classes.size()) : 1;
    }
};

// Throws DataError with a message naming the column (and the line and column of the first bad
// cell) when a feature is not numeric, the target does not fit the task, or nothing is left.
Dataset prepareDataset(const CsvTable& table, const DataSelection& selection);
// The same, given the kinds inferColumnKinds(table) gave (default thresholds, no overrides):
// inferring them is most of the work on a table of numbers (sorting every column, 9 of HTRU2's
// 12 ms), and the app prepares a data set at every Start from a table whose kinds it inferred
// on loading. Kinds of another length than the table's columns are inferred afresh.
Dataset prepareDataset(const CsvTable& table, const DataSelection& selection,
                       std::span<const ColumnKindInfo> inferredKinds);

// Index of the column named by `nameOrNumber` (see DataSelection::target); throws DataError.
std::size_t findColumn(const CsvTable& table, const std::string& nameOrNumber);

// The features named `names`, found by name in `table`, as a matrix for prediction. A missing or
// non-numeric cell is a DataError naming its line and column.
RowMatrix featureMatrix(const CsvTable& table, const std::vector<std::string>& names);

}  // namespace bps
