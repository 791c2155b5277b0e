#include "core/io/json_convert.h"

#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>

#include "core/base/errors.h"

namespace bps {

namespace {
nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); }

// `value` as an `Int`, if it is an integer that fits. nlohmann's get<int>() would convert 1e300
// or 4294967297 with a cast that is undefined or wraps, so the range is checked here.
template <typename Int>
std::optional<Int> fitting(const nlohmann::json& value) {
    if (value.is_number_unsigned()) {
        const auto u = value.get<std::uint64_t>();
        if (std::in_range<Int>(u)) return static_cast<Int>(u);
    } else if (value.is_number_integer()) {
        const auto i = value.get<std::int64_t>();
        if (std::in_range<Int>(i)) return static_cast<Int>(i);
    }
    return std::nullopt;
}

template <typename Int>
Int integer(const nlohmann::json& value, const std::string& name) {
    if (const std::optional<Int> i = fitting<Int>(value)) return *i;
    throw DataError("hyperparameters: " + name + " must be an integer in range");
}

template <typename Int>
Int integer(const nlohmann::json& object, const char* key, Int fallback) {
    return object.contains(key) ? integer<Int>(object.at(key), key) : fallback;
}
}  // namespace

nlohmann::json metricsToJson(const Metrics& m) {
    nlohmann::json j;
    j["loss"] = number(m.loss);
    switch (m.task) {
        case Task::Binary:
            j["accuracy"] = number(m.accuracy);
            j["precision"] = number(m.precision);
            j["recall"] = number(m.recall);
            j["f1"] = number(m.f1);
            j["roc_auc"] = number(m.rocAuc);
            j["threshold"] = m.threshold;
            j["confusion_matrix"] = m.confusion;
            break;
        case Task::Multiclass:
            j["accuracy"] = number(m.accuracy);
            j["macro_f1"] = number(m.macroF1);
            j["confusion_matrix"] = m.confusion;
            break;
        case Task::Regression:
            j["rmse"] = number(m.rmse);
            j["mae"] = number(m.mae);
            j["r2"] = number(m.r2);
            break;
    }
    return j;
}

Metrics metricsFromJson(Task task, const nlohmann::json& j) {
    if (!j.is_object()) throw DataError("metrics must be an object");
    Metrics m;
    m.task = task;
    const auto read = [&](const char* key, double& into) {
        const auto it = j.find(key);
        if (it == j.end() || it->is_null()) return;
        if (!it->is_number())
            throw DataError(std::string("metrics: '") + key + "' is not a number");
        into = it->get<double>();
    };
    read("loss", m.loss);
    read("accuracy", m.accuracy);
    read("precision", m.precision);
    read("recall", m.recall);
    read("f1", m.f1);
    read("roc_auc", m.rocAuc);
    read("macro_f1", m.macroF1);
    read("threshold", m.threshold);
    read("rmse", m.rmse);
    read("mae", m.mae);
    read("r2", m.r2);
    if (const auto it = j.find("confusion_matrix"); it != j.end() && !it->is_null()) {
        // Cell by cell, through fitting(): a count too large for an int64 (a float to nlohmann)
        // would otherwise be an undefined cast.
        const auto refuse = [] {
            throw DataError("metrics: confusion_matrix must be rows of whole numbers");
        };
        if (!it->is_array()) refuse();
        for (const nlohmann::json& row : *it) {
            if (!row.is_array()) refuse();
            std::vector<std::int64_t>& cells = m.confusion.emplace_back();
            for (const nlohmann::json& cell : row) {
                const std::optional<std::int64_t> count = fitting<std::int64_t>(cell);
                if (!count) refuse();
                cells.push_back(*count);
            }
        }
    }
    return m;
}

nlohmann::json configToJson(const TrainingConfig& c) {
    return {
        {"hidden", c.hidden},
        {"activation", std::string(activationName(c.activation))},
        {"optimizer", std::string(optimizerName(c.optimizer))},
        {"nesterov", c.nesterov},
        {"learning_rate", c.live.learningRate},
        {"momentum", c.live.momentum},
        {"l2", c.live.l2},
        {"batch_size", c.live.batchSize},
        {"epochs", c.epochs},
        {"validation_fraction", c.validationFraction},
        {"seed", c.seed},
        {"class_weight", std::string(classWeightingName(c.classWeight))},
        {"early_stopping", c.earlyStoppingPatience},
        {"standardize", c.standardize},
        {"init_scale", c.initScale},
    };
}

TrainingConfig configFromJson(const nlohmann::json& j) {
    TrainingConfig c;
    if (!j.is_object()) throw DataError("hyperparameters must be an object");
    try {
        if (j.contains("hidden")) {
            const nlohmann::json& hidden = j.at("hidden");
            if (!hidden.is_array()) throw DataError("hyperparameters: hidden must be an array");
            c.hidden.clear();
            for (const auto& units : hidden) c.hidden.push_back(integer<int>(units, "hidden"));
        }
        if (j.contains("activation")) {
            const auto a = parseActivation(j.at("activation").get<std::string>());
            if (!a) throw DataError("unknown activation in hyperparameters");
            c.activation = *a;
        }
        if (j.contains("optimizer")) {
            const auto o = parseOptimizer(j.at("optimizer").get<std::string>());
            if (!o) throw DataError("unknown optimizer in hyperparameters");
            c.optimizer = *o;
        }
        if (j.contains("class_weight")) {
            const auto w = parseClassWeighting(j.at("class_weight").get<std::string>());
            if (!w) throw DataError("unknown class_weight in hyperparameters");
            c.classWeight = *w;
        }
        c.nesterov = j.value("nesterov", c.nesterov);
        c.live.learningRate = j.value("learning_rate", c.live.learningRate);
        c.live.momentum = j.value("momentum", c.live.momentum);
        c.live.l2 = j.value("l2", c.live.l2);
        c.live.batchSize = integer(j, "batch_size", c.live.batchSize);
        c.epochs = integer(j, "epochs", c.epochs);
        c.validationFraction = j.value("validation_fraction", c.validationFraction);
        c.seed = integer(j, "seed", c.seed);
        c.earlyStoppingPatience = integer(j, "early_stopping", c.earlyStoppingPatience);
        c.standardize = j.value("standardize", c.standardize);
        c.initScale = j.value("init_scale", c.initScale);
    } catch (const nlohmann::json::exception& e) {
        throw DataError(std::string("hyperparameters: ") + e.what());
    }
    return c;
}

nlohmann::json findingsToJson(const std::vector<Finding>& findings) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : findings) {
        nlohmann::json evidence = nlohmann::json::object();
        for (const auto& [name, value] : f.evidence) evidence[name] = number(value);
        out.push_back({{"code", std::string(findingCodeName(f.code))},
                       {"message", f.message},
                       {"evidence", evidence},
                       {"suggestion", f.suggestion}});
    }
    return out;
}

}  // namespace bps
