#include "core/data/iso_date.h"

namespace bps {

namespace {

// Exactly `digits` decimal digits at the front of `text`, consumed.
bool takeNumber(std::string_view& text, int digits, int& value) {
    if (text.size() < static_cast<std::size_t>(digits)) return false;
    value = 0;
    for (int i = 0; i < digits; ++i) {
        const char c = text[static_cast<std::size_t>(i)];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    text.remove_prefix(static_cast<std::size_t>(digits));
    return true;
}

bool take(std::string_view& text, char c) {
    if (text.empty() || text.front() != c) return false;
    text.remove_prefix(1);
    return true;
}

bool isLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
long long daysFromCivil(int year, int month, int day) {
    const long long y = year - (month <= 2 ? 1 : 0);
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long yearOfEra = y - era * 400;
    const long long dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const long long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

// hh:mm[:ss[.fff]] at the front of `text`, consumed.
bool takeTime(std::string_view& text, IsoDateTime& out) {
    if (!takeNumber(text, 2, out.hour) || !take(text, ':') || !takeNumber(text, 2, out.minute))
        return false;
    if (out.hour > 23 || out.minute > 59) return false;
    if (!take(text, ':')) return true;
    int whole = 0;
    if (!takeNumber(text, 2, whole) || whole > 60) return false;
    out.second = whole;
    if (take(text, '.') || take(text, ',')) {  // ISO allows either decimal sign
        double scale = 0.1;
        const std::size_t before = text.size();
        while (!text.empty() && text.front() >= '0' && text.front() <= '9') {
            out.second += (text.front() - '0') * scale;
            scale /= 10;
            text.remove_prefix(1);
        }
        if (text.size() == before) return false;
    }
    return true;
}

// Z, +hh, +hhmm or +hh:mm (or '-'), making up all of `text`.
bool takeOffset(std::string_view text, IsoDateTime& out) {
    if (text.empty()) return true;
    if (text == "Z") return true;
    const int sign = text.front() == '+' ? 1 : text.front() == '-' ? -1 : 0;
    if (sign == 0) return false;
    text.remove_prefix(1);
    int hours = 0, minutes = 0;
    if (!takeNumber(text, 2, hours) || hours > 23) return false;
    if (!text.empty()) {
        take(text, ':');
        if (!takeNumber(text, 2, minutes) || minutes > 59 || !text.empty()) return false;
    }
    out.offsetMinutes = sign * (hours * 60 + minutes);
    return true;
}

}  // namespace

int IsoDateTime::dayOfWeek() const {
    const long long days = daysFromCivil(year, month, day);  // 1970-01-01 was a Thursday (3)
    return static_cast<int>(((days + 3) % 7 + 7) % 7);
}

std::optional<IsoDateTime> parseIsoDateTime(std::string_view text) {
    IsoDateTime out;
    if (!takeNumber(text, 4, out.year) || !take(text, '-') || !takeNumber(text, 2, out.month) ||
        !take(text, '-') || !takeNumber(text, 2, out.day))
        return std::nullopt;
    if (out.month < 1 || out.month > 12 || out.day < 1 ||
        out.day > daysInMonth(out.year, out.month))
        return std::nullopt;
    if (text.empty()) return out;
    if (!take(text, 'T') && !take(text, ' ')) return std::nullopt;
    out.hasTime = true;
    if (!takeTime(text, out) || !takeOffset(text, out)) return std::nullopt;
    return out;
}

}  // namespace bps
