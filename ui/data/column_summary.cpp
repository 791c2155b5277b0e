#include "ui/data/column_summary.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace bps {

ColumnSummary summarizeColumn(const CsvColumn& column) {
    ColumnSummary s;
    s.name = QString::fromStdString(column.name);
    s.numeric = column.numeric;
    s.missing = column.missing;
    if (!column.numeric) {
        s.levels = column.levels.size();
        return s;
    }
    double lo = INFINITY, hi = -INFINITY, sum = 0;
    std::size_t count = 0;
    for (double v : column.numbers) {
        if (std::isnan(v)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        sum += v;
        ++count;
    }
    if (count > 0) {
        s.min = lo;
        s.max = hi;
        s.mean = sum / static_cast<double>(count);
    }
    return s;
}

std::vector<ColumnSummary> summarizeTable(const CsvTable& table) {
    std::vector<ColumnSummary> out;
    out.reserve(table.columns.size());
    for (const CsvColumn& c : table.columns) out.push_back(summarizeColumn(c));
    return out;
}

std::vector<ClassCount> classBalance(const CsvColumn& column, int maxClasses) {
    std::vector<ClassCount> out;
    const auto limit = static_cast<std::size_t>(maxClasses);
    if (!column.numeric) {
        if (column.levels.size() > limit) return {};
        std::vector<std::int64_t> counts(column.levels.size(), 0);
        for (std::int32_t code : column.codes)
            if (code >= 0) ++counts[static_cast<std::size_t>(code)];
        for (std::size_t i = 0; i < counts.size(); ++i)
            out.push_back({QString::fromStdString(column.levels[i]), counts[i]});
        return out;
    }
    std::map<double, std::int64_t> counts;
    for (double v : column.numbers) {
        if (std::isnan(v)) continue;
        if (++counts[v] == 1 && counts.size() > limit) return {};
    }
    for (const auto& [value, count] : counts) out.push_back({formatCell(value), count});
    return out;
}

QString formatCell(double value) {
    if (std::isnan(value)) return {};
    // 'g' with 15 significant digits shows what the file said for typical CSV numbers without
    // the 0.1 -> 0.10000000000000001 noise of full round-trip precision.
    return QString::number(value, 'g', 15);
}

}  // namespace bps
