#pragma once
// The metrics a task is judged by, as columns: what `cv` prints per fold and `sweep` writes per
// trial. One list, so the table, the CSV header and the JSON keys agree.

#include <string>
#include <vector>

#include "core/evaluation/metrics.h"

namespace bps::cli {

struct MetricColumn {
    const char* title;  // as printed: "ROC AUC"
    const char* key;    // as CSV headers and JSON keys spell it: "roc_auc" (metricsToJson's)
    double Metrics::*field;
};

// loss first, then the task's metrics (binary: accuracy, precision, recall, F1, ROC AUC;
// multiclass: accuracy, macro F1; regression: RMSE, MAE, R2).
std::vector<MetricColumn> metricColumns(Task task);

// "0.9712", or "n/a" for NaN.
std::string fixedNumber(double value, int digits = 4);

}  // namespace bps::cli
