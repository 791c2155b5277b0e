#include "core/validation/sweep_space.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/base/errors.h"
#include "core/base/random.h"

namespace bps {

namespace {

constexpr std::array<std::pair<SweepParameter, std::string_view>, 9> kNames{{
    {SweepParameter::LearningRate, "lr"},
    {SweepParameter::L2, "l2"},
    {SweepParameter::Momentum, "momentum"},
    {SweepParameter::BatchSize, "batch"},
    {SweepParameter::Hidden, "hidden"},
    {SweepParameter::Activation, "activation"},
    {SweepParameter::Optimizer, "optimizer"},
    {SweepParameter::Epochs, "epochs"},
    {SweepParameter::InitScale, "init_scale"},
}};

std::string trim(std::string_view s) {
    const auto begin = s.find_first_not_of(" \t");
    if (begin == std::string_view::npos) return {};
    const auto end = s.find_last_not_of(" \t");
    return std::string(s.substr(begin, end - begin + 1));
}

std::vector<std::string> splitOn(std::string_view s, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto at = s.find(separator, start);
        parts.push_back(trim(s.substr(start, at == std::string_view::npos ? at : at - start)));
        if (at == std::string_view::npos) break;
        start = at + 1;
    }
    return parts;
}

std::optional<double> parseNumber(const std::string& s) {
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<int> parseWhole(const std::string& s) {
    int v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    return v;
}

bool isWholeNumber(SweepParameter p) {
    return p == SweepParameter::BatchSize || p == SweepParameter::Epochs;
}
bool isNumeric(SweepParameter p) {
    return p != SweepParameter::Hidden && p != SweepParameter::Activation &&
           p != SweepParameter::Optimizer;
}

// Sets one value on `config`; an empty string if it parses, else what was expected.
std::string setValue(TrainingConfig& config, SweepParameter p, const std::string& value) {
    if (p == SweepParameter::Hidden) {
        config.hidden.clear();
        if (value == "none") return {};
        for (const std::string& part : splitOn(value, 'x')) {
            const auto units = parseWhole(part);
            if (!units) return "expected layer sizes like 16 or 32x16 (or none)";
            config.hidden.push_back(*units);
        }
        return {};
    }
    if (p == SweepParameter::Activation) {
        const auto a = parseActivation(value);
        if (!a || !isHiddenActivation(*a))
            return "expected one of " + joinNames(kActivationNames, ", ", isHiddenActivation);
        config.activation = *a;
        return {};
    }
    if (p == SweepParameter::Optimizer) {
        const auto o = parseOptimizer(value);
        if (!o) return "expected one of " + joinNames(kOptimizerNames, ", ");
        config.optimizer = *o;
        return {};
    }
    if (isWholeNumber(p)) {
        const auto v = parseWhole(value);
        if (!v) return "expected a whole number";
        (p == SweepParameter::BatchSize ? config.live.batchSize : config.epochs) = *v;
        return {};
    }
    const auto v = parseNumber(value);
    if (!v) return "expected a number";
    switch (p) {
        case SweepParameter::LearningRate:
            config.live.learningRate = *v;
            break;
        case SweepParameter::L2:
            config.live.l2 = *v;
            break;
        case SweepParameter::Momentum:
            config.live.momentum = *v;
            break;
        default:
            config.initScale = *v;
    }
    return {};
}

// "name=value: problem", the message every bad part gets.
[[noreturn]] void bad(const std::string& part, const std::string& problem) {
    throw DataError("sweep '" + part + "': " + problem);
}

// Checks `value` alone on the default config, so a bad value is named before any training.
void checkValue(const std::string& part, SweepParameter p, const std::string& value) {
    TrainingConfig config;
    if (const std::string problem = setValue(config, p, value); !problem.empty())
        bad(part, "'" + value + "': " + problem);
    if (const std::string problem = config.validate(); !problem.empty())
        bad(part, "'" + value + "': " + problem);
}

SweepRange parseRange(const std::string& part, SweepParameter p, std::string text) {
    SweepRange range;
    if (text.rfind("log:", 0) == 0) {
        range.log = true;
        text = trim(text.substr(4));
    }
    if (!isNumeric(p)) bad(part, "a range needs a numeric parameter; list the values instead");
    const auto dots = text.find("..");
    const auto low = parseNumber(trim(text.substr(0, dots)));
    const auto high = parseNumber(trim(text.substr(dots + 2)));
    if (!low || !high) bad(part, "expected a range like 1e-4..1 or log:1e-4..1");
    if (!(*low < *high)) bad(part, "the range's low end must be below its high end");
    if (range.log && !(*low > 0)) bad(part, "a log range needs a positive low end");
    range.low = *low;
    range.high = *high;
    for (double end : {*low, *high}) {
        char buf[32];
        std::snprintf(buf, sizeof buf, isWholeNumber(p) ? "%.0f" : "%.4g", end);
        checkValue(part, p, buf);
    }
    return range;
}

std::string formatSample(SweepParameter p, double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, isWholeNumber(p) ? "%.0f" : "%.4g", v);
    return buf;
}

}  // namespace

