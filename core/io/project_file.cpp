#include "core/io/project_file.h"

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/base/errors.h"
#include "core/data/column_kinds.h"
#include "core/io/files.h"
#include "core/io/json_convert.h"
#include "core/io/json_read.h"
#include "core/io/model_file.h"

namespace bps {

using nlohmann::json;

namespace {

constexpr const char* kFormat = "backprop-studio-project";

// Every `stride`-th point and the last: an even thinning that keeps the curve's ends.
std::vector<CurvePoint> bounded(const std::vector<CurvePoint>& curve) {
    if (curve.size() <= Project::kMaxCurvePoints) return curve;
    const std::size_t stride =
        (curve.size() + Project::kMaxCurvePoints - 2) / (Project::kMaxCurvePoints - 1);
    std::vector<CurvePoint> out;
    for (std::size_t i = 0; i < curve.size(); i += stride) out.push_back(curve[i]);
    if (out.back() != curve.back()) out.push_back(curve.back());
    return out;
}

json curveJson(const std::vector<CurvePoint>& curve) {
    json points = json::array();
    for (const CurvePoint& p : bounded(curve)) points.push_back({p.epoch, p.loss});
    return points;
}

json selectionJson(const DataSelection& s) {
    json kinds = json::object();
    for (const auto& [column, kind] : s.kinds) kinds[column] = kindName(kind);
    json j = {{"target", s.target},
              {"features", s.features},
              {"kinds", kinds},
              {"missing", missingPolicyName(s.encoding.missing)},
              {"expand_dates", s.expandDates}};
    j["task"] = s.task ? json(std::string(taskName(*s.task))) : json(nullptr);
    j["min_level_count"] =
        s.encoding.minLevelCount ? json(*s.encoding.minLevelCount) : json(nullptr);
    return j;
}

// --- reading: each helper names the place it reads, for the error message -----------------

using namespace json_read;

ColumnKind parseKind(const json& j, const std::string& where) {
    const std::string name = text(j, where);
    for (ColumnKind k : {ColumnKind::Numeric, ColumnKind::Categorical, ColumnKind::Identifier,
                         ColumnKind::DateTime, ColumnKind::Constant, ColumnKind::FreeText})
        if (name == kindName(k)) return k;
    throw DataError(where + ": unknown column kind " + describe(j) +
                    " (expected numeric or categorical)");
}

DataSelection parseSelection(const json& j, const std::string& where) {
    DataSelection s;
    s.target = text(require(j, "target", where), where + ".target");
    s.features = strings(require(j, "features", where), where + ".features");
    const json& task = require(j, "task", where);
    if (!task.is_null()) {
        const auto parsed = parseTask(text(task, where + ".task"));
        if (!parsed) throw DataError(where + ".task: unknown task " + describe(task));
        s.task = parsed;
    }
    const json& kinds = require(j, "kinds", where);
    if (!kinds.is_object()) throw DataError(where + ".kinds: expected an object");
    for (const auto& [column, kind] : kinds.items())
        s.kinds[column] = parseKind(kind, where + ".kinds." + column);
    const std::string missing = text(require(j, "missing", where), where + ".missing");
    const auto policy = parseMissingPolicy(missing);
    if (!policy)
        throw DataError(where + ".missing: unknown policy '" + missing +
                        "' (expected impute, category or drop)");
    s.encoding.missing = *policy;
    const json& minLevels = require(j, "min_level_count", where);
    if (!minLevels.is_null()) {
        s.encoding.minLevelCount = count(minLevels, where + ".min_level_count");
        if (*s.encoding.minLevelCount == 0)
            throw DataError(where + ".min_level_count: expected at least 1");
    }
    const json& expand = require(j, "expand_dates", where);
    if (!expand.is_boolean()) throw DataError(where + ".expand_dates: expected true or false");
    s.expandDates = expand.get<bool>();
    return s;
}

std::vector<CurvePoint> parseCurve(const json& j, const std::string& where) {
    if (!j.is_array()) throw DataError(where + ": expected an array of [epoch, cost] pairs");
    if (j.size() > Project::kMaxCurvePoints)
        throw DataError(where + ": " + std::to_string(j.size()) + " points (at most " +
                        std::to_string(Project::kMaxCurvePoints) + ")");
    std::vector<CurvePoint> curve;
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string at = where + "[" + std::to_string(i) + "]";
        if (!j[i].is_array() || j[i].size() != 2)
            throw DataError(at + ": expected an [epoch, cost] pair");
        CurvePoint p{finite(j[i][0], at + "[0]"), finite(j[i][1], at + "[1]")};
        if (!curve.empty() && p.epoch < curve.back().epoch)
            throw DataError(at + ": epochs go backwards");
        curve.push_back(p);
    }
    return curve;
}

std::vector<ProjectRun> parseRuns(const json& j) {
    if (!j.is_array()) throw DataError("chart.runs: expected an array");
    if (j.size() > Project::kMaxRuns)
        throw DataError("chart.runs: " + std::to_string(j.size()) + " runs (at most " +
                        std::to_string(Project::kMaxRuns) + ")");
    std::vector<ProjectRun> runs;
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string where = "chart.runs[" + std::to_string(i) + "]";
        ProjectRun run;
        run.train = parseCurve(require(j[i], "train", where), where + ".train");
        run.validation = parseCurve(require(j[i], "validation", where), where + ".validation");
        runs.push_back(std::move(run));
    }
    return runs;
}

}  // namespace

