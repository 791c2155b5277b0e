#pragma once
// The rows a model was validated on, found again: a model file stores its seed and validation
// fraction (TrainingConfig), and the split (core/data/split.h) depends only on the usable rows
// in file order and their classes, so the same file gives the same split. Whether the file IS
// the training file is checked where the model allows it: the mean of the reproduced training
// rows must be the scaler's mean (a standardised model), their count the encoding's.

#include <cstddef>
#include <vector>

#include "core/csv/csv_reader.h"
#include "core/explain/explain_data.h"
#include "core/model/model.h"

namespace bps {

struct HeldOutRows {
    std::vector<std::size_t> tableRows;  // the validation rows, in table order
    std::size_t trainingRows = 0;
    // Whether the model had something to check the file against (a standardised scaler or a
    // fitted encoding), and whether the reproduced training rows agreed with it.
    bool checked = false;
    bool matches = false;
};

// `all` is explainData(model, table) over every row of `table`. Throws DataError when the
// model's validation fraction is 0 (no row was held out) or the split fails.
HeldOutRows heldOutRows(const Model& model, const ExplainData& all);

}  // namespace bps
