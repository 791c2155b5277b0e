#include "core/explain/decision_grid.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>

#include "core/explain/unit_activation.h"

namespace bps {

std::vector<ColumnInputs> columnInputs(const Model& model) {
    std::vector<ColumnInputs> out;
    Eigen::Index first = 0;
    if (!model.preprocessing) {
        for (const std::string& name : model.features) out.push_back({name, false, first++, 1, {}});
        return out;
    }
    for (const ColumnEncoding& c : model.preprocessing->columns) {
        ColumnInputs column{c.name,
                            c.kind == ColumnKind::Categorical,
                            first,
                            static_cast<Eigen::Index>(c.inputCount()),
                            {}};
        if (column.categorical) column.levels = c.levels;
        first += column.count;
        out.push_back(std::move(column));
    }
    return out;
}

double axisValue(const ColumnInputs& column, const RowMatrix& encoded, Eigen::Index r) {
    if (!column.categorical) return encoded(r, column.first);
    for (Eigen::Index k = 0; k < column.count; ++k)
        if (encoded(r, column.first + k) > 0.5) return static_cast<double>(k);
    return -1;
}

AxisRange axisRange(const ColumnInputs& column, std::vector<double> values) {
    if (column.categorical) return {-0.5, static_cast<double>(column.count) - 0.5};
    std::erase_if(values, [](double v) { return !std::isfinite(v); });
    if (values.empty()) return {-1, 1};
    std::sort(values.begin(), values.end());
    const auto at = [&](double q) {
        return values[static_cast<std::size_t>(std::lround(q * double(values.size() - 1)))];
    };
    const double low = at(0.01), high = at(0.99);
    if (!(high > low)) return {low - 1, low + 1};
    const double pad = 0.05 * (high - low);
    return {low - pad, high + pad};
}

Eigen::RowVectorXd medianRow(const Model& model, const RowMatrix& encoded) {
    Eigen::RowVectorXd base = model.scaler.mean.transpose();
    if (encoded.rows() == 0) return base;
    for (const ColumnInputs& column : columnInputs(model)) {
        if (column.categorical) {
            const Eigen::VectorXd counts =
                (encoded.middleCols(column.first, column.count).array() > 0.5)
                    .cast<double>()
                    .colwise()
                    .sum()
                    .transpose();
            Eigen::Index best = 0;
            counts.maxCoeff(&best);
            base.segment(column.first, column.count).setZero();
            if (counts(best) > 0) base(column.first + best) = 1;
            continue;
        }
        std::vector<double> v(encoded.col(column.first).begin(), encoded.col(column.first).end());
        std::erase_if(v, [](double x) { return !std::isfinite(x); });
        if (!v.empty()) {
            const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
            std::nth_element(v.begin(), mid, v.end());
            base(column.first) = *mid;
        }
        if (column.count > 1) base(column.first + 1) = 0;  // the missing indicator
    }
    return base;
}

namespace {

// Cell centres of an axis: numeric, `resolution` equal cells over the range; categorical, the
// level indices.
std::vector<double> centres(const ColumnInputs& column, const AxisRange& range, int resolution) {
    std::vector<double> out;
    if (column.categorical) {
        out.resize(static_cast<std::size_t>(column.count));
        std::iota(out.begin(), out.end(), 0.0);
        return out;
    }
    const double step = (range.high - range.low) / resolution;
    for (int i = 0; i < resolution; ++i) out.push_back(range.low + (i + 0.5) * step);
    return out;
}

// Sets `column`'s inputs in `row` to the value v (a level index when categorical).
void place(const ColumnInputs& column, double v, Eigen::Ref<Eigen::RowVectorXd> row) {
    if (column.categorical) {
        row.segment(column.first, column.count).setZero();
        row(column.first + static_cast<Eigen::Index>(v)) = 1;
        return;
    }
    row(column.first) = v;
    if (column.count > 1) row(column.first + 1) = 0;
}

}  // namespace

DecisionGrid computeDecisionGrid(const Model& model, const DecisionGridRequest& request) {
    const std::vector<ColumnInputs> columns = columnInputs(model);
    const auto n = static_cast<int>(columns.size());
    if (request.xColumn < 0 || request.xColumn >= n || request.yColumn < 0 ||
        request.yColumn >= n || request.xColumn == request.yColumn)
        throw std::invalid_argument("the decision map needs two different input columns");
    if (request.base.size() != model.inputCount())
        throw std::invalid_argument("the decision map's base row has the wrong width");
    if (request.resolution < 2) throw std::invalid_argument("the decision map needs 2+ cells");
    const ColumnInputs& cx = columns[static_cast<std::size_t>(request.xColumn)];
    const ColumnInputs& cy = columns[static_cast<std::size_t>(request.yColumn)];

    DecisionGrid grid;
    grid.xs = centres(cx, request.xRange, request.resolution);
    grid.ys = centres(cy, request.yRange, request.resolution);
    grid.columns = static_cast<int>(grid.xs.size());
    grid.rows = static_cast<int>(grid.ys.size());
    RowMatrix points = request.base.replicate(Eigen::Index(grid.columns) * grid.rows, 1);
    for (int j = 0; j < grid.rows; ++j)
        for (int i = 0; i < grid.columns; ++i) {
            auto row = points.row(grid.cell(i, j));
            place(cx, grid.xs[static_cast<std::size_t>(i)], row);
            place(cy, grid.ys[static_cast<std::size_t>(j)], row);
        }
    std::vector<Eigen::MatrixXd> layers = layerActivations(model, points);
    grid.outputs = std::move(layers.back());
    layers.pop_back();
    grid.hidden = std::move(layers);
    return grid;
}

std::vector<int> columnsByWeightNorm(const Model& model) {
    const std::vector<ColumnInputs> columns = columnInputs(model);
    std::vector<double> norms;
    for (const ColumnInputs& c : columns)
        norms.push_back(model.layers.empty()
                            ? 0.0
                            : model.layers.front().weights.middleRows(c.first, c.count).norm());
    std::vector<int> order(columns.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return norms[static_cast<std::size_t>(a)] > norms[static_cast<std::size_t>(b)];
    });
    return order;
}

}  // namespace bps
