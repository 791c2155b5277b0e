#include "core/export/npz_export.h"

#include "core/export/npz_writer.h"

namespace bps {

namespace {

std::vector<double> values(const Eigen::VectorXd& v) {
    return std::vector<double>(v.data(), v.data() + v.size());
}

// Row-major, as numpy's default C order expects (Eigen stores columns first).
std::vector<double> rowMajor(const Eigen::MatrixXd& m) {
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(m.size()));
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c) out.push_back(m(r, c));
    return out;
}

}  // namespace

std::string modelToNpz(const Model& model, const ExportMetadata& metadata) {
    NpzWriter npz;
    std::vector<std::string> activations;
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const DenseLayer& layer = model.layers[i];
        const std::string n = std::to_string(i + 1);
        npz.addDoubles("W" + n,
                       {static_cast<std::size_t>(layer.weights.rows()),
                        static_cast<std::size_t>(layer.weights.cols())},
                       rowMajor(layer.weights));
        npz.addDoubles("b" + n, {static_cast<std::size_t>(layer.bias.size())}, values(layer.bias));
        activations.emplace_back(activationName(layer.activation));
    }
    npz.addDoubles("scaler_mean", {static_cast<std::size_t>(model.scaler.mean.size())},
                   values(model.scaler.mean));
    npz.addDoubles("scaler_std", {static_cast<std::size_t>(model.scaler.std.size())},
                   values(model.scaler.std));
    npz.addStrings("activations", {activations.size()}, activations);
    npz.addStrings("classes", {model.classes.size()}, model.classes);
    npz.addStrings("features", {model.features.size()}, model.features);
    npz.addString("task", std::string(taskName(model.task)));
    npz.addString("target", model.target);
    npz.addString("app_version", metadata.appVersion);
    npz.addString("created", metadata.created);
    npz.addString("metrics_json", metadata.metricsJson);
    return npz.finish();
}

}  // namespace bps
