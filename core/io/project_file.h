#pragma once
// A saved piece of work (File > Save Project, `backprop-studio FILE.bps`): which data file it was
// done on (its path and a SHA-256 fingerprint of its bytes), the column roles and encoding
// choices, the hyperparameters, the current model with its decision threshold, and the runs on
// the cost chart (each curve bounded), and the last sweep's results (bounded,
// core/io/saved_sweep.h). A versioned JSON document, read with the model file's care: a malformed
// value is an error naming where it is. The schema is in README ("Projects").

#include <optional>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/io/saved_sweep.h"
#include "core/model/model.h"
#include "core/model/training_config.h"

namespace bps {

// One curve point: the epoch (as the chart shows it) and the cost.
struct CurvePoint {
    double epoch = 0;
    double loss = 0;
    bool operator==(const CurvePoint&) const = default;
};

// A run as the cost chart draws it. The loss (so the task) is the project's model's.
struct ProjectRun {
    std::vector<CurvePoint> train;
    std::vector<CurvePoint> validation;
    bool operator==(const ProjectRun&) const = default;
};

struct Project {
    static constexpr int kVersion = 1;
    // Bounds that keep a project file small whatever the run's length: the chart itself draws at
    // most CostChart::kPointBudget points per curve and keeps three earlier runs.
    static constexpr std::size_t kMaxCurvePoints = 4000;
    static constexpr std::size_t kMaxRuns = 8;

    // The data file as saved (absolute, or a ":/" resource for the bundled sample) and relative
    // to the project's folder, so that a folder moved with both still finds it.
    std::string dataPath;
    std::string dataRelativePath;
    std::string dataSha256;  // 64 lower-case hexadecimal digits
    std::size_t dataRows = 0;

    DataSelection selection;
    TrainingConfig config;
    std::optional<Model> model;
    double threshold = 0.5;  // the decision threshold in use (binary models)

    // The cost chart: the loss its runs share (by task), the baseline line, and the runs, oldest
    // first (the last is the current model's). No runs: no task needed.
    std::optional<Task> chartTask;
    double baselineLoss = kNaN;
    std::vector<ProjectRun> runs;

    // The Sweep window's last results and the columns they were swept with (which may differ
    // from `selection`, chosen since). Optional: a project without it reads as before.
    struct Sweep {
        DataSelection selection;
        SavedSweep saved;
    };
    std::optional<Sweep> sweep;
};

// Pretty-printed JSON. Curves longer than kMaxCurvePoints are thinned evenly (first and last
// points kept); more than kMaxRuns runs keep the newest.
std::string projectToJson(const Project& project);
// Throws DataError "SOURCE: WHERE: what was expected" for anything malformed.
Project projectFromJson(const std::string& text, const std::string& source = "<project>");
// Atomic (core/io/files.h); relative paths are computed against the project's folder.
void saveProject(Project project, const std::string& path);
Project loadProject(const std::string& path);

// Whether `text` is a SHA-256 fingerprint as a project stores it.
bool isSha256Hex(const std::string& text);

}  // namespace bps
