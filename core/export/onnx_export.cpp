#include "core/export/onnx_export.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

#include "core/base/errors.h"
#include "core/export/encoding_tables.h"

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

void addIntTensor(onnx::GraphProto& graph, const std::string& name,
                  const std::vector<std::int64_t>& values) {
    onnx::TensorProto* t = graph.add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::INT64);
    t->add_dims(static_cast<std::int64_t>(values.size()));
    for (auto v : values) t->add_int64_data(v);
}

void setStringsAttribute(onnx::NodeProto* node, const std::string& name,
                         const std::vector<std::string>& values) {
    onnx::AttributeProto* a = node->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::STRINGS);
    for (const auto& v : values) a->add_strings(v);
}

void setFloatsAttribute(onnx::NodeProto* node, const std::string& name,
                        const std::vector<float>& values) {
    onnx::AttributeProto* a = node->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOATS);
    for (float v : values) a->add_floats(v);
}

// A tensor [N, 1] of `type` with a symbolic batch dimension: one raw column.
void describeColumn(onnx::ValueInfoProto* value, const std::string& name, int type) {
    value->set_name(name);
    auto* tensor = value->mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(type);
    tensor->mutable_shape()->add_dim()->set_dim_param("N");
    tensor->mutable_shape()->add_dim()->set_dim_value(1);
}

// onnx 1.12's shape inference knows nothing of the ai.onnx.ml operators' outputs, which the
// checker then reports as untyped: state them. Float [N, 1] or, with `width`, [N, 1, width].
void declareFloat(onnx::GraphProto& graph, const std::string& name, std::int64_t width) {
    onnx::ValueInfoProto* value = graph.add_value_info();
    value->set_name(name);
    auto* tensor = value->mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(onnx::TensorProto::FLOAT);
    tensor->mutable_shape()->add_dim()->set_dim_param("N");
    tensor->mutable_shape()->add_dim()->set_dim_value(1);
    if (width > 0) tensor->mutable_shape()->add_dim()->set_dim_value(width);
}

// Graph inputs are named after the raw columns, so internal names get a prefix no column
// name starts with.
std::string internalPrefix(const std::vector<std::string>& columns) {
    std::string prefix = "bps_";
    auto taken = [&] {
        for (const auto& c : columns)
            if (c.compare(0, prefix.size(), prefix) == 0) return true;
        return false;
    };
    while (taken()) prefix += "_";
    return prefix;
}

// The constant 0/1 matrix (rows, levels) sending each one-hot position onto the model's level.
void addLevelMatrix(onnx::GraphProto& graph, const std::string& name,
                    const std::vector<std::optional<std::size_t>>& rowLevel, std::size_t levels) {
    std::vector<double> m(rowLevel.size() * levels, 0.0);
    for (std::size_t r = 0; r < rowLevel.size(); ++r)
        if (rowLevel[r]) m[r * levels + *rowLevel[r]] = 1.0;
    addFloatTensor(graph, name,
                   {static_cast<std::int64_t>(rowLevel.size()), static_cast<std::int64_t>(levels)},
                   m);
}

