#pragma once
// The RFC 4180 tokenizer of the CSV reader (csv_reader.cpp): a byte-level state machine that cuts
// input, chunk by chunk, into fields and records and hands them to a sink. Internal to the
// reader; in a header of its own only to keep each file to one concept.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>

#include "core/base/errors.h"
#include "core/csv/fast_float_compat.h"

namespace bps::csv_detail {

// Absurd inputs (a missing closing quote early in a huge file, a binary blob) get a clear error
// instead of slowly eating all memory.
inline constexpr std::size_t kMaxFieldBytes = std::size_t{64} << 20;
inline constexpr const char* kNulMessage = "unexpected NUL byte (is this a binary file?)";

[[noreturn]] inline void fail(const std::string& source, std::size_t line, std::size_t column,
                              const std::string& message) {
    throw DataError(locate(source, line, column, message));
}

inline unsigned char byteOf(char c) { return static_cast<unsigned char>(c); }

// Messages are shown as UTF-8 text, so only printable ASCII is quoted as a character.
inline std::string describeByte(char c) {
    if (byteOf(c) >= 0x20 && byteOf(c) < 0x7F) return std::string("character '") + c + "'";
    constexpr const char* kHex = "0123456789ABCDEF";
    return std::string("byte 0x") + kHex[byteOf(c) >> 4] + kHex[byteOf(c) & 0xF];
}

enum class FieldEnd { Delimiter, LineFeed, CarriageReturn, EndOfInput };

// RFC 4180 tokenizer. Sink needs `void field(index, text, recordLine)`,
// `bool number(index, value, recordLine)` (false: send it as text instead) and
// `bool endRecord(fieldCount, recordLine)` (false stops feed()). Text views are valid only
// during the call. Lines are physical lines: CRLF, LF and a lone CR each end one, also inside
// quotes. Lines holding only whitespace are skipped.
//
// The delimiter ' ' (kWhitespaceDelimiter, csv_delimiter.h) stands for a run of spaces and tabs,
// for whitespace-aligned files: blanks at the start and end of a line separate nothing. A field
// followed by blanks is handed over at once; whether the blanks were a delimiter or the end of
// the line is known only at the next byte that is not blank (state AfterBlanks).
template <class Sink>
class CsvTokenizer {
public:
    CsvTokenizer(char delimiter, const std::string& source, Sink& sink)
        : m_sink(sink), m_source(source), m_delimiter(delimiter) {
        const bool blankRuns = delimiter == ' ';
        m_isSpace[byteOf(' ')] = true;
        m_isSpace[byteOf('\t')] = blankRuns || delimiter != '\t';
        for (char c : {delimiter, '\n', '\r', '\0'}) m_endsUnquoted[byteOf(c)] = true;
        if (blankRuns) m_endsUnquoted[byteOf('\t')] = true;
        for (char c : {'"', '\n', '\r', '\0'}) m_endsQuotedRun[byteOf(c)] = true;
    }

    // For input that starts after some lines the caller has consumed.
    void setFirstLine(std::size_t line) { m_line = m_recordLine = line; }
    // Between records (not inside a field, a quote or a CRLF): the input so far ends a record.
    bool atRecordStart() const {
        return m_state == State::FieldStart && m_fieldIndex == 0 && !m_afterCr;
    }
    std::size_t line() const { return m_line; }
    // Returns false if the sink asked to stop.
    bool feed(std::string_view chunk);
    // End of input: completes the last record, or throws if a quoted field is still open.
    void finish() {
        switch (m_state) {
            case State::Quoted:
                fail(m_source, m_quoteLine, m_fieldIndex + 1, "unterminated quoted field");
            case State::QuoteInQuoted:
            case State::AfterQuote:
                endField(m_field, true, FieldEnd::EndOfInput);
                break;
            case State::Unquoted:
                endField(trimRight(m_field), false, FieldEnd::EndOfInput);
                break;
            case State::FieldStart:
                endField({}, false, FieldEnd::EndOfInput);
                break;
            case State::AfterBlanks:
                closeField(FieldEnd::EndOfInput, true);
                break;
        }
    }

private:
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted, AfterQuote, AfterBlanks };

