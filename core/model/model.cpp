#include "core/model/model.h"

#include <cstdio>

namespace bps {

namespace {
std::string formatThreshold(double t) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", t);
    return text;
}
}  // namespace

Eigen::MatrixXd Model::predict(const RowMatrix& raw) const {
    // Row by row with plain loops in a fixed order, so a row's prediction does not depend on
    // how many other rows come with it (matrix kernels round differently for 1 row and 1,000).
    const Eigen::Index n = raw.rows();
    Eigen::MatrixXd out(n, layers.empty() ? 0 : layers.back().weights.cols());
    Eigen::RowVectorXd a, z;
    for (Eigen::Index r = 0; r < n; ++r) {
        a = (raw.row(r) - scaler.mean.transpose()).cwiseQuotient(scaler.std.transpose());
        for (const auto& layer : layers) {
            const Eigen::Index inputs = layer.weights.rows(), units = layer.weights.cols();
            z = layer.bias.transpose();
            for (Eigen::Index j = 0; j < units; ++j) {
                double sum = z(j);
                for (Eigen::Index k = 0; k < inputs; ++k) sum += a(k) * layer.weights(k, j);
                z(j) = sum;
            }
            activateInPlace(layer.activation, z);
            a.swap(z);
        }
        out.row(r) = a;
    }
    return out;
}

std::vector<std::string> Model::inputNames() const {
    return preprocessing ? preprocessing->inputNames() : features;
}

int Model::inputCount() const {
    return static_cast<int>(preprocessing ? preprocessing->inputCount() : features.size());
}

EncodedTable Model::encode(const CsvTable& table) const {
    if (preprocessing) return preprocessing->transform(table);
    EncodedTable out;
    out.x = featureMatrix(table, features);
    out.rows.resize(static_cast<std::size_t>(out.x.rows()));
    for (std::size_t i = 0; i < out.rows.size(); ++i) out.rows[i] = i;
    out.counts.resize(features.size());
    return out;
}

Eigen::MatrixXd Model::predictTable(const CsvTable& table, EncodedTable* encoded) const {
    EncodedTable local = encode(table);
    Eigen::MatrixXd out = predict(local.x);
    if (encoded) *encoded = std::move(local);
    return out;
}

Eigen::VectorXi Model::decide(Task task, const Eigen::MatrixXd& outputs, double threshold) {
    Eigen::VectorXi out(outputs.rows());
    for (Eigen::Index i = 0; i < outputs.rows(); ++i) {
        if (task == Task::Binary) {
            out(i) = outputs(i, 0) >= threshold ? 1 : 0;
        } else {
            Eigen::Index best = 0;
            outputs.row(i).maxCoeff(&best);
            out(i) = static_cast<int>(best);
        }
    }
    return out;
}

Eigen::VectorXi Model::decide(const Eigen::MatrixXd& outputs) const {
    return decide(task, outputs, threshold);
}

std::string Model::validate() const {
    if (features.empty()) return "the model has no features";
    if (layers.empty()) return "the model has no layers";
    if (preprocessing) {
        if (preprocessing->columns.size() != features.size())
            return "preprocessing has " + std::to_string(preprocessing->columns.size()) +
                   " columns for " + std::to_string(features.size()) + " features";
        for (std::size_t i = 0; i < features.size(); ++i)
            if (preprocessing->columns[i].name != features[i])
                return "preprocessing column " + std::to_string(i + 1) + " is not feature '" +
                       features[i] + "'";
    }
    const auto f = static_cast<Eigen::Index>(inputCount());
    if (scaler.mean.size() != f || scaler.std.size() != f)
        return "scaler has " + std::to_string(scaler.mean.size()) + " means and " +
               std::to_string(scaler.std.size()) + " stds for " + std::to_string(f) +
               (preprocessing ? " inputs" : " features");
    if (!scaler.mean.allFinite() || !scaler.std.allFinite() || (scaler.std.array() <= 0).any())
        return "scaler values must be finite and std positive";
    Eigen::Index previous = f;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const auto& l = layers[i];
        const std::string name = "layer " + std::to_string(i + 1);
        if (l.weights.rows() != previous)
            return name + " has " + std::to_string(l.weights.rows()) + " inputs, expected " +
                   std::to_string(previous);
        if (l.bias.size() != l.weights.cols())
            return name + " has " + std::to_string(l.bias.size()) + " biases for " +
                   std::to_string(l.weights.cols()) + " units";
        if (!l.weights.allFinite() || !l.bias.allFinite()) return name + " has non-finite numbers";
        const bool last = i + 1 == layers.size();
        if (!last && !isHiddenActivation(l.activation))
            return name + " has activation '" + std::string(activationName(l.activation)) +
                   "', which only an output layer may have";
        previous = l.weights.cols();
    }
    const auto outputs = layers.back().weights.cols();
    const Activation out = layers.back().activation;
    if (out != outputActivation(task))
        return "output activation '" + std::string(activationName(out)) + "' does not fit task '" +
               std::string(taskName(task)) + "'";
    if (task == Task::Binary && (outputs != 1 || classes.size() != 2))
        return "a binary model needs 1 output and 2 classes";
    if (task == Task::Multiclass &&
        (outputs < 2 || static_cast<std::size_t>(outputs) != classes.size()))
        return "a multiclass model needs one output per class";
    if (task == Task::Regression && outputs != 1) return "a regression model needs 1 output";
    // Written as `!(... )` so that NaN fails too.
    if (task == Task::Binary && !(threshold > 0 && threshold < 1))
        return "threshold: expected a number between 0 and 1 (exclusive), got " +
               formatThreshold(threshold);
    if (task != Task::Binary && threshold != 0.5)
        return "threshold: only a binary model has a decision threshold";
    return {};
}

}  // namespace bps
