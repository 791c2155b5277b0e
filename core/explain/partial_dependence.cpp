#include "core/explain/partial_dependence.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <span>

#include "core/base/errors.h"
#include "core/base/random.h"
#include "core/csv/csv_cell.h"

namespace bps {

namespace {

std::string numberText(double v) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc{} ? std::string(buf, end) : std::to_string(v);
}

// Type 7 quantile (linear between order statistics) of sorted values.
double quantile(const std::vector<double>& sorted, double p) {
    const double at = p * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(at));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (at - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

std::vector<double> numericGrid(std::vector<double> values, int points) {
    std::sort(values.begin(), values.end());
    std::vector<double> distinct = values;
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (distinct.size() <= static_cast<std::size_t>(std::max(points, 1))) return distinct;
    std::vector<double> grid;
    for (int j = 0; j < points; ++j)
        grid.push_back(quantile(values, 0.05 + 0.9 * j / std::max(points - 1, 1)));
    grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
    return grid;
}

}  // namespace

std::vector<std::string> dependenceColumns(const Model& model) { return model.features; }

std::vector<std::string> dependenceClasses(const Model& model) {
    if (model.task == Task::Multiclass) return model.classes;
    if (model.task == Task::Binary && model.classes.size() == 2) return {model.classes[1]};
    return {};
}

int dependenceClassIndex(const Model& model, const std::string& name) {
    const std::vector<std::string> classes = dependenceClasses(model);
    if (classes.empty())
        throw DataError("a regression model's partial dependence is of its value, not a class");
    const auto at = std::find(model.classes.begin(), model.classes.end(), name);
    if (at == model.classes.end() ||
        std::find(classes.begin(), classes.end(), name) == classes.end()) {
        std::string known;
        for (const std::string& c : classes)
            known += (known.empty() ? "" : ", ") + printableExcerpt(c);
        throw DataError("no class '" + printableExcerpt(name) + "' to show (" +
                        (model.task == Task::Binary
                             ? "a binary model's output is the probability of " + known
                             : "the model's classes are " + known) +
                        ")");
    }
    return static_cast<int>(at - model.classes.begin());
}

PartialDependence partialDependence(const Model& model, const ExplainData& data,
                                    const std::string& column,
                                    const PartialDependenceOptions& options,
                                    const ToolProgress& progress) {
    const auto at = std::find(model.features.begin(), model.features.end(), column);
    if (at == model.features.end())
        throw DataError("the model has no input column '" + printableExcerpt(column) + "'");
    const auto index = static_cast<std::size_t>(at - model.features.begin());
    if (data.x.cols() != model.inputCount() || data.x.rows() == 0)
        throw DataError("partial dependence needs rows with the model's inputs");
    Eigen::Index output = 0;
    PartialDependence out;
    out.column = column;
    if (model.task == Task::Multiclass) {
        if (options.outputClass < 0 ||
            options.outputClass >= static_cast<int>(model.classes.size()))
            throw DataError("no class " + std::to_string(options.outputClass) + " (the model has " +
                            std::to_string(model.classes.size()) + ")");
        output = options.outputClass;
    }
    if (model.task == Task::Regression)
        out.output = model.target;
    else
        out.output =
            "P(" +
            model.classes[static_cast<std::size_t>(model.task == Task::Binary ? 1 : output)] + ")";

    // The column's block of inputs and the block's value at each grid point.
    Eigen::Index first = static_cast<Eigen::Index>(index), count = 1;
    const ColumnEncoding* encoding = nullptr;
    if (model.preprocessing) {
        first = 0;
        for (std::size_t c = 0; c < index; ++c)
            first += static_cast<Eigen::Index>(model.preprocessing->columns[c].inputCount());
        encoding = &model.preprocessing->columns[index];
        count = static_cast<Eigen::Index>(encoding->inputCount());
    }
    std::vector<Eigen::RowVectorXd> blocks;
    if (encoding && encoding->kind == ColumnKind::Categorical) {
        out.categorical = true;
        for (std::size_t k = 0; k < encoding->levels.size(); ++k) {
            if (k == encoding->otherLevel || k == encoding->missingLevel) continue;
            Eigen::RowVectorXd b = Eigen::RowVectorXd::Zero(count);
            b(static_cast<Eigen::Index>(k)) = 1;
            blocks.push_back(b);
            out.labels.push_back(encoding->levels[k]);
            out.grid.push_back(static_cast<double>(out.grid.size()));
        }
    } else {
        const bool indicator = encoding && encoding->missingIndicator;
        std::vector<double> values;
        for (Eigen::Index r = 0; r < data.x.rows(); ++r)
            if (!indicator || data.x(r, first + 1) == 0) values.push_back(data.x(r, first));
        if (values.empty())
            throw DataError("column '" + printableExcerpt(column) + "' has no values in the rows");
        out.grid = numericGrid(std::move(values), options.gridPoints);
        for (double v : out.grid) {
            Eigen::RowVectorXd b = Eigen::RowVectorXd::Zero(count);
            b(0) = v;  // and the missing indicator, if any, 0: a present value
            blocks.push_back(b);
            out.labels.push_back(numberText(v));
        }
    }

    // The ICE rows: all of them, or a seeded sample in row order.
    std::vector<Eigen::Index> rows(static_cast<std::size_t>(data.x.rows()));
    std::iota(rows.begin(), rows.end(), Eigen::Index{0});
    if (rows.size() > static_cast<std::size_t>(std::max(options.iceRows, 1))) {
        Rng rng(options.seed);
        rng.shuffle(std::span<Eigen::Index>(rows));
        rows.resize(static_cast<std::size_t>(std::max(options.iceRows, 1)));
        std::sort(rows.begin(), rows.end());
    }
    RowMatrix x(static_cast<Eigen::Index>(rows.size()), data.x.cols());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        x.row(static_cast<Eigen::Index>(i)) = data.x.row(rows[i]);
        out.rows.push_back(static_cast<std::size_t>(rows[i]));
    }

    const auto points = static_cast<Eigen::Index>(blocks.size());
    out.ice.resize(x.rows(), points);
    for (Eigen::Index j = 0; j < points; ++j) {
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            x.row(i).segment(first, count) = blocks[static_cast<std::size_t>(j)];
        out.ice.col(j) = model.predict(x).col(output);
        if (progress && !progress(static_cast<int>(j + 1), static_cast<int>(points))) {
            out.cancelled = true;
            out.ice.conservativeResize(Eigen::NoChange, j + 1);
            out.grid.resize(static_cast<std::size_t>(j + 1));
            out.labels.resize(static_cast<std::size_t>(j + 1));
            break;
        }
    }
    out.mean = out.ice.colwise().mean().transpose();
    return out;
}

}  // namespace bps
