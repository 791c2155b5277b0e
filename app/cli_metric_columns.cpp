#include "app/cli_metric_columns.h"

#include <cmath>
#include <cstdio>

namespace bps::cli {

std::vector<MetricColumn> metricColumns(Task task) {
    std::vector<MetricColumn> columns{{"loss", "loss", &Metrics::loss}};
    switch (task) {
        case Task::Binary:
            columns.insert(columns.end(), {{"accuracy", "accuracy", &Metrics::accuracy},
                                           {"precision", "precision", &Metrics::precision},
                                           {"recall", "recall", &Metrics::recall},
                                           {"F1", "f1", &Metrics::f1},
                                           {"ROC AUC", "roc_auc", &Metrics::rocAuc}});
            break;
        case Task::Multiclass:
            columns.insert(columns.end(), {{"accuracy", "accuracy", &Metrics::accuracy},
                                           {"macro F1", "macro_f1", &Metrics::macroF1}});
            break;
        case Task::Regression:
            columns.insert(columns.end(), {{"RMSE", "rmse", &Metrics::rmse},
                                           {"MAE", "mae", &Metrics::mae},
                                           {"R2", "r2", &Metrics::r2}});
            break;
    }
    return columns;
}

std::string fixedNumber(double value, int digits) {
    if (std::isnan(value)) return "n/a";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, value);
    return buf;
}

}  // namespace bps::cli