    bool endField(std::string_view text, bool quoted, FieldEnd end) {
        // A line with nothing but whitespace is a blank line, not a record with one empty field.
        const bool counts =
            end == FieldEnd::Delimiter || m_fieldIndex > 0 || quoted || !text.empty();
        if (counts) m_sink.field(m_fieldIndex, text, m_recordLine);
        return closeField(end, counts);
    }
    // Whitespace-delimited input: a field ended at a blank. It goes to the sink now; the record
    // goes on or ends in state AfterBlanks.
    void fieldBeforeBlanks(std::string_view text) {
        m_sink.field(m_fieldIndex, text, m_recordLine);
        m_state = State::AfterBlanks;
    }
    // The field just parsed (and handed over) ended at byte `c`: a delimiter, a line end or, in
    // whitespace-delimited input, a blank.
    bool fieldEndedAt(char c) {
        if (m_isSpace[byteOf(c)]) {  // only a blank run can be the delimiter and a space too
            m_state = State::AfterBlanks;
            return true;
        }
        return closeField(endOf(c), true);
    }
    // After a field has gone to the sink (or a blank line has not): the next field or record.
    bool closeField(FieldEnd end, bool counts) {
        m_state = State::FieldStart;
        if (end == FieldEnd::Delimiter) {
            ++m_fieldIndex;
            return true;
        }
        const bool more = counts ? m_sink.endRecord(m_fieldIndex + 1, m_recordLine) : true;
        if (end != FieldEnd::EndOfInput) ++m_line;
        m_afterCr = end == FieldEnd::CarriageReturn;
        m_fieldIndex = 0;
        m_recordLine = m_line;
        return more;
    }
    // The fast path for the common cell, a plain number ending at a delimiter or line end
    // inside this chunk: parsed in place in one pass and handed over as a double. Anything
    // else (a sign '+', spaces after it, a subnormal or non-finite value, a text column, the
    // first record) returns false and takes the general path from the same byte.
    bool numberField(const char*& p, const char* end) {
        double value = 0;
        const char* last = parsePlainNumber(p, end, value);
        if (!last) return false;
        const char c = *last;
        if (c != m_delimiter && c != '\n' && c != '\r') return false;
        if (!m_sink.number(m_fieldIndex, value, m_recordLine)) return false;
        p = last + 1;
        return true;
    }
    FieldEnd endOf(char c) const {
        if (c == m_delimiter) return FieldEnd::Delimiter;
        return c == '\n' ? FieldEnd::LineFeed : FieldEnd::CarriageReturn;
    }
    std::string_view trimRight(std::string_view text) const {
        while (!text.empty() && m_isSpace[byteOf(text.back())]) text.remove_suffix(1);
        return text;
    }
    void appendToField(const char* first, const char* last) {
        m_field.append(first, last);
        if (m_field.size() <= kMaxFieldBytes) return;
        if (m_state == State::Quoted)
            fail(m_source, m_quoteLine, m_fieldIndex + 1,
                 "quoted field longer than 64 MiB (is a closing quote missing?)");
        failHere("field longer than 64 MiB");
    }
    [[noreturn]] void failHere(const std::string& message) const {
        fail(m_source, m_line, m_fieldIndex + 1, message);
    }

    Sink& m_sink;
    const std::string& m_source;
    const char m_delimiter;
    std::array<bool, 256> m_isSpace{};
    std::array<bool, 256> m_endsUnquoted{};
    std::array<bool, 256> m_endsQuotedRun{};

    State m_state = State::FieldStart;
    std::string m_field;  // the current field when it is quoted or straddles chunks
    std::size_t m_fieldIndex = 0;
    std::size_t m_line = 1;
    std::size_t m_recordLine = 1;
    std::size_t m_quoteLine = 0;  // where the open quote is, for "unterminated" errors
    bool m_afterCr = false;       // the last byte was a CR line end: a LF now completes it
};

