#pragma once
// Filling a ReportInput from a model and a table: the rows the model is judged on (all of them,
// or the validation rows of its training split, found again from its seed), their metrics, ROC
// and the data summary. The command line and the app call the same functions, so
// `backprop-studio report` and File > Save Report write the same page.

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/progress.h"
#include "core/csv/csv_reader.h"
#include "core/data/dataset.h"
#include "core/model/model.h"
#include "core/monitoring/epoch_report.h"
#include "core/report/report_input.h"

namespace bps::report {

enum class ReportRows { All, Validation };

// The rows a model is judged on, with its outputs on them.
struct EvaluatedRows {
    Eigen::MatrixXd outputs;             // as Model::predict: probabilities or values
    Eigen::VectorXd targets;             // class index into Model::classes, or the value
    std::vector<std::size_t> tableRows;  // the table row of each
    std::string description;             // "the 3,580 validation rows (fraction 0.2, seed 1)"
};

// The table as the learning problem the model was trained on: its target, its input columns
// with the kinds and missing-cell policy it was trained with (dates taken apart again).
Dataset datasetForModel(const Model& model, const CsvTable& table);

// The model's outputs on `rows`: every row with a target, or the validation side of the split
// the model's training made (its validation fraction, and `seed`, normally the model's own).
// Throws DataError when the table lacks the target or an input column, has a class the model
// does not know, or the model has no validation rows to choose.
// `data` is datasetForModel(model, table).
EvaluatedRows evaluateRows(const Model& model, const CsvTable& table, const Dataset& data,
                           ReportRows rows, std::uint64_t seed);

// The file's columns with their kinds and roles, the class balance or the target's statistics,
// and the data warnings (rows left out, rare classes, ...).
DataSummary summarizeData(const std::string& fileName, const CsvTable& table, const Dataset& data,
                          const Model& model);
ModelSummary summarizeModel(const Model& model);
std::vector<HistoryPoint> historyFromReports(const std::vector<EpochReport>& reports);

// The title, the summaries, the metrics, confusion matrix and ROC curve of `rows` (the log loss
// is computed on them) and, binary only, their reliability bins (ten of equal width), Brier
// score and ECE; multiclass, each class against the rest (report_multiclass.h); regression,
// the predicted-against-actual points and the residuals (report_regression.h). Importance is
// addImportance's (it predicts the rows many times over). Without history, the training section
// says "no training history given".
ReportInput buildReport(const Model& model, const CsvTable& table, const Dataset& data,
                        const std::string& fileName, const EvaluatedRows& rows,
                        std::vector<HistoryPoint> history);

// Permutation importance (core/explain) of each raw input column on `rows`: the task's primary
// score (ROC AUC, accuracy or R^2) lost when the column is shuffled, `repeats` times with `seed`,
// largest first. `progress` as permutationImportance's; a cancelled run leaves the section out
// with a note saying so.
void addImportance(ReportInput& input, const Model& model, const CsvTable& table,
                   const EvaluatedRows& rows, std::uint64_t seed, int repeats = 5,
                   const ToolProgress& progress = {});

}  // namespace bps::report
