#include "core/explain/unit_activation.h"

namespace bps {

std::vector<Eigen::MatrixXd> layerActivations(const Model& model, const RowMatrix& encoded) {
    std::vector<Eigen::MatrixXd> out;
    out.reserve(model.layers.size());
    Eigen::MatrixXd a = ((encoded.rowwise() - model.scaler.mean.transpose()).array().rowwise() /
                         model.scaler.std.transpose().array())
                            .matrix();
    for (const DenseLayer& layer : model.layers) {
        Eigen::MatrixXd z = a * layer.weights;
        z.rowwise() += layer.bias.transpose();
        activateInPlace(layer.activation, z);
        out.push_back(z);
        a = std::move(z);
    }
    return out;
}

}  // namespace bps
