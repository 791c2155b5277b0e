#include "core/io/saved_sweep.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/base/errors.h"
#include "core/io/json_convert.h"
#include "core/io/json_read.h"
#include "core/io/sweep_results.h"

namespace bps {

using nlohmann::json;

namespace {

constexpr SweepParameter kParameters[] = {
    SweepParameter::LearningRate, SweepParameter::L2,     SweepParameter::Momentum,
    SweepParameter::BatchSize,    SweepParameter::Hidden, SweepParameter::Activation,
    SweepParameter::Optimizer,    SweepParameter::Epochs, SweepParameter::InitScale};

// Every `stride`-th point and the last, as the project's runs are thinned.
std::vector<std::pair<int, double>> thinned(const std::vector<std::pair<int, double>>& curve) {
    const std::size_t budget = SavedSweep::kMaxCurvePoints;
    if (curve.size() <= budget) return curve;
    const std::size_t stride = (curve.size() + budget - 2) / (budget - 1);
    std::vector<std::pair<int, double>> out;
    for (std::size_t i = 0; i < curve.size(); i += stride) out.push_back(curve[i]);
    if (out.back() != curve.back()) out.push_back(curve.back());
    return out;
}

// The best trial and the lowest scores after it (NaN last), back in index order.
std::vector<SweepTrial> keptTrials(const SweepResult& result) {
    std::vector<SweepTrial> trials = result.trials;
    if (trials.size() > SavedSweep::kMaxTrials) {
        const auto rank = [&](const SweepTrial& t) {
            if (t.index == result.bestTrial) return -std::numeric_limits<double>::infinity();
            return std::isfinite(t.score) ? t.score : std::numeric_limits<double>::infinity();
        };
        std::stable_sort(trials.begin(), trials.end(),
                         [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
        trials.resize(SavedSweep::kMaxTrials);
        std::sort(trials.begin(), trials.end(),
                  [](const auto& a, const auto& b) { return a.index < b.index; });
    }
    for (SweepTrial& t : trials) t.curve = thinned(t.curve);
    return trials;
}

// --- reading: each helper names the place it reads ------------------------------------------

using namespace json_read;

// A number, or null for NaN.
double numberOrNull(const json& j, const std::string& where) {
    return j.is_null() ? kNaN : finite(j, where);
}

int whole(const json& j, const std::string& where, int low, int high) {
    if (!j.is_number_integer() || j.get<std::int64_t>() < low || j.get<std::int64_t>() > high)
        throw DataError(where + ": expected a whole number from " + std::to_string(low) + " to " +
                        std::to_string(high) + ", not " + describe(j));
    return static_cast<int>(j.get<std::int64_t>());
}

bool boolean(const json& j, const std::string& where) {
    if (!j.is_boolean()) throw DataError(where + ": expected true or false, not " + describe(j));
    return j.get<bool>();
}

SweepParameter parameter(const json& j, const std::string& where) {
    const std::string name = text(j, where);
    for (SweepParameter p : kParameters)
        if (sweepParameterName(p) == name) return p;
    throw DataError(where + ": unknown parameter " + describe(j) +
                    " (known: " + sweepParameterNames() + ")");
}

int parseFolds(const json& j, const std::string& where) {
    const std::string scoredBy = text(j, where);
    if (scoredBy == "validation loss") return 0;
    const std::string suffix = "-fold cross-validation";
    const std::string digits = scoredBy.size() > suffix.size() && scoredBy.ends_with(suffix)
                                   ? scoredBy.substr(0, scoredBy.size() - suffix.size())
                                   : std::string();
    if (digits.empty() || digits.size() > 4 ||
        digits.find_first_not_of("0123456789") != std::string::npos || std::stoi(digits) < 2)
        throw DataError(where +
                        ": expected \"validation loss\" or \"K-fold cross-validation\", "
                        "not " +
                        describe(j));
    return std::stoi(digits);
}

SweepSpace parseSpace(const json& j, const std::string& where) {
    if (!j.is_array()) throw DataError(where + ": expected an array of dimensions");
    SweepSpace space;
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string at = where + "[" + std::to_string(i) + "]";
        SweepDimension d;
        d.parameter = parameter(require(j[i], "parameter", at), at + ".parameter");
        for (const SweepDimension& seen : space.dimensions)
            if (seen.parameter == d.parameter)
                throw DataError(at + ".parameter: '" +
                                std::string(sweepParameterName(d.parameter)) + "' is given twice");
        const json& values = require(j[i], "values", at);
        if (!values.is_array()) throw DataError(at + ".values: expected an array of strings");
        for (std::size_t v = 0; v < values.size(); ++v)
            d.values.push_back(text(values[v], at + ".values[" + std::to_string(v) + "]"));
        if (const json& range = require(j[i], "range", at); !range.is_null()) {
            SweepRange r;
            r.low = finite(require(range, "low", at + ".range"), at + ".range.low");
            r.high = finite(require(range, "high", at + ".range"), at + ".range.high");
            r.log = boolean(require(range, "log", at + ".range"), at + ".range.log");
            if (!(r.low <= r.high) || (r.log && !(r.low > 0)))
                throw DataError(at + ".range: expected 0 < low <= high (low <= high without log)");
            d.range = r;
        } else if (d.values.empty()) {
            throw DataError(at + ": expected values or a range");
        }
        space.dimensions.push_back(std::move(d));
    }
    return space;
}

std::vector<std::pair<int, double>> parseCurve(const json& j, const std::string& where) {
    if (!j.is_array()) throw DataError(where + ": expected an array of [epoch, loss] pairs");
    if (j.size() > SavedSweep::kMaxCurvePoints)
        throw DataError(where + ": " + std::to_string(j.size()) + " points (at most " +
                        std::to_string(SavedSweep::kMaxCurvePoints) + ")");
    std::vector<std::pair<int, double>> curve;
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string at = where + "[" + std::to_string(i) + "]";
        if (!j[i].is_array() || j[i].size() != 2)
            throw DataError(at + ": expected an [epoch, loss] pair");
        const int epoch = whole(j[i][0], at + "[0]", 0, std::numeric_limits<int>::max());
        if (!curve.empty() && epoch < curve.back().first)
            throw DataError(at + ": epochs go backwards");
        curve.emplace_back(epoch, numberOrNull(j[i][1], at + "[1]"));
    }
    return curve;
}

SweepTrial parseTrial(const json& j, const SavedSweep& saved, const std::string& at) {
    constexpr int kMaxInt = std::numeric_limits<int>::max();
    SweepTrial t;
    t.index = whole(require(j, "trial", at), at + ".trial", 1, kMaxInt) - 1;
    t.setting = whole(require(j, "setting", at), at + ".setting", 1, kMaxInt) - 1;
    try {
        t.config = configFromJson(require(j, "config", at));
    } catch (const DataError& e) {
        throw DataError(at + ".config: " + e.what());
    }
    if (const std::string problem = t.config.validate(); !problem.empty())
        throw DataError(at + ".config: " + problem);
    const json& seed = require(j, "seed", at);
    if (!seed.is_number_unsigned() || seed.get<std::uint64_t>() != t.config.seed)
        throw DataError(at + ".seed: expected its config's seed, not " + describe(seed));
    const json& values = require(j, "hyperparameters", at);
    // No swept values at all are written as null.
    if (!values.is_object() && !(values.is_null() && saved.space.dimensions.empty()))
        throw DataError(at + ".hyperparameters: expected an object");
    if (values.is_object() && values.size() != saved.space.dimensions.size())
        throw DataError(at + ".hyperparameters: expected a value for each of the space's " +
                        std::to_string(saved.space.dimensions.size()) + " parameters");
    // In the space's order, which the table's columns follow.
    for (const SweepDimension& d : saved.space.dimensions) {
        const std::string name(sweepParameterName(d.parameter));
        t.values.values.emplace_back(d.parameter,
                                     text(require(values, name.c_str(), at + ".hyperparameters"),
                                          at + ".hyperparameters." + name));
    }
    t.score = numberOrNull(require(j, "score", at), at + ".score");
    try {
        t.metrics = metricsFromJson(saved.task, require(j, "metrics", at));
    } catch (const DataError& e) {
        throw DataError(at + ".metrics: " + e.what());
    }
    t.epochs = whole(require(j, "epochs", at), at + ".epochs", 0, kMaxInt);
    t.pruned = boolean(require(j, "pruned", at), at + ".pruned");
    t.seconds = finite(require(j, "seconds", at), at + ".seconds");
    if (t.seconds < 0) throw DataError(at + ".seconds: expected 0 or more");
    t.seedIndex = whole(require(j, "seed_index", at), at + ".seed_index", 0, saved.seeds - 1);
    t.curve = parseCurve(require(j, "curve", at), at + ".curve");
    return t;
}

}  // namespace

json savedSweepToJson(const SavedSweep& saved) {
    SweepResult bounded;
    bounded.trials = keptTrials(saved.result);
    bounded.bestSetting = saved.result.bestSetting;
    bounded.bestTrial = saved.result.bestTrial;
    SweepOptions options;
    options.folds = saved.folds;
    options.seeds = saved.seeds;
    options.prune = saved.prune;
    json j = sweepResultsJson(bounded, options, saved.task);
    j["cancelled"] = saved.result.cancelled;
    json space = json::array();
    for (const SweepDimension& d : saved.space.dimensions) {
        json dimension = {{"parameter", std::string(sweepParameterName(d.parameter))},
                          {"values", d.values}};
        dimension["range"] =
            d.range ? json{{"low", d.range->low}, {"high", d.range->high}, {"log", d.range->log}}
                    : json(nullptr);
        space.push_back(dimension);
    }
    j["space"] = space;
    for (std::size_t i = 0; i < bounded.trials.size(); ++i) {
        const SweepTrial& t = bounded.trials[i];
        json curve = json::array();
        for (const auto& [epoch, loss] : t.curve)
            curve.push_back({epoch, std::isfinite(loss) ? json(loss) : json(nullptr)});
        j["trials"][i]["seed_index"] = t.seedIndex;
        j["trials"][i]["curve"] = curve;
    }
    return j;
}

SavedSweep savedSweepFromJson(const json& j, const std::string& where) {
    SavedSweep saved;
    const json& task = require(j, "task", where);
    const auto parsedTask = parseTask(text(task, where + ".task"));
    if (!parsedTask) throw DataError(where + ".task: unknown task " + describe(task));
    saved.task = *parsedTask;
    saved.folds = parseFolds(require(j, "scored_by", where), where + ".scored_by");
    saved.seeds = whole(require(j, "seeds", where), where + ".seeds", 1, 1000);
    saved.prune = boolean(require(j, "pruned", where), where + ".pruned");
    saved.result.cancelled = boolean(require(j, "cancelled", where), where + ".cancelled");
    saved.space = parseSpace(require(j, "space", where), where + ".space");
    const json& trials = require(j, "trials", where);
    if (!trials.is_array()) throw DataError(where + ".trials: expected an array");
    if (trials.size() > SavedSweep::kMaxTrials)
        throw DataError(where + ".trials: " + std::to_string(trials.size()) + " trials (at most " +
                        std::to_string(SavedSweep::kMaxTrials) + ")");
    for (std::size_t i = 0; i < trials.size(); ++i) {
        const std::string at = where + ".trials[" + std::to_string(i) + "]";
        SweepTrial t = parseTrial(trials[i], saved, at);
        if (!saved.result.trials.empty() && t.index <= saved.result.trials.back().index)
            throw DataError(at + ".trial: trial numbers must increase");
        saved.result.trials.push_back(std::move(t));
    }
    const auto find = [&](const char* key, bool trial) {
        const json& value = require(j, key, where);
        if (value.is_null()) return -1;
        const int n = whole(value, where + "." + key, 1, std::numeric_limits<int>::max()) - 1;
        const bool known =
            std::any_of(saved.result.trials.begin(), saved.result.trials.end(),
                        [&](const SweepTrial& t) { return (trial ? t.index : t.setting) == n; });
        if (!known) throw DataError(where + "." + key + ": names no saved trial");
        return n;
    };
    saved.result.bestSetting = find("best_setting", false);
    saved.result.bestTrial = find("best_trial", true);
    return saved;
}

}  // namespace bps
