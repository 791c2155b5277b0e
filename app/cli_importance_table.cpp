#include "app/cli_importance_table.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/cli_metric_columns.h"
#include "core/csv/csv_cell.h"

namespace bps::cli {

namespace {
constexpr int kBarWidth = 30;
}  // namespace

void printImportanceColumns(const ImportanceResult& r) {
    const auto sorted = sortedByImportance(r);
    std::size_t width = 6;
    for (const auto& c : sorted) width = std::max(width, printableExcerpt(c.column).size());
    double top = 0;
    for (const auto& c : sorted) top = std::max(top, c.mean);
    std::printf("%-*s %10s %10s\n", static_cast<int>(width), "column", "mean", "sd");
    for (const auto& c : sorted) {
        const int bar =
            top > 0 && c.mean > 0 ? static_cast<int>(c.mean / top * kBarWidth + 0.5) : 0;
        std::printf("%-*s %10s %10s  %s\n", static_cast<int>(width),
                    printableExcerpt(c.column).c_str(), fixedNumber(c.mean).c_str(),
                    fixedNumber(c.sd).c_str(),
                    std::string(static_cast<std::size_t>(bar), '#').c_str());
    }
}

nlohmann::json importanceColumnsJson(const ImportanceResult& r) {
    nlohmann::json columns = nlohmann::json::array();
    for (const auto& c : sortedByImportance(r))
        columns.push_back(
            {{"column", c.column}, {"mean", c.mean}, {"sd", c.sd}, {"drops", c.drops}});
    return columns;
}

}  // namespace bps::cli
