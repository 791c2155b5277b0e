#include "core/data/dataset.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "core/base/errors.h"
#include "core/csv/csv_cell.h"
#include "core/csv/csv_delimiter.h"
#include "core/data/dataset_messages.h"
#include "core/data/date_parts.h"
#include "core/data/feature_choice.h"
#include "core/data/input_table.h"

namespace bps {

using namespace dataset_detail;

namespace {

std::string shortNumber(double v) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc{} ? std::string(buf, end) : std::to_string(v);
}

// Class labels of the target: distinct values, sorted (numbers numerically, text by name).
struct TargetLevels {
    std::vector<std::string> names;
    std::vector<int> codeOfLevel;       // text targets: level index -> class index
    std::map<double, int> codeOfValue;  // numeric targets: value -> class index
    bool allIntegers = true;
};

TargetLevels targetLevels(const CsvColumn& c) {
    TargetLevels levels;
    if (c.numeric) {
        for (double v : c.numbers) {
            if (std::isnan(v)) continue;
            if (v != std::floor(v)) levels.allIntegers = false;
            if (levels.codeOfValue.size() <= kMaxClasses) levels.codeOfValue.emplace(v, 0);
        }
        int k = 0;
        for (auto& [value, code] : levels.codeOfValue) {
            code = k++;
            levels.names.push_back(shortNumber(value));
        }
    } else {
        std::vector<int> order(c.levels.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
        std::sort(order.begin(), order.end(),
                  [&](int a, int b) { return c.levels[a] < c.levels[b]; });
        levels.codeOfLevel.assign(c.levels.size(), 0);
        for (std::size_t k = 0; k < order.size(); ++k) {
            levels.codeOfLevel[order[k]] = static_cast<int>(k);
            levels.names.push_back(c.levels[order[k]]);
        }
    }
    return levels;
}

Task inferTask(const CsvTable& table, const CsvColumn& target, const TargetLevels& levels,
               std::optional<Task> requested) {
    const std::size_t k = target.numeric ? levels.codeOfValue.size() : levels.names.size();
    const std::string what = "target '" + shown(target.name) + "'";
    if (k == 0) throw DataError(locate(table.source, 0, 0, what + " has no values"));
    if (requested == Task::Regression) {
        if (!target.numeric) throwTextCell(table, target, "the regression target");
        return Task::Regression;
    }
    if (k == 1 && requested != Task::Regression)
        throw DataError(locate(table.source, 0, 0,
                               what + " has only one value ('" + shown(levels.names[0]) +
                                   "'): there is nothing to learn"));
    if (requested == Task::Binary) {
        if (k != 2)
            throw DataError(locate(table.source, 0, 0,
                                   what + " has " +
                                       (k > kMaxClasses ? "more than 50" : std::to_string(k)) +
                                       " distinct values; binary classification needs 2"));
        return Task::Binary;
    }
    // Two distinct values are a binary task whatever they are (README), 0.1 and 0.3 too.
    if (k == 2 && requested != Task::Multiclass) return Task::Binary;
    if (k > kMaxClasses || (target.numeric && !levels.allIntegers)) {
        if (requested == Task::Multiclass || !target.numeric)
            throw DataError(locate(table.source, 0, 0,
                                   what + " has " +
                                       (k > kMaxClasses ? "more than " + std::to_string(kMaxClasses)
                                                        : std::string("non-integer")) +
                                       " distinct values: too many for classes (at most " +
                                       std::to_string(kMaxClasses) + ")"));
        return Task::Regression;
    }
    if (requested == Task::Multiclass) return Task::Multiclass;
    return k == 2 ? Task::Binary : Task::Multiclass;
}

std::size_t classSize(const Dataset& data, int c) {
    return static_cast<std::size_t>((data.y.array() == static_cast<double>(c)).count());
}

// A target cell that is not valid UTF-8 is read as Windows-1252 (Excel's "CSV"), which is right
// for a file written that way: its classes have many rows. A rare class made by such a cell is a
// corrupt byte ('1\xff' among 0 and 1), which would silently add a class: an error, with where.
void refuseCorruptTargetCell(const CsvTable& table, const CsvColumn& target,
                             const TargetLevels& levels, const Dataset& data) {
    if (!target.firstNonUtf8 || target.firstNonUtf8Level < 0) return;
    const int c = levels.codeOfLevel[static_cast<std::size_t>(target.firstNonUtf8Level)];
    const std::size_t rows = classSize(data, c);
    if (rows >= kRareClassRows && rows >= kRareClassFraction * static_cast<double>(data.y.size()))
        return;
    throw DataError(locate(table.source, target.firstNonUtf8->line, target.firstNonUtf8->column,
                           "target cell '" + target.firstNonUtf8Text +
                               "' is not valid UTF-8: a corrupt byte that would make a class of " +
                               std::to_string(rows) + (rows == 1 ? " row" : " rows") +
                               " of its own"));
}

// A class with a handful of rows is more often a typo ('O' among 0 and 1) than a class: it
// silently changes the task (binary becomes three classes). Say which value and where.
void warnAboutRareClasses(Dataset& data) {
    std::vector<std::size_t> count(data.classes.size(), 0), firstLine(data.classes.size(), 0);
    for (Eigen::Index i = 0; i < data.y.size(); ++i) {
        const auto c = static_cast<std::size_t>(data.y(i));
        if (count[c]++ == 0) firstLine[c] = data.sourceLines[static_cast<std::size_t>(i)];
    }
    const double rows = static_cast<double>(data.y.size());
    for (std::size_t c = 0; c < count.size(); ++c) {
        if (count[c] >= kRareClassRows && count[c] >= kRareClassFraction * rows) continue;
        data.warnings.push_back("class '" + shown(data.classes[c]) + "' of target '" +
                                shown(data.target) + "' has only " + std::to_string(count[c]) +
                                (count[c] == 1 ? " row" : " rows") + " (first at line " +
                                std::to_string(firstLine[c]) +
                                "): too few to learn or measure; a typo in the target? (" +
                                std::to_string(data.classes.size()) + " classes)");
    }
}

}  // namespace

std::size_t findColumn(const CsvTable& table, const std::string& nameOrNumber) {
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        if (table.columns[i].name == nameOrNumber) return i;
    std::size_t number = 0;
    const char* first = nameOrNumber.data();
    const char* last = first + nameOrNumber.size();
    auto [end, ec] = std::from_chars(first, last, number);
    if (!nameOrNumber.empty() && ec == std::errc{} && end == last) {
        if (number >= 1 && number <= table.columns.size()) return number - 1;
        throw DataError(locate(table.source, 0, 0,
                               "column number " + nameOrNumber + " is out of range (1.." +
                                   std::to_string(table.columns.size()) + ")"));
    }
    throw DataError(locate(table.source, 0, 0,
                           "no column named '" + shown(nameOrNumber) +
                               "' (columns: " + columnList(table) + ")" + delimiterHint(table)));
}

Dataset prepareDataset(const CsvTable& table, const DataSelection& selection) {
    return prepareDataset(table, selection, {});
}

Dataset prepareDataset(const CsvTable& table, const DataSelection& selection,
                       std::span<const ColumnKindInfo> inferredKinds) {
    if (table.columns.empty() || table.rows == 0)
        throw DataError(locate(table.source, 0, 0, "no data rows"));
    const std::size_t targetIndex =
        selection.target.empty() ? table.columns.size() - 1 : findColumn(table, selection.target);
    const CsvColumn& target = table.columns[targetIndex];
    if (numericButNonFinite(target)) throwNonFinite(table, target);

    Dataset data;
    data.encoding = selection.encoding;
    KindOverrides overrides = selection.kinds;
    overrides.erase(target.name);  // the target's classes are its own matter
    if (inferredKinds.size() == table.columns.size()) {
        data.columnKinds.assign(inferredKinds.begin(), inferredKinds.end());
        applyKindOverrides(table, data.columnKinds, overrides);
    } else {
        data.columnKinds = inferColumnKinds(table, {}, overrides);
    }
    const CsvColumn* hinted = nullptr;  // a text column whose cells look like numbers
    std::vector<ChosenFeature> chosen =
        selection.features.empty()
            ? defaultFeatures(table, targetIndex, data.columnKinds, selection.expandDates, data,
                              hinted)
            : namedFeatures(table, targetIndex, data.columnKinds, selection, data);
    // The target's own problems (no values, one value) first: they are the ones to fix.
    const TargetLevels levels = targetLevels(target);
    data.task = inferTask(table, target, levels, selection.task);
    const CsvColumn* valueless = nullptr;  // a feature left out for having no values
    chosen = withValuesBesideTarget(table, target, std::move(chosen), data, valueless);
    if (chosen.empty())
        throw DataError(locate(table.source, 0, 0,
                               "no numeric feature columns besides the target '" +
                                   shown(target.name) + "'" +
                                   (hinted ? " (column '" + shown(hinted->name) +
                                                 "' holds text: " + firstTextCell(*hinted) + ")"
                                           : "") +
                                   (valueless ? " (column '" + shown(valueless->name) +
                                                    "' has no value in the rows with a target)"
                                              : "") +
                                   delimiterHint(table)));

    data.target = target.name;
    if (data.task != Task::Regression) data.classes = levels.names;

    // Rows missing the target are always left out; under Drop, rows missing a feature too.
    // Counted per column for the warning.
    const bool drop = selection.encoding.missing == MissingPolicy::Drop;
    std::vector<std::size_t> keep;
    keep.reserve(table.rows);
    std::map<std::string, std::size_t> missingPerColumn;
    bool missingKept = false;  // a kept row has a missing feature cell: imputed
    std::map<std::string, std::size_t> imputedPerColumn;
    std::size_t imputedRows = 0;
    for (std::size_t r = 0; r < table.rows; ++r) {
        bool complete = true, featureMissing = false;
        if (isMissing(target, r)) {
            complete = false;
            ++missingPerColumn[target.name];
        }
        for (const ChosenFeature& f : chosen)
            if (isMissing(table.columns[f.column], r)) {
                featureMissing = true;
                if (drop) {
                    complete = false;
                    ++missingPerColumn[table.columns[f.column].name];
                }
            }
        if (complete) keep.push_back(r);
        if (complete && featureMissing) {
            missingKept = true;
            ++imputedRows;
            for (const ChosenFeature& f : chosen)
                if (isMissing(table.columns[f.column], r))
                    ++imputedPerColumn[table.columns[f.column].name];
        }
    }
    if (keep.empty())
        throw DataError(locate(table.source, 0, 0,
                               drop ? "no complete rows: every row misses the target or a "
                                      "feature value"
                                    : "no rows with a target value"));
    if (keep.size() < table.rows) {
        std::string detail;
        for (const auto& [name, count] : missingPerColumn)
            detail += (detail.empty() ? "" : ", ") + shown(name) + ": " + std::to_string(count);
        data.warnings.push_back("dropped " + std::to_string(table.rows - keep.size()) +
                                " rows with missing values (" + detail + ")");
    }

    if (imputedRows > 0) {
        std::string detail;
        for (const auto& [name, count] : imputedPerColumn)
            detail += (detail.empty() ? "" : ", ") + shown(name) + ": " + std::to_string(count);
        data.warnings.push_back(
            std::to_string(imputedRows) + " rows with missing feature cells kept (" + detail +
            "): " +
            (selection.encoding.missing == MissingPolicy::Category
                 ? "a level 'missing' for text columns, the median for numbers"
                 : "imputed with the training rows' median or most frequent level") +
            ", numeric ones flagged by an indicator input; --missing drop leaves them out");
    }

    // The inputs: a date/time feature becomes its numeric parts.
    bool categorical = false;
    for (const ChosenFeature& f : chosen) {
        const CsvColumn& column = table.columns[f.column];
        if (f.kind == ColumnKind::DateTime) {
            data.dates.push_back(planDateExpansion(column));
            for (DatePart part : data.dates.back().parts)
                data.inputs.push_back({datePartColumn(column.name, part), ColumnKind::Numeric});
        } else {
            data.inputs.push_back({column.name, f.kind});
            categorical = categorical || f.kind == ColumnKind::Categorical;
        }
    }
    for (const InputColumn& input : data.inputs) data.features.push_back(input.name);

    const auto n = static_cast<Eigen::Index>(keep.size());
    data.y.resize(n);
    data.sourceLines.resize(keep.size());
    for (Eigen::Index k = 0; k < n; ++k) {
        const std::size_t r = keep[static_cast<std::size_t>(k)];
        if (data.task == Task::Regression)
            data.y(k) = target.numbers[r];
        else if (target.numeric)
            data.y(k) = levels.codeOfValue.at(target.numbers[r]);
        else
            data.y(k) = levels.codeOfLevel[target.codes[r]];
        data.sourceLines[k] = r < table.rowLine.size() ? table.rowLine[r] : 0;
    }

    if (categorical || missingKept || !data.dates.empty()) {
        // The encoded shape: the feature columns of the kept rows, for training to fit on.
        std::vector<std::size_t> columns;
        for (const ChosenFeature& f : chosen) columns.push_back(f.column);
        CsvTable inputs = inputTableOf(table, columns, keep, data.dates);
        std::vector<std::size_t> all(keep.size());
        for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
        data.allRowsEncoding = fitEncoding(inputs, data.inputs, all, selection.encoding);
        data.x = data.allRowsEncoding->transform(inputs).x;
        data.inputNames = data.allRowsEncoding->inputNames();
        data.inputTable = std::move(inputs);
    } else {
        data.x.resize(n, static_cast<Eigen::Index>(chosen.size()));
        for (Eigen::Index k = 0; k < n; ++k)
            for (std::size_t j = 0; j < chosen.size(); ++j)
                data.x(k, static_cast<Eigen::Index>(j)) =
                    table.columns[chosen[j].column].numbers[keep[static_cast<std::size_t>(k)]];
        data.inputNames = data.features;
    }
    if (data.task != Task::Regression) {
        if (!target.numeric) refuseCorruptTargetCell(table, target, levels, data);
        warnAboutRareClasses(data);
    }
    return data;
}

RowMatrix featureMatrix(const CsvTable& table, const std::vector<std::string>& names) {
    std::vector<std::size_t> index;
    for (const auto& name : names) {
        std::size_t i = 0;
        while (i < table.columns.size() && table.columns[i].name != name) ++i;
        if (i == table.columns.size())
            throw DataError(locate(table.source, 0, 0,
                                   "the model needs feature '" + shown(name) +
                                       "', which the file lacks" + delimiterHint(table)));
        if (!table.columns[i].numeric) throwTextCell(table, table.columns[i], "a feature");
        index.push_back(i);
    }
    RowMatrix x(static_cast<Eigen::Index>(table.rows), static_cast<Eigen::Index>(index.size()));
    for (std::size_t r = 0; r < table.rows; ++r)
        for (std::size_t j = 0; j < index.size(); ++j) {
            const double v = table.columns[index[j]].numbers[r];
            if (std::isnan(v))
                throw DataError(
                    locate(table.source, r < table.rowLine.size() ? table.rowLine[r] : 0,
                           index[j] + 1, "missing value in feature '" + shown(names[j]) + "'"));
            x(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) = v;
        }
    return x;
}

}  // namespace bps
