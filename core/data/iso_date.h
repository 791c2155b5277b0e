#pragma once
// ISO 8601 calendar dates and date-times as CSV files write them ("1970-01-01",
// "2012-01-01T13:45:00Z", "2012-01-01 13:45:00.5+01:00"): recognised for the column kinds, and
// taken apart into numeric parts (year, month, day of week, ...) for a model to use.

#include <optional>
#include <string_view>

namespace bps {

struct IsoDateTime {
    int year = 0;
    int month = 1;  // 1..12
    int day = 1;    // 1..31, valid for the month (29 February only in leap years)
    bool hasTime = false;
    int hour = 0;  // 0..23
    int minute = 0;
    double second = 0;      // 0 <= second < 61 (a leap second), with any fraction written
    int offsetMinutes = 0;  // from "Z" or "+hh:mm" / "-hhmm" / "+hh"; 0 when none is written
    // 0 = Monday .. 6 = Sunday (ISO 8601 numbers the weekdays from Monday).
    int dayOfWeek() const;
};

// `text` as YYYY-MM-DD, optionally followed by 'T' or one space and hh:mm, hh:mm:ss or
// hh:mm:ss.fff, and then optionally Z or a UTC offset. Empty unless all of `text` is one, with
// a real calendar date and a valid time.
std::optional<IsoDateTime> parseIsoDateTime(std::string_view text);

}  // namespace bps
