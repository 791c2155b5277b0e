#include "core/data/date_parts.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/base/errors.h"
#include "core/csv/csv_cell.h"
#include "core/data/iso_date.h"

namespace bps {

namespace {

constexpr DatePart kAllParts[] = {DatePart::Year,      DatePart::Month, DatePart::Day,
                                  DatePart::DayOfWeek, DatePart::Hour,  DatePart::Minute};

double partValue(const IsoDateTime& t, DatePart part) {
    switch (part) {
        case DatePart::Year:
            return t.year;
        case DatePart::Month:
            return t.month;
        case DatePart::Day:
            return t.day;
        case DatePart::DayOfWeek:
            return t.dayOfWeek();
        case DatePart::Hour:
            return t.hour;
        case DatePart::Minute:
            return t.minute;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

bool hasColumn(const CsvTable& table, const std::string& name) {
    return std::any_of(table.columns.begin(), table.columns.end(),
                       [&](const CsvColumn& c) { return c.name == name; });
}

}  // namespace

const char* datePartName(DatePart part) {
    switch (part) {
        case DatePart::Year:
            return "year";
        case DatePart::Month:
            return "month";
        case DatePart::Day:
            return "day";
        case DatePart::DayOfWeek:
            return "day_of_week";
        case DatePart::Hour:
            return "hour";
        case DatePart::Minute:
            return "minute";
    }
    return "?";
}

std::optional<DatePart> parseDatePart(std::string_view name) {
    for (DatePart part : kAllParts)
        if (name == datePartName(part)) return part;
    return std::nullopt;
}

std::string datePartColumn(const std::string& column, DatePart part) {
    return column + ":" + datePartName(part);
}

DateExpansion planDateExpansion(const CsvColumn& column) {
    DateExpansion plan;
    plan.column = column.name;
    std::vector<IsoDateTime> values;
    for (const std::string& level : column.levels)
        if (const auto t = parseIsoDateTime(level)) values.push_back(*t);
    const bool times =
        std::any_of(values.begin(), values.end(), [](const IsoDateTime& t) { return t.hasTime; });
    // A part with one value in every row (the month of "1970-01-01", "1971-01-01", ...) tells
    // the network nothing: left out. The year stays, so that a plan is never empty.
    for (DatePart part : kAllParts) {
        if (!times && (part == DatePart::Hour || part == DatePart::Minute)) continue;
        const bool varies = std::any_of(values.begin(), values.end(), [&](const IsoDateTime& t) {
            return partValue(t, part) != partValue(values.front(), part);
        });
        if (varies || part == DatePart::Year) plan.parts.push_back(part);
    }
    return plan;
}

CsvTable withDateParts(const CsvTable& table, const std::vector<DateExpansion>& expansions) {
    CsvTable out = table;
    for (const DateExpansion& plan : expansions) {
        const auto source = std::find_if(table.columns.begin(), table.columns.end(),
                                         [&](const CsvColumn& c) { return c.name == plan.column; });
        if (source == table.columns.end()) {
            if (std::all_of(plan.parts.begin(), plan.parts.end(), [&](DatePart p) {
                    return hasColumn(table, datePartColumn(plan.column, p));
                }))
                continue;
            throw DataError(locate(table.source, 0, 0,
                                   "the model needs date/time column '" +
                                       printableExcerpt(plan.column) +
                                       "' (for its parts), which the file lacks"));
        }
        // The parts of each distinct text value, computed once.
        std::vector<std::optional<IsoDateTime>> ofLevel;
        ofLevel.reserve(source->levels.size());
        for (const std::string& level : source->levels) ofLevel.push_back(parseIsoDateTime(level));
        for (DatePart part : plan.parts) {
            CsvColumn column;
            column.name = datePartColumn(plan.column, part);
            column.numeric = true;
            column.numbers.assign(table.rows, std::numeric_limits<double>::quiet_NaN());
            if (!source->numeric)
                for (std::size_t r = 0; r < table.rows && r < source->codes.size(); ++r) {
                    const std::int32_t code = source->codes[r];
                    if (code >= 0 && ofLevel[static_cast<std::size_t>(code)])
                        column.numbers[r] =
                            partValue(*ofLevel[static_cast<std::size_t>(code)], part);
                }
            column.missing =
                static_cast<std::size_t>(std::count_if(column.numbers.begin(), column.numbers.end(),
                                                       [](double v) { return std::isnan(v); }));
            out.columns.push_back(std::move(column));
        }
    }
    return out;
}

}  // namespace bps
