#include "core/io/model_file.h"

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/base/errors.h"
#include "core/csv/csv_cell.h"
#include "core/io/json_convert.h"
#include "core/io/preprocessing_json.h"

namespace bps {

using nlohmann::json;

namespace {

json vectorJson(const Eigen::VectorXd& v) {
    return std::vector<double>(v.data(), v.data() + v.size());
}

json layerJson(const DenseLayer& l) {
    json rows = json::array();
    for (Eigen::Index r = 0; r < l.weights.rows(); ++r) {
        const Eigen::RowVectorXd row = l.weights.row(r);
        rows.push_back(std::vector<double>(row.data(), row.data() + row.size()));
    }
    return {{"inputs", l.weights.rows()},
            {"units", l.weights.cols()},
            {"activation", std::string(activationName(l.activation))},
            {"weights", rows},
            {"bias", vectorJson(l.bias)}};
}

// A JSON value as a message shows it: a scalar as JSON, shortened and ASCII-only; an array or an
// object by its type only (dumping a deeply nested one would recurse as deep as it is nested).
std::string describe(const json& j) {
    if (!j.is_primitive()) return std::string("(an ") + j.type_name() + ")";
    std::string text = j.dump(-1, ' ', true, json::error_handler_t::replace);
    if (text.size() > 40) text = text.substr(0, 40) + "...";
    return text;
}

// Reads a finite number, or throws naming `where`.
double finite(const json& j, const std::string& where) {
    if (!j.is_number()) throw DataError(where + ": expected a number");
    const double v = j.get<double>();
    if (!std::isfinite(v)) throw DataError(where + ": number is not finite");
    return v;
}

const json& require(const json& object, const char* key, const std::string& where) {
    if (!object.is_object()) throw DataError(where + ": expected an object");
    const auto it = object.find(key);
    if (it == object.end()) throw DataError(where + ": missing key '" + key + "'");
    return *it;
}

Eigen::VectorXd numbers(const json& j, const std::string& where) {
    if (!j.is_array()) throw DataError(where + ": expected an array of numbers");
    Eigen::VectorXd v(static_cast<Eigen::Index>(j.size()));
    for (std::size_t i = 0; i < j.size(); ++i)
        v(static_cast<Eigen::Index>(i)) = finite(j[i], where + "[" + std::to_string(i) + "]");
    return v;
}

std::vector<std::string> strings(const json& j, const std::string& where) {
    if (!j.is_array()) throw DataError(where + ": expected an array of strings");
    std::vector<std::string> out;
    for (const auto& s : j) {
        if (!s.is_string()) throw DataError(where + ": expected an array of strings");
        out.push_back(s.get<std::string>());
    }
    return out;
}

DenseLayer parseLayer(const json& j, const std::string& where) {
    DenseLayer layer;
    const auto activation = parseActivation(require(j, "activation", where).is_string()
                                                ? require(j, "activation", where).get<std::string>()
                                                : "");
    if (!activation) throw DataError(where + ": unknown activation");
    layer.activation = *activation;
    const json& inputs = require(j, "inputs", where);
    const json& units = require(j, "units", where);
    if (!inputs.is_number_integer() || !units.is_number_integer())
        throw DataError(where + ": inputs and units must be integers");
    const json& rows = require(j, "weights", where);
    // Shapes are checked against the arrays actually present before anything is allocated, so a
    // huge declared size (or one long first row) cannot make us allocate more than the file holds.
    if (!rows.is_array() || rows.size() != inputs.get<std::uint64_t>())
        throw DataError(where + ": weights must have 'inputs' rows");
    const auto nIn = static_cast<Eigen::Index>(rows.size());
    if (nIn == 0) throw DataError(where + ": a layer needs at least one input");
    const json& firstRow = rows[0];
    if (!firstRow.is_array() || firstRow.size() != units.get<std::uint64_t>() || firstRow.empty())
        throw DataError(where + ": each weights row must have 'units' numbers");
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::string rowWhere = where + ".weights[" + std::to_string(r) + "]";
        if (!rows[r].is_array()) throw DataError(rowWhere + ": expected an array of numbers");
        if (rows[r].size() != firstRow.size())
            throw DataError(rowWhere + ": expected " + std::to_string(firstRow.size()) +
                            " numbers");
    }
    layer.weights.resize(nIn, static_cast<Eigen::Index>(firstRow.size()));
    for (Eigen::Index r = 0; r < nIn; ++r) {
        const std::string rowWhere = where + ".weights[" + std::to_string(r) + "]";
        layer.weights.row(r) = numbers(rows[static_cast<std::size_t>(r)], rowWhere).transpose();
    }
    layer.bias = numbers(require(j, "bias", where), where + ".bias");
    if (layer.bias.size() != layer.weights.cols())
        throw DataError(where + ": bias must have 'units' numbers");
    return layer;
}

}  // namespace

