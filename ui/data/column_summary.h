#pragma once
// Per-column statistics for the data view (type, min, max, mean, missing) and the class balance
// of a target column. Computed once per load, off the UI thread.

#include <QString>
#include <cstdint>
#include <vector>

#include "core/csv/csv_reader.h"
#include "core/evaluation/metrics.h"

namespace bps {

struct ColumnSummary {
    QString name;
    bool numeric = true;
    double min = kNaN;  // numeric columns only
    double max = kNaN;
    double mean = kNaN;
    std::size_t missing = 0;
    std::size_t levels = 0;  // text columns: distinct values
};

ColumnSummary summarizeColumn(const CsvColumn& column);
std::vector<ColumnSummary> summarizeTable(const CsvTable& table);

struct ClassCount {
    QString label;
    std::int64_t count = 0;
};

// The distinct values of `column` with their counts, in ascending order (text: in order of first
// appearance). Empty when there are more than `maxClasses` of them: the column is not a class
// label then. Missing cells are not counted.
std::vector<ClassCount> classBalance(const CsvColumn& column, int maxClasses);

// A cell as the data view shows it: numbers in their shortest exact form, missing as empty.
QString formatCell(double value);

}  // namespace bps
