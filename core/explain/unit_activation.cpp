#include "core/explain/unit_activation.h"

namespace bps {

std::vector<Eigen::MatrixXd> layerActivations(const Model& model, const RowMatrix& encoded) {
    std::vector<Eigen::MatrixXd> out;
    out.reserve(model.layers.size());
    // Standardised in double, then float: the training network's precision, and its fast tanh.
    Eigen::MatrixXf a = ((encoded.rowwise() - model.scaler.mean.transpose()).array().rowwise() /
                         model.scaler.std.transpose().array())
                            .matrix()
                            .cast<float>();
    for (const DenseLayer& layer : model.layers) {
        Eigen::MatrixXf z = a * layer.weights.cast<float>();
        z.rowwise() += layer.bias.cast<float>().transpose();
        activateInPlace(layer.activation, z);
        out.push_back(z.cast<double>());
        a = std::move(z);
    }
    return out;
}

}  // namespace bps