bool isSha256Hex(const std::string& t) {
    return t.size() == 64 && t.find_first_not_of("0123456789abcdef") == std::string::npos;
}

std::string projectToJson(const Project& p) {
    json j = {{"format", kFormat},
              {"version", Project::kVersion},
              {"data",
               {{"path", p.dataPath},
                {"relative_path", p.dataRelativePath},
                {"sha256", p.dataSha256},
                {"rows", p.dataRows}}},
              {"selection", selectionJson(p.selection)},
              {"hyperparameters", configToJson(p.config)},
              {"threshold", p.threshold}};
    if (p.model) j["model"] = json::parse(modelToJson(*p.model));
    json runs = json::array();
    const std::size_t first =
        p.runs.size() > Project::kMaxRuns ? p.runs.size() - Project::kMaxRuns : 0;
    for (std::size_t i = first; i < p.runs.size(); ++i)
        runs.push_back({{"train", curveJson(p.runs[i].train)},
                        {"validation", curveJson(p.runs[i].validation)}});
    json chart = {{"runs", runs}};
    chart["task"] = p.chartTask ? json(std::string(taskName(*p.chartTask))) : json(nullptr);
    chart["baseline_loss"] = std::isfinite(p.baselineLoss) ? json(p.baselineLoss) : json(nullptr);
    j["chart"] = chart;
    if (p.sweep)
        j["sweep"] = {{"selection", selectionJson(p.sweep->selection)},
                      {"results", savedSweepToJson(p.sweep->saved)}};
    return j.dump(2) + "\n";
}

Project projectFromJson(const std::string& source_text, const std::string& source) {
    json j;
    try {
        j = json::parse(source_text);
    } catch (const json::exception& e) {
        std::string reason = e.what();
        if (reason.size() > 200) reason = reason.substr(0, 200) + "...";
        throw DataError(source + ": not valid JSON (" + reason + ")");
    }
    try {
        if (!j.is_object() || j.value("format", "") != kFormat)
            throw DataError(std::string("not a Backprop Studio project (\"format\" is not \"") +
                            kFormat + "\")");
        const json& version = require(j, "version", "project");
        if (!version.is_number_integer() || version != Project::kVersion)
            throw DataError("unsupported project version " + describe(version) +
                            " (this build reads version 1)");
        Project p;
        const json& data = require(j, "data", "project");
        p.dataPath = text(require(data, "path", "data"), "data.path");
        if (p.dataPath.empty()) throw DataError("data.path: expected the data file's path");
        p.dataRelativePath = text(require(data, "relative_path", "data"), "data.relative_path");
        p.dataSha256 = text(require(data, "sha256", "data"), "data.sha256");
        if (!isSha256Hex(p.dataSha256))
            throw DataError("data.sha256: expected 64 lower-case hexadecimal digits, not " +
                            describe(data["sha256"]));
        p.dataRows = count(require(data, "rows", "data"), "data.rows");
        p.selection = parseSelection(require(j, "selection", "project"), "selection");
        p.config = configFromJson(require(j, "hyperparameters", "project"));
        if (const std::string problem = p.config.validate(); !problem.empty())
            throw DataError("hyperparameters: " + problem);
        p.threshold = finite(require(j, "threshold", "project"), "threshold");
        if (!(p.threshold > 0 && p.threshold < 1))
            throw DataError("threshold: expected a number between 0 and 1 (exclusive)");
        if (const auto it = j.find("model"); it != j.end())
            p.model = modelFromJson(it->dump(), "model");
        const json& chart = require(j, "chart", "project");
        p.runs = parseRuns(require(chart, "runs", "chart"));
        if (const json& task = require(chart, "task", "chart"); !task.is_null()) {
            p.chartTask = parseTask(text(task, "chart.task"));
            if (!p.chartTask) throw DataError("chart.task: unknown task " + describe(task));
        } else if (!p.runs.empty()) {
            throw DataError("chart.task: runs need the task whose loss they show");
        }
        if (const json& baseline = require(chart, "baseline_loss", "chart"); !baseline.is_null())
            p.baselineLoss = finite(baseline, "chart.baseline_loss");
        if (const auto it = j.find("sweep"); it != j.end()) {
            Project::Sweep sweep;
            sweep.selection = parseSelection(require(*it, "selection", "sweep"), "sweep.selection");
            sweep.saved = savedSweepFromJson(require(*it, "results", "sweep"), "sweep.results");
            p.sweep = std::move(sweep);
        }
        return p;
    } catch (const DataError& e) {
        throw DataError(source + ": " + e.what());
    } catch (const json::exception& e) {
        throw DataError(source + ": " + e.what());
    }
}

void saveProject(Project project, const std::string& path) {
    namespace fs = std::filesystem;
    if (project.dataRelativePath.empty() && !project.dataPath.starts_with(":/")) {
        // Both sides without links or "..", so that the relative path is the one a folder
        // moved with both files keeps.
        std::error_code error;
        const fs::path folder = fs::weakly_canonical(fs::absolute(path), error).parent_path();
        const fs::path data = fs::weakly_canonical(project.dataPath, error);
        const fs::path relative = data.lexically_relative(folder);
        if (!error && !relative.empty()) project.dataRelativePath = relative.generic_string();
    }
    if (sameFile(path, project.dataPath))
        throw DataError(path + ": is the project's data file; choose another name");
    writeFileAtomically(path, projectToJson(project));
}

Project loadProject(const std::string& path) {
    return projectFromJson(readSmallFile(path), std::filesystem::path(path).filename().string());
}

}  // namespace bps
