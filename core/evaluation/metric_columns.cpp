#include "core/evaluation/metric_columns.h"

namespace bps {

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

}  // namespace bps
