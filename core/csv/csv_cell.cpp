#include "core/csv/csv_cell.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "core/base/errors.h"

namespace bps {

bool parseUnderflow(const char* first, const char* last, double& value) {
    const bool negative = first != last && *first == '-';
    const char* p = first + (negative ? 1 : 0);
    // The decimal exponent of the first significant digit: integer digits count up, zeros right
    // after the point count down, and the exponent part adds (saturating: it may be 400 digits).
    long long integerDigits = 0, leadingZeros = 0;
    bool significant = false, point = false;
    for (; p != last && *p != 'e' && *p != 'E'; ++p) {
        if (*p == '.') {
            point = true;
            continue;
        }
        if (!significant && *p == '0') {
            if (point) ++leadingZeros;
            continue;
        }
        significant = true;
        if (!point) ++integerDigits;
    }
    constexpr long long kSaturated = 1'000'000'000'000LL;
    long long exponent = 0;
    if (p != last) {
        ++p;
        const bool negativeExponent = p != last && *p == '-';
        if (p != last && (*p == '-' || *p == '+')) ++p;
        for (; p != last; ++p) exponent = std::min(exponent * 10 + (*p - '0'), kSaturated);
        if (negativeExponent) exponent = -exponent;
    }
    const long long magnitude =
        (integerDigits > 0 ? std::min(integerDigits, kSaturated) - 1 : -leadingZeros - 1) +
        exponent;
    if (significant && magnitude >= 0) return false;
    value = negative ? -0.0 : 0.0;
    return true;
}

bool isNonFiniteNumber(std::string_view cell) {
    const char* first = cell.data();
    const char* const last = first + cell.size();
    if (first != last && *first == '+') ++first;
    if (first == last || *first == '+') return false;
    double value = 0;
    const auto [end, error] = std::from_chars(first, last, value);
    if (end != last) return false;
    if (error == std::errc::result_out_of_range) return !parseUnderflow(first, last, value);
    return error == std::errc() && !std::isfinite(value);
}

namespace {
// The length of the valid UTF-8 sequence at the start of `text`, or 0.
std::size_t utf8Length(std::string_view text) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;   // overlong
        if (lead == 0xED) high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    }
    if (length == 0 || text.size() < length || byte(1) < low || byte(1) > high) return 0;
    for (std::size_t i = 2; i < length; ++i)
        if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
    return length;
}
}  // namespace

bool isValidUtf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
        } else if (const std::size_t n = utf8Length(text.substr(i)); n > 0) {
            i += n;
        } else {
            return false;
        }
    }
    return true;
}

std::string textAsUtf8(std::string_view text) {
    if (isValidUtf8(text)) return std::string(text);
    // Windows-1252 at 0x80..0x9F (its five unassigned bytes become U+FFFD); Latin-1 above.
    static constexpr char16_t kHigh[32] = {
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    std::string out;
    out.reserve(text.size() * 2);
    for (const char byte : text) {
        const auto c = static_cast<unsigned char>(byte);
        const char32_t code = c < 0x80 ? c : c < 0xA0 ? kHigh[c - 0x80] : c;
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }
    return out;
}

std::string printableExcerpt(std::string_view text, std::size_t maxBytes) {
    constexpr const char* kHex = "0123456789ABCDEF";
    std::string out;
    std::size_t i = 0;
    while (i < text.size() && out.size() < maxBytes) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
            ++i;
        } else if (c == '\n' || c == '\r' || c == '\t') {
            out += c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t";
            ++i;
        } else if (const std::size_t n = c >= 0x80 ? utf8Length(text.substr(i)) : 0; n > 0) {
            out.append(text.substr(i, n));
            i += n;
        } else {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
            ++i;
        }
    }
    if (i < text.size()) out += "...";
    return out;
}

bool isMissingMarker(std::string_view cell) {
    if (cell.size() > 4) return false;
    std::string lower(cell);
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    return lower.empty() || lower == "?" || lower == "na" || lower == "n/a" || lower == "nan" ||
           lower == "null";
}

CsvColumnBuilder::CsvColumnBuilder(const std::string& source, std::string name)
    : m_source(&source) {
    m_column.name = std::move(name);
}

// Everything but a number in a numeric column: missing markers and text.
void CsvColumnBuilder::addOther(std::string_view cell, std::size_t line, std::size_t column) {
    if (m_column.numeric) {
        if (isMissingMarker(cell)) {
            m_column.numbers.push_back(std::numeric_limits<double>::quiet_NaN());
            ++m_column.missing;
            return;
        }
        makeText(cell, line, column);
    }
    if (isMissingMarker(cell)) {
        m_column.codes.push_back(-1);
        ++m_column.missing;
    } else {
        m_converted = false;
        const std::int32_t code = intern(cell);
        m_column.codes.push_back(code);
        if (m_converted && !m_column.firstNonUtf8) {
            m_column.firstNonUtf8 = CellLocation{line, column};
            m_column.firstNonUtf8Level = code;
            m_column.firstNonUtf8Text = printableExcerpt(cell);
        }
    }
}

void CsvColumnBuilder::reserve(std::size_t rows) {
    m_rowEstimate = rows;
    if (m_column.numeric)
        m_column.numbers.reserve(rows);
    else
        m_column.codes.reserve(rows);
}

// The numbers read so far become levels, as their shortest text, so that every row keeps its
// value. NaN can only be a missing cell here, since parseCsvNumber() takes finite values only.
void CsvColumnBuilder::makeText(std::string_view cell, std::size_t line, std::size_t column) {
    m_column.numeric = false;
    m_column.firstText = CellLocation{line, column};
    m_column.firstTextValue = textAsUtf8(cell);
    m_column.codes.reserve(std::max(m_rowEstimate, m_column.numbers.size() + 1));
    for (double value : m_column.numbers) {
        if (std::isnan(value)) {
            m_column.codes.push_back(-1);
            continue;
        }
        char buffer[32];
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
        m_column.codes.push_back(intern(std::string_view(buffer, result.ptr - buffer)));
    }
    m_column.numbers = {};  // frees the memory, unlike clear()
}

// Levels are valid UTF-8 (textAsUtf8). A cell that is not is also remembered as it was written,
// so that its next occurrences are found without converting again.
std::int32_t CsvColumnBuilder::intern(std::string_view text) {
    if (const auto it = m_codeOfLevel.find(text); it != m_codeOfLevel.end()) return it->second;
    if (isValidUtf8(text)) return internUtf8(text);
    m_converted = true;
    const std::int32_t code = internUtf8(textAsUtf8(text));
    m_codeOfLevel.emplace(std::string(text), code);
    return code;
}

std::int32_t CsvColumnBuilder::internUtf8(std::string_view text) {
    if (const auto it = m_codeOfLevel.find(text); it != m_codeOfLevel.end()) return it->second;
    if (m_column.levels.size() >=
        static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw DataError(locate(
            *m_source, 0, 0,
            "column '" + printableExcerpt(m_column.name) + "' has too many distinct values"));
    const auto code = static_cast<std::int32_t>(m_column.levels.size());
    m_column.levels.emplace_back(text);
    m_codeOfLevel.emplace(m_column.levels.back(), code);
    return code;
}

}  // namespace bps
