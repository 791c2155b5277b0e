#pragma once
// Date/time columns as numeric inputs (--expand-dates): an ISO 8601 column "Year" becomes the
// numeric columns "Year:year", "Year:month", "Year:day", "Year:day_of_week" (and "Year:hour",
// "Year:minute" when its values have times). The plan (DateExpansion) is data, stored with the
// encoding, so that prediction derives the same parts from the raw column; each part is then an
// ordinary numeric input (imputed when the cell is missing or not a date).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv/csv_reader.h"

namespace bps {

enum class DatePart { Year, Month, Day, DayOfWeek, Hour, Minute };

struct DateExpansion {
    std::string column;           // the raw date/time column
    std::vector<DatePart> parts;  // in this order, each a numeric column datePartColumn(...)
};

// "year", "month", "day", "day_of_week", "hour", "minute".
const char* datePartName(DatePart part);
std::optional<DatePart> parseDatePart(std::string_view name);
// "Year:year": the name of a part's numeric column.
std::string datePartColumn(const std::string& column, DatePart part);

// The parts of `column`'s values: year, month, day and day of week, plus hour and minute when
// any value has a time; a part other than the year is left out when every value has the same.
DateExpansion planDateExpansion(const CsvColumn& column);

// `table` with the parts of each expansion appended as numeric columns (NaN where the cell is
// missing or not an ISO date), the raw date columns left in place. An expansion whose column the
// table lacks is skipped when the table already has all its part columns, else a DataError.
CsvTable withDateParts(const CsvTable& table, const std::vector<DateExpansion>& expansions);

}  // namespace bps
