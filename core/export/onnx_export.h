#pragma once
// The model as an ONNX graph (opset 13, float32): input "input" [N, features] of raw features;
// the scaler as Sub/Div nodes (not folded into the first layer's weights, where raw feature
// values in the hundreds would cancel and lose float32 digits); one Gemm per layer followed by its
// activation; output "probability" ([N, 1] binary, [N, k] multiclass) or "prediction" [N, 1].
// A model with preprocessing (TableEncoding) has instead one input per raw column, named after
// it: float [N,1] for a column of numbers (numeric, or numeric made categorical; NaN for a
// missing cell), string [N,1] for a text column (the CSV reader's missing markers "", "NA",
// "N/A", "NaN", "?", "null" in any case count as missing; a value never seen in training sets
// no level). Inside: ai.onnx.ml Imputer (NaN -> median) and IsNaN for a missing indicator;
// ai.onnx.ml OneHotEncoder (zeros=1) over the known values and the missing markers, then a
// MatMul by a constant 0/1 matrix onto the model's levels (merged -> `other`, missing -> the
// imputed or `missing` level); a numeric-valued categorical compares its value with Equal.
// Internal tensor names carry a prefix no column name starts with ("bps_").
// Built with the official generated protobuf classes (namespace onnx).

#include <string>

#include "core/export/export_metadata.h"
#include "core/model/model.h"

namespace bps {

inline constexpr int kOnnxOpset = 13;
// The ai.onnx.ml operators (Imputer, OneHotEncoder) of a model with preprocessing.
inline constexpr int kOnnxMlOpset = 2;
// The IR version that opset 13 came with (ONNX 1.8); readers of any newer ONNX accept it.
inline constexpr int kOnnxIrVersion = 7;

std::string modelToOnnx(const Model& model, const ExportMetadata& metadata);

}  // namespace bps
