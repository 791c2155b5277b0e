#pragma once
// Turning a CSV table into a numeric learning problem: choose the target and the features,
// infer the task, encode class labels, and drop rows with missing values (with a warning).

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "core/base/types.h"
#include "core/csv/csv_reader.h"
#include "core/data/column_kinds.h"
#include "core/data/encoding_options.h"

namespace bps {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Above this many distinct values a target is not treated as classes.
inline constexpr int kMaxClasses = 50;
// A class with fewer rows than this, or under this share of the rows, gets a warning (a typo?).
inline constexpr std::size_t kRareClassRows = 3;
inline constexpr double kRareClassFraction = 0.001;

struct DataSelection {
    // A column name, or a 1-based column number (like the numbers in error messages); empty means
    // the last column.
    std::string target;
    // Feature names; empty means every numeric column except the target.
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

struct Dataset {
    Task task = Task::Binary;
    std::string target;
    std::vector<std::string> features;
    std::vector<std::string> classes;      // classification: class names, index = encoded label
    RowMatrix x;                           // (rows, features), raw values
    Eigen::VectorXd y;                     // class index (classification) or value (regression)
    std::vector<std::size_t> sourceLines;  // CSV line of each row, for messages
    std::vector<std::string> warnings;

    Eigen::Index rows() const { return x.rows(); }
    Eigen::Index featureCount() const { return x.cols(); }
    int outputCount() const {
        return task == Task::Multiclass ? static_cast<int>(classes.size()) : 1;
    }
};

// Throws DataError with a message naming the column (and the line and column of the first bad
// cell) when a feature is not numeric, the target does not fit the task, or nothing is left.
Dataset prepareDataset(const CsvTable& table, const DataSelection& selection);

// Index of the column named by `nameOrNumber` (see DataSelection::target); throws DataError.
std::size_t findColumn(const CsvTable& table, const std::string& nameOrNumber);

// The features named `names`, found by name in `table`, as a matrix for prediction. A missing or
// non-numeric cell is a DataError naming its line and column.
RowMatrix featureMatrix(const CsvTable& table, const std::vector<std::string>& names);

}  // namespace bps