// Appends the nodes turning one raw column input into its encoded inputs [N, inputCount];
// returns the tensor names to concatenate (none for a column that encodes to no input).
std::vector<std::string> addColumnEncoding(onnx::GraphProto& graph, const ColumnEncoding& column,
                                           MissingPolicy policy, const std::string& p) {
    const std::string& in = column.name;
    if (column.kind == ColumnKind::Numeric) {
        onnx::NodeProto* imputer =
            addNode(graph, "Imputer", p + "impute/" + in, {in}, p + "imputed/" + in);
        imputer->set_domain("ai.onnx.ml");
        setFloatsAttribute(imputer, "imputed_value_floats",
                           {static_cast<float>(column.imputeValue)});
        setFloatAttribute(imputer, "replaced_value_float", std::numeric_limits<float>::quiet_NaN());
        declareFloat(graph, p + "imputed/" + in, 0);
        if (!column.missingIndicator) return {p + "imputed/" + in};
        addNode(graph, "IsNaN", p + "isnan/" + in, {in}, p + "isnan/" + in);
        setIntAttribute(addNode(graph, "Cast", p + "indicator/" + in, {p + "isnan/" + in},
                                p + "indicator/" + in),
                        "to", onnx::TensorProto::FLOAT);
        return {p + "imputed/" + in, p + "indicator/" + in};
    }
    const std::size_t levels = column.levels.size();
    if (levels == 0) return {};
    const LevelTable table = levelTable(column, policy);
    std::vector<std::optional<std::size_t>> rowLevel(table.keyLevel.begin(), table.keyLevel.end());
    std::string onehot;
    if (column.levelsAreNumbers) {
        // Equal against every known value, then IsNaN for a missing cell: [N, keys + 1].
        addFloatTensor(graph, p + "values/" + in, {static_cast<std::int64_t>(table.keys.size())},
                       table.keyNumbers);
        addNode(graph, "Equal", p + "equal/" + in, {in, p + "values/" + in}, p + "equal/" + in);
        addNode(graph, "IsNaN", p + "isnan/" + in, {in}, p + "isnan/" + in);
        addNode(graph, "Concat", p + "known/" + in, {p + "equal/" + in, p + "isnan/" + in},
                p + "known/" + in);
        setIntAttribute(graph.mutable_node(graph.node_size() - 1), "axis", 1);
        setIntAttribute(
            addNode(graph, "Cast", p + "onehot/" + in, {p + "known/" + in}, p + "onehot/" + in),
            "to", onnx::TensorProto::FLOAT);
        rowLevel.push_back(table.missingLevel);
    } else {
        // One-hot over the known values and every spelling of a missing cell; an unseen value
        // gives all zeros (zeros=1).
        std::vector<std::string> cats = table.keys;
        for (const std::string& marker : missingMarkerSpellings())
            if (std::find(cats.begin(), cats.end(), marker) == cats.end()) {
                cats.push_back(marker);
                rowLevel.push_back(table.missingLevel);
            }
        onnx::NodeProto* encoder =
            addNode(graph, "OneHotEncoder", p + "encode/" + in, {in}, p + "encoded/" + in);
        encoder->set_domain("ai.onnx.ml");
        setStringsAttribute(encoder, "cats_strings", cats);
        setIntAttribute(encoder, "zeros", 1);
        declareFloat(graph, p + "encoded/" + in, static_cast<std::int64_t>(cats.size()));
        // [N, 1, cats] -> [N, cats]
        addIntTensor(graph, p + "shape/" + in, {-1, static_cast<std::int64_t>(cats.size())});
        addNode(graph, "Reshape", p + "onehot/" + in, {p + "encoded/" + in, p + "shape/" + in},
                p + "onehot/" + in);
    }
    addLevelMatrix(graph, p + "levels/" + in, rowLevel, levels);
    addNode(graph, "MatMul", p + "level/" + in, {p + "onehot/" + in, p + "levels/" + in},
            p + "level/" + in);
    return {p + "level/" + in};
}

// One graph input per raw column (float [N,1], NaN for missing, or string [N,1]), encoded and
// concatenated into `output` [N, inputCount].
void addPreprocessing(onnx::GraphProto& graph, const TableEncoding& encoding, const std::string& p,
                      const std::string& output) {
    std::vector<std::string> parts;
    for (const ColumnEncoding& column : encoding.columns) {
        // The graph's output keeps its documented name, so an input cannot take it.
        if (column.name.empty() || column.name == "probability" || column.name == "prediction" ||
            column.name == "label")
            throw DataError("cannot export to ONNX: the graph input of column '" + column.name +
                            "' would be " +
                            (column.name.empty() ? "unnamed" : "named like the graph's output"));
        describeColumn(graph.add_input(), column.name,
                       readsNumbers(column) ? onnx::TensorProto::FLOAT : onnx::TensorProto::STRING);
        for (std::string& part : addColumnEncoding(graph, column, encoding.missing, p))
            parts.push_back(std::move(part));
    }
    setIntAttribute(addNode(graph, "Concat", p + "concat", parts, output), "axis", 1);
}

