#pragma once
// The model as an ONNX graph (opset 13, float32): input "input" [N, features] of raw features;
// the scaler as Sub/Div nodes (not folded into the first layer's weights, where raw feature
// values in the hundreds would cancel and lose float32 digits); one Gemm per layer followed by its
// activation; output "probability" ([N, 1] binary, [N, k] multiclass) or "prediction" [N, 1].
// Built with the official generated protobuf classes (namespace onnx).

#include <string>

#include "core/export/export_metadata.h"
#include "core/model/model.h"

namespace bps {

inline constexpr int kOnnxOpset = 13;
// The IR version that opset 13 came with (ONNX 1.8); readers of any newer ONNX accept it.
inline constexpr int kOnnxIrVersion = 7;

std::string modelToOnnx(const Model& model, const ExportMetadata& metadata);

}  // namespace bps
