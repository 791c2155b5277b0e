#pragma once
// Between the float network a Trainer trains and the Model a file stores. A regression network
// learns a standardised target; the model folds that scale into its last layer, so it predicts
// in the target's own units, and a run that continues from a model unfolds it again.

#include "core/model/model.h"
#include "core/model/training_config.h"
#include "core/nn/network.h"
#include "core/training/training_data.h"

namespace bps {

// The weights of `net` as a Model of `data` trained with `config`: in double, with the scaler
// and names; no metrics (they are the caller's to add).
Model modelWeights(const Network<float>& net, const TrainingData& data,
                   const TrainingConfig& config);

// Sets the weights of `net` to those of `model`. Throws DataError when the model was trained
// on other features or its layers do not have the shapes of `net`.
void loadModelWeights(const Model& model, const TrainingData& data, Network<float>& net);

}  // namespace bps
