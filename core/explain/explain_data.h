#pragma once
// What permutation importance and partial dependence work on: a table's rows encoded once by a
// model (its own preprocessing, core/model/model.h), their targets in the model's terms, and
// which network inputs come from which raw column, so that a one-hot column or a date's parts
// move together as the one raw column they are.

#include <Eigen/Core>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/csv/csv_reader.h"
#include "core/data/row_matrix.h"
#include "core/model/model.h"

namespace bps {

// The network inputs [first, first + count) that one raw column becomes (a numeric value and
// its missing indicator, a one-hot block, or all the parts of an expanded date).
struct InputGroup {
    std::string column;  // the raw column's name (a date's, for its parts)
    Eigen::Index first = 0;
    Eigen::Index count = 1;
};

// One group per raw column, in the model's feature order; a date's parts form one group (the
// parts are next to each other, as the encoding lays them out).
std::vector<InputGroup> inputGroups(const Model& model);

struct ExplainData {
    RowMatrix x;        // (rows, model.inputCount()): encoded, unscaled, as Model::predict takes
    Eigen::VectorXd y;  // class index (classification) or value (regression), per row of x
    std::vector<std::size_t> tableRows;  // the table row of each row of x
    // Rows left out: no target, a class the model does not know, or dropped by the encoding
    // (MissingPolicy::Drop); said to the user.
    std::size_t skippedRows = 0;
};

// Encodes `rows` of `table` (table row indices; empty = every row) with the model's
// preprocessing and reads their targets from the column named model.target. Throws DataError
// when the table lacks the target column or a feature, or when no row is left.
ExplainData explainData(const Model& model, const CsvTable& table,
                        const std::vector<std::size_t>& rows = {});

// The rows `rows` (indices into data.x) of the data set `model` was trained on (a
// cross-validation fold's model), encoded with the model's own encoding and scaler as
// explainData encodes a table's: a fold's model is never measured through another fold's
// encoding. tableRows holds the data set's row indices; nothing is skipped (the data set kept
// only rows with a target). Throws DataError when the model does not fit the data set.
ExplainData explainRows(const Model& model, const Dataset& data,
                        const std::vector<Eigen::Index>& rows);

// The table rows of data-set rows (Dataset::sourceLines, by their CSV line), for the rows a
// Trainer's split names: `lines` must be lines of `table`'s rows (sorted or not).
std::vector<std::size_t> tableRowsOfLines(const CsvTable& table,
                                          const std::vector<std::size_t>& lines);

}  // namespace bps
