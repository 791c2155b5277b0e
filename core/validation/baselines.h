#pragma once
// The yardsticks a network is compared with in the same folds: the best constant prediction
// (the training rows' class shares, or their mean for regression) and the same network with no
// hidden layer (logistic, softmax or linear regression).

#include <Eigen/Core>

#include "core/data/dataset.h"
#include "core/data/split.h"
#include "core/evaluation/metrics.h"
#include "core/model/training_config.h"

namespace bps {

// The constant prediction fitted on split.train, on the rows of split.validation: (rows, 1)
// probability of class 1 (binary), (rows, k) class shares (multiclass) or (rows, 1) the mean.
Eigen::MatrixXd majorityOutputs(const Dataset& data, const Split& split);
// Its metrics: the loss is the mean cross-entropy (classification) or the mean squared error
// of the target standardised by the training rows (regression), as the trainer measures it.
Metrics majorityBaseline(const Dataset& data, const Split& split);

// `config` without hidden layers: the linear model trained the same way.
TrainingConfig linearBaselineConfig(const TrainingConfig& config);

}  // namespace bps
