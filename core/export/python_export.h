#pragma once
// The model as one Python module that needs only numpy: FEATURES, CLASSES, TASK, METRICS and the
// weights as nested lists (shortest repr that reads back to the same double), and
//   predict_proba(X) -> (n, len(CLASSES)), column c the probability of CLASSES[c]
//                       (scikit-learn's convention; classification only)
//   predict(X)       -> class labels from CLASSES, or values for regression.
// X holds raw (unscaled) features in FEATURES order; a pandas DataFrame is reordered by name.
// A model with preprocessing takes raw rows instead: a 2-D sequence of values in FEATURES order
// (numbers, text; None, NaN or a missing marker for a missing cell), a dict of columns or a
// DataFrame; encode(X) applies COLUMNS (imputation, indicators, one-hot levels) as in training.

#include <string>

#include "core/export/export_metadata.h"
#include "core/model/model.h"

namespace bps {

std::string modelToPython(const Model& model, const ExportMetadata& metadata);

}  // namespace bps
