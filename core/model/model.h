#pragma once
// A trained model as other code uses it: the scaler, the layers in double precision, and what
// it was trained on and with. Prediction is plain Eigen in double, the same for a model just
// trained and one loaded from a file.

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/scaler.h"
#include "core/evaluation/metrics.h"
#include "core/math/activation.h"
#include "core/math/loss.h"
#include "core/model/training_config.h"

namespace bps {

struct DenseLayer {
    Eigen::MatrixXd weights;  // (inputs, units)
    Eigen::VectorXd bias;     // (units)
    Activation activation = Activation::Tanh;
};

struct Model {
    Task task = Task::Binary;
    std::string target;
    std::vector<std::string> classes;
    std::vector<std::string> features;
    Scaler scaler;
    std::vector<DenseLayer> layers;
    TrainingConfig config;
    std::optional<Metrics> validation;
    std::optional<double> trainLoss;

    // Raw (unscaled) features (rows, features) -> outputs: binary (rows, 1) probability of
    // classes[1]; multiclass (rows, k) probabilities; regression (rows, 1) values.
    Eigen::MatrixXd predict(const RowMatrix& raw) const;
    // Predicted class index (classification) for the outputs of predict().
    static Eigen::VectorXi decide(Task task, const Eigen::MatrixXd& outputs,
                                  double threshold = 0.5);

    int inputCount() const { return static_cast<int>(features.size()); }
    // An empty string if shapes and numbers are consistent, else what is wrong.
    std::string validate() const;
};

}  // namespace bps