template <class Sink>
bool CsvTokenizer<Sink>::feed(std::string_view chunk) {
    const char* p = chunk.data();
    const char* const end = p + chunk.size();
    while (p != end) {
        if (m_afterCr) {
            m_afterCr = false;
            if (*p == '\n') {  // second half of a CRLF, already counted
                if (m_state == State::Quoted) m_field.push_back('\n');
                ++p;
                continue;
            }
        }
        switch (m_state) {
            case State::FieldStart: {
                while (p != end && m_isSpace[byteOf(*p)]) ++p;
                if (p == end) break;
                if (*p == '"') {
                    m_state = State::Quoted;
                    m_quoteLine = m_line;
                    m_field.clear();
                    ++p;
                    break;
                }
                if (numberField(p, end)) {
                    if (!fieldEndedAt(p[-1])) return false;
                    break;
                }
                m_state = State::Unquoted;
                m_field.clear();
                [[fallthrough]];
            }
            case State::Unquoted: {
                // The fast path: a field that lies within one chunk is parsed in place. A quote
                // in the middle of an unquoted field (ab"c) is kept as a literal character, as
                // most spreadsheet programs do, rather than rejected.
                const char* const start = p;
                while (p != end && !m_endsUnquoted[byteOf(*p)]) ++p;
                std::string_view text(start, static_cast<std::size_t>(p - start));
                if (!m_field.empty() || p == end) {  // it straddles chunks
                    appendToField(start, p);
                    text = m_field;
                }
                if (p == end) break;
                if (*p == '\0') failHere(kNulMessage);
                if (m_isSpace[byteOf(*p)]) {  // a blank that ends fields: whitespace-delimited
                    ++p;
                    fieldBeforeBlanks(text);
                    break;
                }
                if (!endField(trimRight(text), false, endOf(*p++))) return false;
                break;
            }
            case State::Quoted: {
                const char* const start = p;
                while (p != end && !m_endsQuotedRun[byteOf(*p)]) ++p;
                appendToField(start, p);
                if (p == end) break;
                const char c = *p++;
                if (c == '"') {
                    m_state = State::QuoteInQuoted;
                } else if (c == '\0') {
                    failHere(kNulMessage);
                } else {  // a line end inside the quotes is part of the value
                    m_field.push_back(c);
                    ++m_line;
                    m_afterCr = c == '\r';
                }
                break;
            }
            case State::QuoteInQuoted:
                if (*p == '"') {  // "" stands for one quote
                    m_field.push_back('"');
                    m_state = State::Quoted;
                    ++p;
                } else {
                    m_state = State::AfterQuote;
                }
                break;
            case State::AfterQuote: {
                if (m_delimiter == ' ' && m_isSpace[byteOf(*p)]) {
                    ++p;
                    fieldBeforeBlanks(m_field);
                    break;
                }
                while (p != end && m_isSpace[byteOf(*p)]) ++p;
                if (p == end) break;
                const char c = *p;
                if (c == '\0') failHere(kNulMessage);
                if (c != m_delimiter && c != '\n' && c != '\r')
                    failHere("unexpected " + describeByte(c) + " after closing quote");
                ++p;
                if (!endField(m_field, true, endOf(c))) return false;
                break;
            }
            case State::AfterBlanks: {
                while (p != end && m_isSpace[byteOf(*p)]) ++p;
                if (p == end) break;
                const char c = *p;
                if (c == '\n' || c == '\r') {  // trailing blanks: the record ends here
                    ++p;
                    if (!closeField(endOf(c), true)) return false;
                } else {  // the blanks were the delimiter; this byte starts the next field
                    closeField(FieldEnd::Delimiter, true);
                }
                break;
            }
        }
    }
    return true;
}

}  // namespace bps::csv_detail