std::string modelToJson(const Model& model) {
    json j;
    j["format"] = "backprop-studio-model";
    j["version"] = model.preprocessing ? 2 : 1;
    j["app_version"] = BPS_VERSION;
    j["task"] = std::string(taskName(model.task));
    j["target"] = model.target;
    j["classes"] = model.classes;
    j["features"] = model.features;
    j["scaler"] = {{"mean", vectorJson(model.scaler.mean)}, {"std", vectorJson(model.scaler.std)}};
    if (model.preprocessing)
        j["preprocessing"] = preprocessingToJson(*model.preprocessing, model.scaler);
    j["layers"] = json::array();
    for (const auto& layer : model.layers) j["layers"].push_back(layerJson(layer));
    // Binary only; absent (0.5) in files written before it existed.
    if (model.task == Task::Binary) j["threshold"] = model.threshold;
    j["hyperparameters"] = configToJson(model.config);
    j["metrics"] = json::object();
    if (model.validation) j["metrics"]["validation"] = metricsToJson(*model.validation);
    if (model.trainLoss) j["metrics"]["train"] = {{"loss", *model.trainLoss}};
    // max_digits10 output, so every double reads back to the same bits.
    return j.dump(1) + "\n";
}

namespace {
void requireDistinct(const std::vector<std::string>& names, const std::string& what) {
    for (std::size_t i = 0; i < names.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (names[i] == names[j])
                throw DataError("the " + what + " name '" + printableExcerpt(names[i]) +
                                "' appears twice");
}
}  // namespace

Model modelFromJson(const std::string& text, const std::string& source) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {  // parse_error, and out_of_range for "1e999"
        // The parser quotes the token it stopped in, which may be a whole (long) line.
        std::string reason = e.what();
        if (reason.size() > 200) reason = reason.substr(0, 200) + "...";
        throw DataError(source + ": not valid JSON (" + reason + ")");
    }
    try {
        if (!j.is_object() || j.value("format", "") != "backprop-studio-model")
            throw DataError(
                "not a Backprop Studio model (\"format\" is not \"backprop-studio-model\")");
        const json& version = require(j, "version", "model");
        // Compared as JSON, not via get<int>(), which would read 4294967297 as 1.
        if (!version.is_number_integer() || (version != 1 && version != 2))
            throw DataError("unsupported model version " + describe(version) +
                            " (this build reads versions 1 and 2)");
        Model m;
        const json& task = require(j, "task", "model");
        const auto parsedTask = parseTask(task.is_string() ? task.get<std::string>() : "");
        if (!parsedTask) throw DataError("unknown task " + describe(task));
        m.task = *parsedTask;
        const json& target = require(j, "target", "model");
        m.target = target.is_string() ? target.get<std::string>() : "";
        m.classes = strings(j.value("classes", json::array()), "classes");
        m.features = strings(require(j, "features", "model"), "features");
        // predict finds features by name and reports classes by name: two of one name would
        // make both ambiguous.
        requireDistinct(m.features, "feature");
        requireDistinct(m.classes, "class");
        const json& scaler = require(j, "scaler", "model");
        m.scaler.mean = numbers(require(scaler, "mean", "scaler"), "scaler.mean");
        m.scaler.std = numbers(require(scaler, "std", "scaler"), "scaler.std");
        if (version == 2)
            m.preprocessing = preprocessingFromJson(require(j, "preprocessing", "model"), m.scaler);
        else if (j.contains("preprocessing"))
            throw DataError("a version 1 model has no 'preprocessing' (that is version 2)");
        const json& layers = require(j, "layers", "model");
        if (!layers.is_array()) throw DataError("layers: expected an array");
        for (std::size_t i = 0; i < layers.size(); ++i)
            m.layers.push_back(parseLayer(layers[i], "layers[" + std::to_string(i) + "]"));
        if (const auto t = j.find("threshold"); t != j.end()) {
            if (m.task != Task::Binary)
                throw DataError("threshold: only a binary model has a decision threshold");
            m.threshold = finite(*t, "threshold");
        }
        if (j.contains("hyperparameters")) m.config = configFromJson(j["hyperparameters"]);
        // Metrics are information about the model, not part of it: read them when present.
        if (const auto it = j.find("metrics"); it != j.end() && it->is_object()) {
            if (it->contains("validation"))
                m.validation = metricsFromJson(m.task, (*it)["validation"]);
            if (const auto t = it->find("train");
                t != it->end() && t->is_object() && t->contains("loss") && (*t)["loss"].is_number())
                m.trainLoss = (*t)["loss"].get<double>();
        }
        if (const std::string problem = m.validate(); !problem.empty()) throw DataError(problem);
        return m;
    } catch (const DataError& e) {
        throw DataError(source + ": " + e.what());
    } catch (const json::exception& e) {
        throw DataError(source + ": " + e.what());
    }
}

void saveModel(const Model& model, const std::string& path) {
    writeFileAtomically(path, modelToJson(model));
}

Model loadModel(const std::string& path) {
    return modelFromJson(readSmallFile(path), std::filesystem::path(path).filename().string());
}

}  // namespace bps
