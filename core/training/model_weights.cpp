#include "core/training/model_weights.h"

#include <string>
#include <utility>

#include "core/base/errors.h"

namespace bps {

Model modelWeights(const Network<float>& net, const TrainingData& data,
                   const TrainingConfig& config) {
    Model model;
    model.task = data.meta.task;
    model.target = data.meta.target;
    model.classes = data.meta.classes;
    model.features = data.meta.features;
    model.preprocessing = data.encoding;
    model.scaler = data.scaler;
    model.config = config;
    for (int i = 0; i < net.layerCount(); ++i) {
        DenseLayer layer;
        layer.weights = net.weights(i).cast<double>();
        layer.bias = net.parameters().segment(net.biasOffset(i), net.layer(i).units).cast<double>();
        layer.activation = net.layer(i).activation;
        model.layers.push_back(std::move(layer));
    }
    if (model.task == Task::Regression) {
        // Fold the target's standardisation into the last layer: y = (h W + b) s + m.
        auto& last = model.layers.back();
        last.weights *= data.target.std;
        last.bias = last.bias.array() * data.target.std + data.target.mean;
    }
    return model;
}

void loadModelWeights(const Model& model, const TrainingData& data, Network<float>& net) {
    if (model.features != data.meta.features)
        throw DataError("the model was trained on other features than the ones selected");
    if (static_cast<int>(model.layers.size()) != net.layerCount())
        throw DataError("the model's layers do not match the configured hidden layers");
    for (int i = 0; i < net.layerCount(); ++i) {
        const auto& l = model.layers[static_cast<std::size_t>(i)];
        if (l.weights.rows() != net.layer(i).inputs || l.weights.cols() != net.layer(i).units)
            throw DataError("layer " + std::to_string(i + 1) + " of the model has another shape");
        Eigen::MatrixXd w = l.weights;
        Eigen::VectorXd b = l.bias;
        if (data.meta.task == Task::Regression && i + 1 == net.layerCount()) {
            w /= data.target.std;  // undo the folding of the target scale done by modelWeights()
            b = (b.array() - data.target.mean) / data.target.std;
        }
        net.weights(i) = w.cast<float>();
        net.bias(i) = b.cast<float>();
    }
}

}  // namespace bps