std::string_view sweepParameterName(SweepParameter parameter) {
    for (const auto& [p, name] : kNames)
        if (p == parameter) return name;
    return "?";
}

std::string sweepParameterNames() {
    std::string out;
    for (const auto& [p, name] : kNames) out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

SweepSpace parseSweepSpace(std::string_view text, bool allowRanges) {
    SweepSpace space;
    for (const std::string& part : splitOn(text, ';')) {
        if (part.empty()) continue;  // "a=1; b=2;" is fine
        const auto eq = part.find('=');
        if (eq == std::string::npos) bad(part, "expected name=values, like lr=1e-3,1e-2");
        const std::string name = trim(part.substr(0, eq));
        const std::string values = trim(part.substr(eq + 1));
        SweepDimension dim;
        bool known = false;
        for (const auto& [p, n] : kNames)
            if (n == name) {
                dim.parameter = p;
                known = true;
            }
        if (!known) bad(part, "unknown parameter '" + name + "'; known: " + sweepParameterNames());
        for (const SweepDimension& d : space.dimensions)
            if (d.parameter == dim.parameter) bad(part, "'" + name + "' is given twice");
        if (values.find("..") != std::string::npos) {
            if (!allowRanges) bad(part, "a grid lists values; ranges are for --random");
            dim.range = parseRange(part, dim.parameter, values);
        } else {
            dim.values = splitOn(values, ',');
            for (const std::string& v : dim.values) {
                if (v.empty()) bad(part, "an empty value");
                checkValue(part, dim.parameter, v);
            }
        }
        space.dimensions.push_back(std::move(dim));
    }
    if (space.dimensions.empty()) throw DataError("the sweep names no parameter");
    return space;
}

std::string SweepSetting::describe() const {
    std::string out;
    for (const auto& [p, v] : values)
        out += (out.empty() ? "" : " ") + std::string(sweepParameterName(p)) + "=" + v;
    return out;
}

std::vector<SweepSetting> gridSettings(const SweepSpace& space) {
    std::vector<SweepSetting> settings{SweepSetting{}};
    for (const SweepDimension& dim : space.dimensions) {
        if (dim.range)
            throw DataError("sweep '" + std::string(sweepParameterName(dim.parameter)) +
                            "': a grid lists values; ranges are for --random");
        std::vector<SweepSetting> next;
        for (const SweepSetting& s : settings)
            for (const std::string& v : dim.values) {
                SweepSetting longer = s;
                longer.values.emplace_back(dim.parameter, v);
                next.push_back(std::move(longer));
            }
        settings = std::move(next);
    }
    return settings;
}

std::vector<SweepSetting> randomSettings(const SweepSpace& space, int count, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<SweepSetting> settings(static_cast<std::size_t>(std::max(0, count)));
    for (SweepSetting& s : settings)
        for (const SweepDimension& dim : space.dimensions) {
            if (!dim.range) {
                s.values.emplace_back(dim.parameter,
                                      dim.values[std::size_t(rng.below(dim.values.size()))]);
                continue;
            }
            const SweepRange& r = *dim.range;
            const double u = rng.uniform();
            const double v = r.log ? std::exp(std::log(r.low) + u * (std::log(r.high / r.low)))
                                   : r.low + u * (r.high - r.low);
            s.values.emplace_back(dim.parameter, formatSample(dim.parameter, v));
        }
    return settings;
}

TrainingConfig applySetting(const TrainingConfig& base, const SweepSetting& setting) {
    TrainingConfig config = base;
    for (const auto& [p, v] : setting.values)
        if (const std::string problem = setValue(config, p, v); !problem.empty())
            throw DataError("sweep '" + std::string(sweepParameterName(p)) + "=" + v +
                            "': " + problem);
    if (const std::string problem = config.validate(); !problem.empty())
        throw DataError("sweep setting '" + setting.describe() + "': " + problem);
    return config;
}

}  // namespace bps
