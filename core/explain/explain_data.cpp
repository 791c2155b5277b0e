#include "core/explain/explain_data.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/base/errors.h"
#include "core/csv/csv_cell.h"
#include "core/data/date_parts.h"

namespace bps {

namespace {

// A numeric class label as the data set names it (dataset.cpp's shortest text).
std::string labelOf(double v) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc{} ? std::string(buf, end) : std::to_string(v);
}

// The date a part column belongs to ("Year" for "Year:month"), or empty.
std::string dateOf(const TableEncoding& encoding, const std::string& column) {
    for (const DateExpansion& d : encoding.dates)
        for (DatePart part : d.parts)
            if (datePartColumn(d.column, part) == column) return d.column;
    return {};
}

}  // namespace

std::vector<InputGroup> inputGroups(const Model& model) {
    std::vector<InputGroup> groups;
    if (!model.preprocessing) {
        for (std::size_t i = 0; i < model.features.size(); ++i)
            groups.push_back({model.features[i], static_cast<Eigen::Index>(i), 1});
        return groups;
    }
    Eigen::Index at = 0;
    for (const ColumnEncoding& c : model.preprocessing->columns) {
        const auto count = static_cast<Eigen::Index>(c.inputCount());
        const std::string date = dateOf(*model.preprocessing, c.name);
        if (!date.empty() && !groups.empty() && groups.back().column == date &&
            groups.back().first + groups.back().count == at)
            groups.back().count += count;
        else
            groups.push_back({date.empty() ? c.name : date, at, count});
        at += count;
    }
    return groups;
}

ExplainData explainData(const Model& model, const CsvTable& table,
                        const std::vector<std::size_t>& rows) {
    const auto targetAt = std::find_if(table.columns.begin(), table.columns.end(),
                                       [&](const CsvColumn& c) { return c.name == model.target; });
    if (targetAt == table.columns.end())
        throw DataError(table.source + ": no column '" + printableExcerpt(model.target) +
                        "' (the model's target): importance needs the true values");
    const CsvColumn& target = *targetAt;
    const EncodedTable encoded = model.encode(table);

    std::vector<char> wanted(table.rows, rows.empty() ? 1 : 0);
    for (std::size_t r : rows) wanted.at(r) = 1;
    const std::size_t asked = rows.empty() ? table.rows : rows.size();

    std::vector<Eigen::Index> keep;
    std::vector<double> y;
    ExplainData out;
    for (std::size_t i = 0; i < encoded.rows.size(); ++i) {
        const std::size_t r = encoded.rows[i];
        if (!wanted[r]) continue;
        double value = kNaN;
        if (model.task == Task::Regression) {
            if (target.numeric) value = target.numbers[r];
        } else {
            std::string label;
            if (target.numeric && !std::isnan(target.numbers[r]))
                label = labelOf(target.numbers[r]);
            else if (!target.numeric && target.codes[r] >= 0)
                label = target.levels[static_cast<std::size_t>(target.codes[r])];
            const auto c = std::find(model.classes.begin(), model.classes.end(), label);
            if (!label.empty() && c != model.classes.end())
                value = static_cast<double>(c - model.classes.begin());
        }
        if (std::isnan(value)) continue;
        keep.push_back(static_cast<Eigen::Index>(i));
        y.push_back(value);
        out.tableRows.push_back(r);
    }
    out.skippedRows = asked - keep.size();
    if (keep.empty())
        throw DataError(table.source + ": no row has both the model's inputs and a target value " +
                        (model.task == Task::Regression ? std::string("(a number)")
                                                        : "of one of the model's classes") +
                        " in '" + printableExcerpt(model.target) + "'");
    out.x.resize(static_cast<Eigen::Index>(keep.size()), encoded.x.cols());
    out.y.resize(static_cast<Eigen::Index>(keep.size()));
    for (std::size_t k = 0; k < keep.size(); ++k) {
        out.x.row(static_cast<Eigen::Index>(k)) = encoded.x.row(keep[k]);
        out.y(static_cast<Eigen::Index>(k)) = y[k];
    }
    return out;
}

ExplainData explainRows(const Model& model, const Dataset& data,
                        const std::vector<Eigen::Index>& rows) {
    if (data.encoded() != model.preprocessing.has_value())
        throw DataError(data.encoded() ? "the model does not encode its inputs, the data set does"
                                       : "the model encodes its inputs, the data set does not");
    RowMatrix encodedX;
    if (data.encoded()) {
        TableEncoding encoding = *model.preprocessing;
        encoding.dates.clear();  // the data set's input table holds the date parts already
        EncodedTable e = encoding.transform(*data.inputTable);
        if (e.rows.size() != static_cast<std::size_t>(data.rows()))
            throw DataError("the model's encoding leaves out rows the data set keeps");
        encodedX = std::move(e.x);
    }
    const RowMatrix& x = data.encoded() ? encodedX : data.x;
    if (x.cols() != model.inputCount())
        throw DataError("the data set has " + std::to_string(x.cols()) +
                        " inputs; the model takes " + std::to_string(model.inputCount()));
    ExplainData out;
    out.x.resize(static_cast<Eigen::Index>(rows.size()), x.cols());
    out.y.resize(static_cast<Eigen::Index>(rows.size()));
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const auto at = static_cast<Eigen::Index>(k);
        if (rows[k] < 0 || rows[k] >= x.rows())
            throw DataError("row " + std::to_string(rows[k]) + " is not one of the data set's " +
                            std::to_string(x.rows()));
        out.x.row(at) = x.row(rows[k]);
        out.y(at) = data.y(rows[k]);
        out.tableRows.push_back(static_cast<std::size_t>(rows[k]));
    }
    return out;
}

std::vector<std::size_t> tableRowsOfLines(const CsvTable& table,
                                          const std::vector<std::size_t>& lines) {
    std::vector<std::size_t> out;
    out.reserve(lines.size());
    for (std::size_t line : lines) {
        // rowLine grows with the row: a binary search finds the row that starts on `line`.
        const auto at = std::lower_bound(table.rowLine.begin(), table.rowLine.end(), line);
        if (at == table.rowLine.end() || *at != line)
            throw DataError(table.source + ": no row starts on line " + std::to_string(line));
        out.push_back(static_cast<std::size_t>(at - table.rowLine.begin()));
    }
    return out;
}

}  // namespace bps
