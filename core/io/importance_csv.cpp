#include "core/io/importance_csv.h"

#include <algorithm>

#include "core/io/csv_writer.h"

namespace bps {

std::string importanceToCsv(const ImportanceResult& result) {
    std::size_t repeats = 0;
    for (const auto& c : result.columns) repeats = std::max(repeats, c.drops.size());
    std::string out = "column,mean_drop,sd";
    for (std::size_t k = 1; k <= repeats; ++k) out += ",drop_" + std::to_string(k);
    out += "\n";
    for (const auto& c : sortedByImportance(result)) {
        out += csvField(c.column) + "," + formatNumber(c.mean) + "," + formatNumber(c.sd);
        for (double d : c.drops) out += "," + formatNumber(d);
        out += "\n";
    }
    return out;
}

std::string dependenceToCsv(const PartialDependence& pd, const std::vector<std::size_t>& lines) {
    std::string out = csvField(pd.column) + ",mean";
    for (std::size_t line : lines) out += ",line_" + std::to_string(line);
    out += "\n";
    for (std::size_t j = 0; j < pd.labels.size(); ++j) {
        const auto jj = static_cast<Eigen::Index>(j);
        out += (pd.categorical ? csvField(pd.labels[j]) : formatNumber(pd.grid[j])) + "," +
               formatNumber(pd.mean(jj));
        for (Eigen::Index i = 0; i < pd.ice.rows(); ++i) out += "," + formatNumber(pd.ice(i, jj));
        out += "\n";
    }
    return out;
}

}  // namespace bps
