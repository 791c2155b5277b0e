#include "core/data/column_kinds.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/base/errors.h"
#include "core/csv/csv_cell.h"
#include "core/data/dataset.h"
#include "core/data/iso_date.h"

namespace bps {

namespace {

std::string numberText(double value) {
    char buffer[32];
    return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

std::size_t levelLimit(std::size_t values, const KindThresholds& t) {
    const double limit = std::round(std::pow(static_cast<double>(values), t.levelExponent));
    return std::clamp(static_cast<std::size_t>(limit), t.minLevelLimit, t.maxLevelLimit);
}

// Whole numbers each one more than the row before's, and no missing cell.
bool rowNumbers(const std::vector<double>& numbers) {
    if (numbers.empty() || std::isnan(numbers[0]) || numbers[0] != std::floor(numbers[0]))
        return false;
    for (std::size_t r = 1; r < numbers.size(); ++r)
        if (!(numbers[r] == numbers[r - 1] + 1)) return false;  // also false for NaN
    return true;
}

void inferNumeric(const CsvColumn& column, const KindThresholds& t, ColumnKindInfo& info) {
    std::vector<double> values;
    values.reserve(info.valueCount());
    for (double v : column.numbers)
        if (!std::isnan(v)) values.push_back(v);
    std::sort(values.begin(), values.end());
    info.distinct =
        static_cast<std::size_t>(std::unique(values.begin(), values.end()) - values.begin());
    info.integers =
        std::all_of(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(info.distinct),
                    [](double v) { return v == std::floor(v); });
    info.categoricalCandidate =
        info.integers && info.distinct >= 2 && info.distinct <= t.integerLevelLimit;
    if (info.distinct == 0) {
        info.kind = ColumnKind::Constant;
        info.reason = KindReason::NoValues;
    } else if (info.distinct == 1) {
        info.kind = ColumnKind::Constant;
        info.reason = KindReason::OneValue;
        info.values = numberText(values[0]);
    } else if (info.rows >= t.rowNumberMinRows && rowNumbers(column.numbers)) {
        info.kind = ColumnKind::Identifier;
        info.reason = KindReason::RowNumbers;
        info.values =
            numberText(column.numbers.front()) + " to " + numberText(column.numbers.back());
    }
}

void inferText(const CsvColumn& column, const KindThresholds& t, ColumnKindInfo& info) {
    // Every level occurs in some row (the reader makes one per distinct cell).
    info.distinct = column.levels.size();
    info.levelLimit = levelLimit(info.valueCount(), t);
    const auto isDate = [](const std::string& level) {
        return parseIsoDateTime(level).has_value();
    };
    if (info.distinct == 0) {
        info.kind = ColumnKind::Constant;
        info.reason = KindReason::NoValues;
    } else if (info.distinct == 1) {
        info.kind = ColumnKind::Constant;
        info.reason = KindReason::OneValue;
        info.values = column.levels[0];
    } else if (std::all_of(column.levels.begin(), column.levels.end(), isDate)) {
        info.kind = ColumnKind::DateTime;
        info.reason = KindReason::IsoDates;
    } else if (info.distinct > t.minLevelLimit &&
               static_cast<double>(info.distinct) >=
                   t.identifierDistinctFraction * static_cast<double>(info.valueCount())) {
        info.kind = ColumnKind::Identifier;
        info.reason = KindReason::MostlyDistinct;
    } else if (info.distinct <= info.levelLimit) {
        info.kind = ColumnKind::Categorical;
        info.reason = KindReason::FewLevels;
    } else {
        info.kind = ColumnKind::FreeText;
        info.reason = KindReason::TooManyLevels;
    }
}

void applyOverride(const CsvTable& table, const CsvColumn& column, ColumnKind kind,
                   ColumnKindInfo& info) {
    const std::string name = printableExcerpt(column.name);
    if (kind != ColumnKind::Numeric && kind != ColumnKind::Categorical)
        throw DataError(locate(table.source, 0, 0,
                               "column '" + name +
                                   "' can only be made numeric or categorical, not " +
                                   kindName(kind)));
    if (kind == ColumnKind::Numeric && !column.numeric) {
        const CellLocation at = column.firstText.value_or(CellLocation{});
        throw DataError(locate(table.source, at.line, at.column,
                               "column '" + name + "' holds text ('" +
                                   printableExcerpt(column.firstTextValue) +
                                   "') and cannot be numeric"));
    }
    info.kind = kind;
    info.reason = KindReason::Forced;
    info.values.clear();
}

}  // namespace

std::vector<ColumnKindInfo> inferColumnKinds(const CsvTable& table,
                                             const KindThresholds& thresholds,
                                             const KindOverrides& overrides) {
    std::vector<ColumnKindInfo> kinds(table.columns.size());
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        const CsvColumn& column = table.columns[i];
        ColumnKindInfo& info = kinds[i];
        info.name = column.name;
        info.rows = table.rows;
        info.missing = column.missing;
        info.numeric = column.numeric;
        if (column.numeric)
            inferNumeric(column, thresholds, info);
        else
            inferText(column, thresholds, info);
    }
    applyKindOverrides(table, kinds, overrides);
    return kinds;
}

void applyKindOverrides(const CsvTable& table, std::vector<ColumnKindInfo>& kinds,
                        const KindOverrides& overrides) {
    for (const auto& [name, kind] : overrides) {
        const std::size_t i = findColumn(table, name);
        applyOverride(table, table.columns[i], kind, kinds[i]);
    }
}

const char* kindName(ColumnKind kind) {
    switch (kind) {
        case ColumnKind::Numeric:
            return "numeric";
        case ColumnKind::Categorical:
            return "categorical";
        case ColumnKind::Identifier:
            return "identifier";
        case ColumnKind::DateTime:
            return "date/time";
        case ColumnKind::Constant:
            return "constant";
        case ColumnKind::FreeText:
            return "free text";
    }
    return "?";
}

std::string describeKind(const ColumnKindInfo& info) {
    const auto n = [](std::size_t value) { return std::to_string(value); };
    const std::string rows = n(info.rows) + (info.rows == 1 ? " row" : " rows");
    const std::string missing = info.missing > 0 ? ", " + n(info.missing) + " missing" : "";
    std::string why;
    switch (info.reason) {
        case KindReason::NoValues:
            why = "no values (all " + n(info.rows) + " cells missing)";
            break;
        case KindReason::OneValue:
            why = "one value ('" + printableExcerpt(info.values) + "') in " + rows + missing;
            break;
        case KindReason::IsoDates:
            why = "ISO 8601 dates, " + n(info.distinct) + " distinct in " + rows + missing;
            break;
        case KindReason::MostlyDistinct:
            why = n(info.distinct) + " of " + n(info.valueCount()) + " values distinct";
            break;
        case KindReason::RowNumbers:
            why = "row numbers " + info.values;
            break;
        case KindReason::FewLevels:
            why = n(info.distinct) + " distinct values in " + rows + missing;
            break;
        case KindReason::TooManyLevels:
            why = n(info.distinct) + " distinct values in " + rows + missing + ", more than the " +
                  n(info.levelLimit) + " a categorical column may have";
            break;
        case KindReason::Numbers:
            why =
                info.categoricalCandidate
                    ? n(info.distinct) + " distinct whole numbers (could be categorical)" + missing
                    : n(info.distinct) + " distinct values in " + rows + missing;
            break;
        case KindReason::Forced:
            why =
                "chosen by the user, " + n(info.distinct) + " distinct values in " + rows + missing;
            break;
    }
    return std::string(kindName(info.kind)) + ": " + why;
}

}  // namespace bps
