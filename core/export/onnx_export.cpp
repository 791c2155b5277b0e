#include "core/export/onnx_export.h"

#include <onnx/onnx_pb.h>

#include "core/base/errors.h"

namespace bps {

namespace {

void addFloatTensor(onnx::GraphProto& graph, const std::string& name,
                    const std::vector<std::int64_t>& dims, const std::vector<double>& values) {
    onnx::TensorProto* t = graph.add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    for (auto d : dims) t->add_dims(d);
    for (double v : values) t->add_float_data(static_cast<float>(v));
}

std::vector<double> values(const Eigen::VectorXd& v) {
    return std::vector<double>(v.data(), v.data() + v.size());
}

std::vector<double> rowMajor(const Eigen::MatrixXd& m) {
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(m.size()));
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c) out.push_back(m(r, c));
    return out;
}

onnx::NodeProto* addNode(onnx::GraphProto& graph, const std::string& op, const std::string& name,
                         const std::vector<std::string>& inputs, const std::string& output) {
    onnx::NodeProto* node = graph.add_node();
    node->set_op_type(op);
    node->set_name(name);
    for (const auto& in : inputs) node->add_input(in);
    node->add_output(output);
    return node;
}

void setFloatAttribute(onnx::NodeProto* node, const std::string& name, float value) {
    onnx::AttributeProto* a = node->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(value);
}

void setIntAttribute(onnx::NodeProto* node, const std::string& name, std::int64_t value) {
    onnx::AttributeProto* a = node->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(value);
}

// A float tensor [N, columns] with a symbolic batch dimension.
void describeMatrix(onnx::ValueInfoProto* value, const std::string& name, std::int64_t columns) {
    value->set_name(name);
    auto* tensor = value->mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(onnx::TensorProto::FLOAT);
    tensor->mutable_shape()->add_dim()->set_dim_param("N");
    tensor->mutable_shape()->add_dim()->set_dim_value(columns);
}

// Appends the activation node reading `input`; returns the name of its output.
std::string addActivation(onnx::GraphProto& graph, Activation activation, const std::string& name,
                          const std::string& input, const std::string& output) {
    switch (activation) {
        case Activation::Tanh:
            addNode(graph, "Tanh", name, {input}, output);
            break;
        case Activation::Sigmoid:
            addNode(graph, "Sigmoid", name, {input}, output);
            break;
        case Activation::Relu:
            addNode(graph, "Relu", name, {input}, output);
            break;
        case Activation::LeakyRelu:
            setFloatAttribute(addNode(graph, "LeakyRelu", name, {input}, output), "alpha",
                              static_cast<float>(kLeakyReluSlope));
            break;
        case Activation::Softmax:
            setIntAttribute(addNode(graph, "Softmax", name, {input}, output), "axis", -1);
            break;
        case Activation::Identity:
            return input;
    }
    return output;
}

void addMetadata(onnx::ModelProto& proto, const std::string& key, const std::string& value) {
    onnx::StringStringEntryProto* entry = proto.add_metadata_props();
    entry->set_key(key);
    entry->set_value(value);
}

}  // namespace

std::string modelToOnnx(const Model& model, const ExportMetadata& metadata) {
    onnx::ModelProto proto;
    proto.set_ir_version(kOnnxIrVersion);
    proto.set_producer_name("Backprop Studio");
    proto.set_producer_version(metadata.appVersion);
    proto.set_doc_string("Backprop Studio " + std::string(taskName(model.task)) + " model of '" +
                         model.target + "', exported " + metadata.created +
                         ". Input: raw (unscaled) features in the order of metadata 'features'.");
    onnx::OperatorSetIdProto* opset = proto.add_opset_import();
    opset->set_domain("");
    opset->set_version(kOnnxOpset);
    addMetadata(proto, "app_version", metadata.appVersion);
    addMetadata(proto, "created", metadata.created);
    addMetadata(proto, "task", std::string(taskName(model.task)));
    addMetadata(proto, "target", model.target);
    addMetadata(proto, "features", jsonStringList(model.features));
    addMetadata(proto, "classes", jsonStringList(model.classes));
    addMetadata(proto, "metrics", metadata.metricsJson);

    onnx::GraphProto& graph = *proto.mutable_graph();
    graph.set_name("backprop_studio_model");
    describeMatrix(graph.add_input(), "input", model.inputCount());

    addFloatTensor(graph, "scaler_mean", {model.inputCount()}, values(model.scaler.mean));
    addFloatTensor(graph, "scaler_std", {model.inputCount()}, values(model.scaler.std));
    addNode(graph, "Sub", "center", {"input", "scaler_mean"}, "centered");
    addNode(graph, "Div", "scale", {"centered", "scaler_std"}, "scaled");

    const std::string outputName = model.task == Task::Regression ? "prediction" : "probability";
    std::string current = "scaled";
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const DenseLayer& layer = model.layers[i];
        const std::string n = std::to_string(i + 1);
        const bool last = i + 1 == model.layers.size();
        addFloatTensor(graph, "W" + n, {layer.weights.rows(), layer.weights.cols()},
                       rowMajor(layer.weights));
        addFloatTensor(graph, "b" + n, {layer.bias.size()}, values(layer.bias));
        // An identity output layer's Gemm writes the graph output directly.
        const bool gemmIsOutput = last && layer.activation == Activation::Identity;
        const std::string z = gemmIsOutput ? outputName : "z" + n;
        addNode(graph, "Gemm", "dense" + n, {current, "W" + n, "b" + n}, z);
        current = addActivation(graph, layer.activation, "activation" + n, z,
                                last ? outputName : "a" + n);
    }
    describeMatrix(graph.add_output(), outputName, model.layers.back().weights.cols());

    std::string bytes;
    if (!proto.SerializeToString(&bytes)) throw DataError("cannot serialise the ONNX model");
    return bytes;
}

}  // namespace bps
