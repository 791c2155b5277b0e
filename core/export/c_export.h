#pragma once
// The model as one self-contained C99 header (math.h only; link with -lm):
//   binary/regression: static inline double model_predict(const double x[N_FEATURES]);
//   multiclass:        static inline void model_predict(const double x[N_FEATURES],
//                                                       double out[N_CLASSES]);
// plus model_feature_name(i) and, for classification, model_class_name(i). Weights are
// `static const double` arrays printed with 17 significant digits, so they read back exactly.
// Compiles cleanly with gcc -std=c99 -Wall -Wextra -Werror.
// A model with preprocessing takes the raw columns instead (string.h too):
//   model_predict(const double *num, const char *const *cat[, double out[N_CLASSES]])
// num[] the N_NUMERIC columns of numbers (model_numeric_name; NaN for missing), cat[] the
// N_CATEGORICAL text columns (model_categorical_name; NULL or a missing marker for missing, an
// unseen value sets no level); the level tables are embedded and model_encode(num, cat, x)
// gives the network inputs (model_input_name).

#include <string>

#include "core/export/export_metadata.h"
#include "core/model/model.h"

namespace bps {

std::string modelToCHeader(const Model& model, const ExportMetadata& metadata);

}  // namespace bps
