#include "json_convert.h"

#include <cmath>

#include "errors.h"

namespace bps {

namespace {
nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); }
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
        if (j.contains("hidden")) c.hidden = j.at("hidden").get<std::vector<int>>();
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
        c.live.batchSize = j.value("batch_size", c.live.batchSize);
        c.epochs = j.value("epochs", c.epochs);
        c.validationFraction = j.value("validation_fraction", c.validationFraction);
        c.seed = j.value("seed", c.seed);
        c.earlyStoppingPatience = j.value("early_stopping", c.earlyStoppingPatience);
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
        out.push_back({{"code", f.code},
                       {"message", f.message},
                       {"evidence", evidence},
                       {"suggestion", f.suggestion}});
    }
    return out;
}

}  // namespace bps
