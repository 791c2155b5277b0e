#include "core/io/sweep_results.h"

#include <cmath>

#include "core/evaluation/metric_columns.h"
#include "core/io/csv_writer.h"
#include "core/io/json_convert.h"

namespace bps {

namespace {
std::vector<std::string> parameterNames(const std::vector<SweepSetting>& settings) {
    std::vector<std::string> names;
    if (!settings.empty())
        for (const auto& [p, v] : settings.front().values)
            names.emplace_back(sweepParameterName(p));
    return names;
}

}  // namespace

std::string sweepResultsCsv(const SweepResult& result, const std::vector<SweepSetting>& settings,
                            Task task) {
    const auto columns = metricColumns(task);
    std::string out = "trial,setting,seed";
    for (const auto& name : parameterNames(settings)) out += "," + name;
    out += ",score";
    for (const auto& c : columns) out += std::string(",") + c.key;
    out += ",epochs,pruned,best,seconds\n";
    for (const SweepTrial& t : result.trials) {
        out += std::to_string(t.index + 1) + "," + std::to_string(t.setting + 1) + "," +
               std::to_string(t.config.seed);
        for (const auto& [p, v] : t.values.values) out += "," + csvField(v);
        out += "," + formatNumber(t.score);
        for (const auto& c : columns) out += "," + formatNumber(t.metrics.*c.field);
        out += "," + std::to_string(t.epochs) + "," + (t.pruned ? "1" : "0") + "," +
               (t.index == result.bestTrial ? "1" : "0") + "," + formatNumber(t.seconds) + "\n";
    }
    return out;
}

nlohmann::json sweepResultsJson(const SweepResult& result, const SweepOptions& options, Task task) {
    nlohmann::json j;
    j["task"] = std::string(taskName(task));
    j["scored_by"] = options.folds > 0 ? std::to_string(options.folds) + "-fold cross-validation"
                                       : std::string("validation loss");
    j["seeds"] = options.seeds;
    j["pruned"] = options.prune;
    j["best_setting"] = result.bestSetting >= 0 ? nlohmann::json(result.bestSetting + 1) : nullptr;
    j["best_trial"] = result.bestTrial >= 0 ? nlohmann::json(result.bestTrial + 1) : nullptr;
    nlohmann::json trials = nlohmann::json::array();
    for (const SweepTrial& t : result.trials) {
        nlohmann::json row;
        row["trial"] = t.index + 1;
        row["setting"] = t.setting + 1;
        row["seed"] = t.config.seed;
        nlohmann::json values;
        for (const auto& [p, v] : t.values.values) values[std::string(sweepParameterName(p))] = v;
        row["hyperparameters"] = values;
        row["config"] = configToJson(t.config);
        row["score"] = std::isfinite(t.score) ? nlohmann::json(t.score) : nullptr;
        row["metrics"] = metricsToJson(t.metrics);
        row["epochs"] = t.epochs;
        row["pruned"] = t.pruned;
        row["seconds"] = t.seconds;
        trials.push_back(row);
    }
    j["trials"] = trials;
    return j;
}

}  // namespace bps
