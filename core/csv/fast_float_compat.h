#pragma once
// Parsing a CSV number fast. fast_float (Debian: libfast-float-dev, header-only) is an inline,
// correctly rounded from_chars; without the header std::from_chars stands in (same values).
// Before either, parseSimpleDecimal() takes the most common cell, a plain decimal like
// -123.4567 with at most 15 digits, in one pass.

#include <cmath>
#include <cstdint>
#include <limits>
#include <system_error>

#if __has_include(<fast_float/fast_float.h>)
#include <fast_float/fast_float.h>
#else
#include <charconv>
namespace fast_float {
inline std::from_chars_result from_chars(const char* first, const char* last, double& value) {
    return std::from_chars(first, last, value);
}
}  // namespace fast_float
#endif

namespace bps {

// [-]digits[.digits] with 1 to 15 digits in all, no exponent: returns the end of the number
// and sets `value`, else nullptr (nothing consumed). Exact: the digits form an integer m below
// 10^15 < 2^53 and the value is m / 10^k with k <= 15, both exact doubles, so the one IEEE
// division rounds correctly, to the same double as from_chars (Clinger's fast path).
inline const char* parseSimpleDecimal(const char* p, const char* end, double& value) {
    static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    const bool negative = p != end && *p == '-';
    if (negative) ++p;
    std::uint64_t m = 0;
    int digits = 0, fraction = 0;
    for (; p != end && unsigned(*p - '0') < 10; ++p, ++digits) m = m * 10 + unsigned(*p - '0');
    if (p != end && *p == '.')
        for (++p; p != end && unsigned(*p - '0') < 10; ++p, ++digits, ++fraction)
            m = m * 10 + unsigned(*p - '0');
    if (digits == 0 || digits > 15 || (p != end && (*p == 'e' || *p == 'E'))) return nullptr;
    const double magnitude = double(m) / kPow10[fraction];
    value = negative ? -magnitude : magnitude;
    return p;
}

// The CSV reader's fast path for one cell starting at p: a number read in place that ends before
// `end` and is zero or a normal finite double. Returns where the number ends (the caller checks
// what follows), or nullptr when the cell must take the general path: no number, one that runs
// to the end of the buffer (it may go on in the next chunk), a subnormal or a non-finite value.
// The reader and its second-half thread (csv_numeric_tail.cpp) both take cells only through
// here, so they read every cell alike.
inline const char* parsePlainNumber(const char* p, const char* end, double& value) {
    const char* last = parseSimpleDecimal(p, end, value);
    if (!last) {
        const auto result = fast_float::from_chars(p, end, value);
        if (result.ec != std::errc()) return nullptr;
        last = result.ptr;
    }
    if (last == p || last == end) return nullptr;
    const double magnitude = std::abs(value);
    if (!(magnitude >= std::numeric_limits<double>::min() &&
          magnitude <= std::numeric_limits<double>::max()) &&
        value != 0)
        return nullptr;
    return last;
}

}  // namespace bps
