#pragma once
// The metrics a task is judged by, as columns: what `cv` prints per fold, what `sweep` and the
// Sweep window write and show per trial. One list, so tables, CSV headers and JSON keys agree.

#include <vector>

#include "core/evaluation/metrics.h"

namespace bps {

struct MetricColumn {
    const char* title;  // as printed: "ROC AUC"
    const char* key;    // as CSV headers and JSON keys spell it: "roc_auc" (metricsToJson's)
    double Metrics::*field;
};

// loss first, then the task's metrics (binary: accuracy, precision, recall, F1, ROC AUC;
// multiclass: accuracy, macro F1; regression: RMSE, MAE, R2).
std::vector<MetricColumn> metricColumns(Task task);

}  // namespace bps
