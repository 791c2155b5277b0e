#pragma once
// Every layer's outputs for many rows at once: one matrix product per layer (Eigen), in float
// with the training kernels' activations (core/math/fast_math.h), where Model::predict loops row
// by row in double so that a row's prediction never depends on its batch. For pictures of
// thousands of points (the decision map: 100 x 100 cells in a few milliseconds), not for
// predictions anyone reads as numbers.

#include <Eigen/Core>
#include <vector>

#include "core/data/row_matrix.h"
#include "core/model/model.h"

namespace bps {

// encoded: (rows, model.inputCount()) encoded, unscaled inputs, as Model::encode gives them.
// Returns one (rows, units) matrix per layer: hidden layers after their activation, the last
// one the model's outputs (probabilities or values, as Model::predict, to float precision).
std::vector<Eigen::MatrixXd> layerActivations(const Model& model, const RowMatrix& encoded);

}  // namespace bps
