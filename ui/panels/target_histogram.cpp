#include "ui/panels/target_histogram.h"

#include <cmath>
#include <set>

#include "core/data/dataset.h"
#include "ui/panels/class_balance_view.h"

namespace bps {

TargetHistogram::TargetHistogram(QWidget* parent) : HistogramChart(parent) {
    setMinimumSize(340, 200);  // as the class balance it stands in for
}

bool TargetHistogram::isRegressionTarget(const CsvColumn& column, std::optional<Task> requested) {
    if (requested) return *requested == Task::Regression && column.numeric;
    if (!column.numeric) return false;
    std::set<double> distinct;
    bool allIntegers = true;
    for (double v : column.numbers) {
        if (std::isnan(v)) continue;
        allIntegers = allIntegers && v == std::floor(v);
        distinct.insert(v);
        if (distinct.size() > static_cast<std::size_t>(kMaxClasses)) return true;
    }
    return distinct.size() > 2 && !allIntegers;
}

void TargetHistogram::showColumn(const LoadedDataPtr& data, int column) {
    if (!data || column < 0) return clear(tr("No target column"));
    const CsvColumn& col = data->table.columns[static_cast<std::size_t>(column)];
    const QString name = QString::fromStdString(col.name);
    std::size_t present = 0;
    for (double v : col.numbers) present += !std::isnan(v);
    setValues(col.numbers,
              tr("Distribution of “%1” (%2 rows)").arg(name, groupedCount(std::int64_t(present))),
              name);
}

}  // namespace bps