// The second output of a binary graph: `label` int64 [N,1], the class index (1 for classes[1])
// at the model's decision threshold, as `predict` decides (in float32, like the probability).
void addLabel(onnx::GraphProto& graph, double threshold, const std::string& p) {
    addFloatTensor(graph, p + "threshold", {}, {threshold});
    addNode(graph, "GreaterOrEqual", p + "decide", {"probability", p + "threshold"},
            p + "positive");
    setIntAttribute(addNode(graph, "Cast", p + "label_cast", {p + "positive"}, "label"), "to",
                    onnx::TensorProto::INT64);
    onnx::ValueInfoProto* value = graph.add_output();
    value->set_name("label");
    auto* tensor = value->mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(onnx::TensorProto::INT64);
    tensor->mutable_shape()->add_dim()->set_dim_param("N");
    tensor->mutable_shape()->add_dim()->set_dim_value(1);
}

std::string thresholdText(double t) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", t);
    return text;
}

}  // namespace

std::string modelToOnnx(const Model& model, const ExportMetadata& metadata) {
    onnx::ModelProto proto;
    proto.set_ir_version(kOnnxIrVersion);
    proto.set_producer_name("Backprop Studio");
    proto.set_producer_version(metadata.appVersion);
    proto.set_doc_string("Backprop Studio " + std::string(taskName(model.task)) + " model of '" +
                         model.target + "', exported " + metadata.created +
                         (model.preprocessing
                              ? ". Inputs: one per raw column, named after it: float [N,1] for a "
                                "column of numbers (NaN for a missing cell), string [N,1] for a "
                                "text column; imputation and one-hot encoding are in the graph."
                              : ". Input: raw (unscaled) features in the order of metadata "
                                "'features'."));
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
    if (model.task == Task::Binary) addMetadata(proto, "threshold", thresholdText(model.threshold));

    onnx::GraphProto& graph = *proto.mutable_graph();
    graph.set_name("backprop_studio_model");
    // v1 (no preprocessing): one input [N, features]; else one input per raw column.
    const std::string p = model.preprocessing ? internalPrefix(model.features) : "";
    const std::string input = model.preprocessing ? p + "input" : "input";
    if (model.preprocessing) {
        onnx::OperatorSetIdProto* ml = proto.add_opset_import();
        ml->set_domain("ai.onnx.ml");
        ml->set_version(kOnnxMlOpset);
        addPreprocessing(graph, *model.preprocessing, p, input);
    } else {
        describeMatrix(graph.add_input(), input, model.inputCount());
    }

    addFloatTensor(graph, p + "scaler_mean", {model.inputCount()}, values(model.scaler.mean));
    addFloatTensor(graph, p + "scaler_std", {model.inputCount()}, values(model.scaler.std));
    addNode(graph, "Sub", p + "center", {input, p + "scaler_mean"}, p + "centered");
    addNode(graph, "Div", p + "scale", {p + "centered", p + "scaler_std"}, p + "scaled");

    const std::string outputName = model.task == Task::Regression ? "prediction" : "probability";
    std::string current = p + "scaled";
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const DenseLayer& layer = model.layers[i];
        const std::string n = std::to_string(i + 1);
        const bool last = i + 1 == model.layers.size();
        addFloatTensor(graph, p + "W" + n, {layer.weights.rows(), layer.weights.cols()},
                       rowMajor(layer.weights));
        addFloatTensor(graph, p + "b" + n, {layer.bias.size()}, values(layer.bias));
        // An identity output layer's Gemm writes the graph output directly.
        const bool gemmIsOutput = last && layer.activation == Activation::Identity;
        const std::string z = gemmIsOutput ? outputName : p + "z" + n;
        addNode(graph, "Gemm", p + "dense" + n, {current, p + "W" + n, p + "b" + n}, z);
        current = addActivation(graph, layer.activation, p + "activation" + n, z,
                                last ? outputName : p + "a" + n);
    }
    describeMatrix(graph.add_output(), outputName, model.layers.back().weights.cols());
    if (model.task == Task::Binary) addLabel(graph, model.threshold, p);

    std::string bytes;
    if (!proto.SerializeToString(&bytes)) throw DataError("cannot serialise the ONNX model");
    return bytes;
}

}  // namespace bps
