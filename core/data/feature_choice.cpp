#include "core/data/feature_choice.h"

#include <algorithm>
#include <string>

#include "core/base/errors.h"
#include "core/data/dataset_messages.h"

namespace bps::dataset_detail {

namespace {

std::string dateHint() {
    return "--expand-dates uses its year, month, day and day of week (and hour and minute when it "
           "has times)";
}

}  // namespace

// The default features: every numeric and categorical column but the target; the others are
// left out, each with a warning saying why.
std::vector<ChosenFeature> defaultFeatures(const CsvTable& table, std::size_t targetIndex,
                                           const std::vector<ColumnKindInfo>& kinds,
                                           bool expandDates, Dataset& data,
                                           const CsvColumn*& hinted) {
    std::vector<ChosenFeature> chosen;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        if (i == targetIndex) continue;
        const CsvColumn& column = table.columns[i];
        const ColumnKindInfo& info = kinds[i];
        if (!column.numeric) {
            if (numericButNonFinite(column)) throwNonFinite(table, column);
            // Numbers written in a way not read as numbers ("1,5", "0x1p3") are a formatting
            // problem to fix, not categories: left out, with the hint.
            if (!numberHint(column.firstTextValue).empty() && info.reason != KindReason::Forced) {
                if (!hinted) hinted = &column;
                data.warnings.push_back("column '" + shown(column.name) +
                                        "' holds text and was left out of the features (" +
                                        firstTextCell(column) + ")");
                continue;
            }
        }
        switch (info.kind) {
            case ColumnKind::Numeric:
                chosen.push_back({i, ColumnKind::Numeric});
                continue;
            case ColumnKind::Categorical:
                chosen.push_back({i, ColumnKind::Categorical});
                continue;
            case ColumnKind::Constant:
                // One value (or none) tells no row from another: left out, said. Named in
                // --features it stays (the scaler and the diagnosis then name it).
                data.warnings.push_back("column '" + shown(column.name) +
                                        "' left out: " + describeKind(info));
                continue;
            case ColumnKind::DateTime:
                if (expandDates) {
                    chosen.push_back({i, ColumnKind::DateTime});
                    continue;
                }
                data.warnings.push_back("column '" + shown(column.name) + "' left out: " +
                                        describeKind(info) + " (" + dateHint() + ")");
                continue;
            default:
                data.warnings.push_back("column '" + shown(column.name) +
                                        "' left out: " + describeKind(info));
        }
    }
    return chosen;
}

// The features the user named: text columns are categorical (an identifier or free text too,
// with a warning), a date/time column needs --expand-dates.
std::vector<ChosenFeature> namedFeatures(const CsvTable& table, std::size_t targetIndex,
                                         const std::vector<ColumnKindInfo>& kinds,
                                         const DataSelection& selection, Dataset& data) {
    std::vector<ChosenFeature> chosen;
    for (const auto& name : selection.features) {
        const std::size_t i = findColumn(table, name);
        if (i == targetIndex)
            throw DataError(
                locate(table.source, 0, 0,
                       "column '" + shown(name) + "' is the target; it cannot also be a feature"));
        if (std::any_of(chosen.begin(), chosen.end(),
                        [&](const ChosenFeature& f) { return f.column == i; }))
            throw DataError(
                locate(table.source, 0, 0, "feature '" + shown(name) + "' is listed twice"));
        const CsvColumn& column = table.columns[i];
        const ColumnKindInfo& info = kinds[i];
        if (!column.numeric && numericButNonFinite(column)) throwNonFinite(table, column);
        if (info.kind == ColumnKind::Categorical) {
            chosen.push_back({i, ColumnKind::Categorical});
        } else if (column.numeric) {
            chosen.push_back({i, ColumnKind::Numeric});
        } else if (info.kind == ColumnKind::DateTime) {
            if (!selection.expandDates)
                throw DataError(locate(
                    table.source, 0, 0,
                    "feature '" + shown(name) + "' is " + describeKind(info) + ": " + dateHint()));
            chosen.push_back({i, ColumnKind::DateTime});
        } else {
            if (info.kind == ColumnKind::Identifier || info.kind == ColumnKind::FreeText)
                data.warnings.push_back(
                    "feature '" + shown(name) + "' is " + describeKind(info) +
                    "; used as categorical as asked (one input per level, rare levels merged "
                    "into 'other')");
            chosen.push_back({i, ColumnKind::Categorical});
        }
    }
    return chosen;
}

// A feature with no value in any row that has a target tells no kept row from another (and
// has nothing to fit an encoding or a median on): left out, said, whether chosen or named.
std::vector<ChosenFeature> withValuesBesideTarget(const CsvTable& table, const CsvColumn& target,
                                                  std::vector<ChosenFeature> chosen, Dataset& data,
                                                  const CsvColumn*& valueless) {
    std::erase_if(chosen, [&](const ChosenFeature& f) {
        const CsvColumn& column = table.columns[f.column];
        for (std::size_t r = 0; r < table.rows; ++r)
            if (!isMissing(target, r) && !isMissing(column, r)) return false;
        valueless = &column;
        data.warnings.push_back("column '" + shown(column.name) +
                                "' left out: it has no value in the rows that have a target '" +
                                shown(target.name) + "' value");
        return true;
    });
    return chosen;
}

}  // namespace bps::dataset_detail
