#pragma once
// A trained model as other code uses it: the scaler, the layers in double precision, and what
// it was trained on and with. Prediction is plain Eigen in double, the same for a model just
// trained and one loaded from a file.

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "core/csv/csv_reader.h"
#include "core/data/column_encoding.h"
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
    // The raw input columns, in order. Without `preprocessing` (model file v1, all-numeric
    // tables) each is one network input; with it, they are preprocessing->columns' names and
    // the network inputs are preprocessing->inputNames().
    std::vector<std::string> features;
    // How raw columns become network inputs (imputation, missing indicators, one-hot levels),
    // fitted on the training rows. Applied before `scaler`, which is over the encoded inputs
    // (one-hot and indicator inputs have mean 0 and std 1 there).
    std::optional<TableEncoding> preprocessing;
    Scaler scaler;
    std::vector<DenseLayer> layers;
    TrainingConfig config;
    std::optional<Metrics> validation;
    std::optional<double> trainLoss;
    // Binary only: a row is classes[1] when predict() gives at least this probability. Always in
    // (0, 1); 0.5 unless chosen (the Results tab, `train --threshold`), and what `predict` and
    // every export decide with.
    double threshold = 0.5;

    // Encoded, unscaled inputs (rows, inputCount()) -> outputs: binary (rows, 1) probability of
    // classes[1]; multiclass (rows, k) probabilities; regression (rows, 1) values.
    Eigen::MatrixXd predict(const RowMatrix& raw) const;
    // The raw table's rows -> the encoded inputs (columns found by name; text and missing cells
    // as `preprocessing` says, or as featureMatrix() without it), with what was met in them.
    EncodedTable encode(const CsvTable& table) const;
    // predict(encode(table).x): the outputs of the rows encode() kept (see EncodedTable::rows).
    Eigen::MatrixXd predictTable(const CsvTable& table, EncodedTable* encoded = nullptr) const;
    // Predicted class index (classification) for the outputs of predict().
    static Eigen::VectorXi decide(Task task, const Eigen::MatrixXd& outputs,
                                  double threshold = 0.5);
    // decide() at this model's threshold.
    Eigen::VectorXi decide(const Eigen::MatrixXd& outputs) const;

    // The network's inputs: features without preprocessing, else the encoded names.
    std::vector<std::string> inputNames() const;
    int inputCount() const;
    // An empty string if shapes and numbers are consistent, else what is wrong.
    std::string validate() const;
};

}  // namespace bps
