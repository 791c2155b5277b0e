#pragma once
// The Results tab of a model that was opened rather than trained here (File > Open Model, Open
// Project): the rows it was validated on, found again from its seed and validation fraction
// (core/explain/held_out_rows.h), with its outputs on them, as a final training result.

#include <QString>

#include "ui/data/csv_loader.h"
#include "ui/training/training_thread.h"

namespace bps {

struct HeldOutOutcome {
    TrainingResultPtr result;  // null when `problem` says why there is none
    QString problem;
};

// Runs the model over the whole table: call it off the UI thread. No result when the model
// held no rows out, or the data is not the file it was trained on (its reproduced training
// rows do not give the model's scaler or encoding).
HeldOutOutcome heldOutResult(const std::shared_ptr<const Model>& model, const LoadedDataPtr& data);

}  // namespace bps
