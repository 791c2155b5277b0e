#include "core/explain/map_columns.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <span>

#include "core/base/random.h"
#include "core/explain/decision_grid.h"
#include "core/explain/explain_data.h"

namespace bps {

ImportanceResult quickImportance(const Model& model, const RowMatrix& x, const Eigen::VectorXd& y,
                                 const MapImportanceOptions& options,
                                 const ToolProgress& progress) {
    std::vector<Eigen::Index> rows(static_cast<std::size_t>(x.rows()));
    std::iota(rows.begin(), rows.end(), Eigen::Index{0});
    if (rows.size() > options.maxRows) {
        Rng rng(options.seed);
        rng.shuffle(std::span<Eigen::Index>(rows));
        rows.resize(options.maxRows);
        std::sort(rows.begin(), rows.end());
    }
    ExplainData data;
    data.x = x(rows, Eigen::all);
    data.y = y(rows);
    ImportanceOptions o;
    o.repeats = options.repeats;
    o.seed = options.seed;
    return permutationImportance(model, data, o, progress);
}

std::vector<int> columnsByImportance(const Model& model, const ImportanceResult& importance) {
    const std::vector<ColumnInputs> columns = columnInputs(model);
    const std::vector<InputGroup> groups = inputGroups(model);
    // Each map column's importance: its group's (the group holding its first input).
    std::vector<double> score(columns.size(), -std::numeric_limits<double>::infinity());
    for (std::size_t c = 0; c < columns.size(); ++c)
        for (const InputGroup& g : groups) {
            if (columns[c].first < g.first || columns[c].first >= g.first + g.count) continue;
            for (const ColumnImportance& i : importance.columns)
                if (i.column == g.column) score[c] = i.mean;
        }
    // Stable: equal scores (a date's parts, unnamed columns) keep the weight norms' order.
    std::vector<int> order = columnsByWeightNorm(model);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return score[static_cast<std::size_t>(a)] > score[static_cast<std::size_t>(b)];
    });
    return order;
}

}  // namespace bps
