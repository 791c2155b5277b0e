#pragma once
// Everything the HTML report shows, as plain data: the command line and the app fill it
// (report_data.h does the work for both) and html_report.h turns it into a page.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/types.h"
#include "core/evaluation/histogram.h"
#include "core/evaluation/metrics.h"

namespace bps::report {

struct ReportColumn {
    std::string name;
    std::string kind;  // "numeric", "categorical", "identifier", ...
    std::size_t missing = 0;
    std::string role;  // "target", "input" or "not used"
};

struct TargetStats {
    double min = kNaN, max = kNaN, mean = kNaN, sd = kNaN;
};

struct DataSummary {
    std::string fileName;
    std::size_t rows = 0;  // the file's data rows
    std::vector<ReportColumn> columns;
    std::string target;
    std::vector<std::pair<std::string, std::int64_t>> classCounts;  // classification
    std::optional<TargetStats> targetStats;                         // regression
    std::vector<std::string> warnings;
};

// One line of the training history (train --history-out, or the app's run).
struct HistoryPoint {
    int epoch = 0;
    double trainLoss = kNaN;
    double validationLoss = kNaN;
    double validationAccuracy = kNaN;
    double learningRate = kNaN;
};

struct ModelSummary {
    Task task = Task::Binary;
    std::string target;
    std::vector<std::string> classes;
    std::vector<std::string> inputs;  // the raw input columns
    int networkInputs = 0;
    std::vector<int> layerUnits;  // hidden layers then the output layer
    // The training settings as name and value ("learning_rate", "0.01"), in a fixed order.
    std::vector<std::pair<std::string, std::string>> settings;
};

struct CalibrationBin {
    double meanPredicted = kNaN;
    double observed = kNaN;  // share of positives
    std::int64_t count = 0;
};

// Regression: a predicted value against its actual value, in the target's units.
struct PredictionPoints {
    std::vector<double> actual;
    std::vector<double> predicted;
    std::size_t rows = 0;  // the evaluated rows these were chosen from (all of them, or evenly)
};

// Multiclass: one class against the rest on the evaluated rows.
struct ClassCurve {
    std::string name;
    std::int64_t rows = 0;      // rows of this class
    std::vector<RocPoint> roc;  // empty when the class or the rest is absent
    double auc = kNaN;
    std::vector<CalibrationBin> calibration;  // the non-empty bins of ten of equal width
    double brier = kNaN;
    double ece = kNaN;
};

struct Importance {
    std::string column;
    double drop = kNaN;  // the metric lost when the column is shuffled
    double sd = 0;
};

struct ReportInput {
    std::string title;
    std::string generatedBy;  // "backprop-studio 1.2.0"
    DataSummary data;
    ModelSummary model;
    // Empty with historyNote saying why ("no training history given").
    std::vector<HistoryPoint> history;
    std::string historyNote;
    std::string rowsDescription;  // "the 3,580 validation rows (split 0.2, seed 1)"
    std::size_t evaluatedRows = 0;
    Metrics metrics;            // on the evaluated rows (confusion matrix included)
    std::vector<RocPoint> roc;  // binary only
    // Regression only: the scatter's points and the residuals (predicted - actual) of every
    // evaluated row, binned as the app's Results tab bins them.
    PredictionPoints predictions;
    HistogramBins residuals;
    double meanResidual = kNaN;
    std::vector<ClassCurve> classCurves;  // multiclass only, one per model class
    // Calibration (binary), importance: empty with a note saying why.
    std::vector<CalibrationBin> calibration;
    double brier = kNaN;  // mean squared error of the probabilities
    double ece = kNaN;    // expected calibration error over the bins
    std::string calibrationNote;
    std::vector<Importance> importance;
    std::string importanceMetric;  // what `drop` is a drop of ("ROC AUC", "RMSE increase", ...)
    std::string importanceDetail;  // how it was measured: shuffles, seed, the baseline score
    std::string importanceNote;
};

}  // namespace bps::report
