#pragma once
// The Data tab's view of a regression target: a histogram of its values, where a classification
// target gets its class balance (a regression target has too many values for bars per value).

#include <optional>

#include "core/base/types.h"
#include "ui/charts/histogram_chart.h"
#include "ui/data/csv_loader.h"

namespace bps {

class TargetHistogram : public HistogramChart {
    Q_OBJECT
public:
    explicit TargetHistogram(QWidget* parent = nullptr);

    // Whether training would treat `column` as a regression target: the task asked for, else
    // prepareDataset's rule (numeric, and more than kMaxClasses distinct values or more than two
    // that are not all integers).
    static bool isRegressionTarget(const CsvColumn& column, std::optional<Task> requested);

    void showColumn(const LoadedDataPtr& data, int column);
};

}  // namespace bps
