#pragma once
// The CSV reader's tests (tst_csv_reader, tst_csv_delimiters) describe a table on one line, so
// that a failure shows the whole difference, and check the shape rules every table keeps.

#include <QByteArray>
#include <QString>
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

#include "core/base/errors.h"
#include "core/csv/csv_reader.h"

namespace bps::test {

inline std::string numberText(double value) {
    if (std::isnan(value)) return "NA";
    char buffer[32];
    return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

inline QString escaped(const std::string& text) {
    return QString::fromStdString(text).replace('\n', "\\n").replace('\r', "\\r");
}

inline QString delimiterName(char delimiter) {
    if (delimiter == '\t') return "tab";
    if (delimiter == ' ') return "space";
    return QString(QChar(delimiter));
}

// Everything a test checks, on one line, so that a failure shows the whole difference:
// "d=, h=1 rows=2 lines=2,3 | a num miss=0: 1 3 | b txt@2:2'x' levels=2 miss=1: 'x' NA"
// (txt@L:C'v' is where the column turned to text and the value that did it; a table of one
// column adds "likely=|" after h= when its first record holds another likely delimiter).
inline QString describe(const bps::CsvTable& table) {
    QString out = "d=" + delimiterName(table.delimiter) + " h=" + (table.hasHeader ? "1" : "0");
    if (table.likelyDelimiter) out += " likely=" + delimiterName(*table.likelyDelimiter);
    out += " rows=" + QString::number(table.rows) + " lines=";
    for (std::size_t r = 0; r < table.rowLine.size(); ++r)
        out += (r ? "," : "") + QString::number(table.rowLine[r]);
    for (const bps::CsvColumn& column : table.columns) {
        out += " | " + escaped(column.name);
        if (column.numeric) {
            out += " num";
        } else {
            const bps::CellLocation at = column.firstText.value_or(bps::CellLocation{});
            out += " txt@" + QString::number(at.line) + ":" + QString::number(at.column) + "'" +
                   escaped(column.firstTextValue) +
                   "' levels=" + QString::number(column.levels.size());
        }
        out += " miss=" + QString::number(column.missing) + ":";
        for (double value : column.numbers) out += " " + QString::fromStdString(numberText(value));
        for (std::int32_t code : column.codes)
            out += code < 0 ? QString(" NA") : " '" + escaped(column.levels.at(code)) + "'";
    }
    return out;
}

// The shape rules of CsvTable that every result must keep; empty if all hold.
inline QString brokenInvariant(const bps::CsvTable& table) {
    if (table.rowLine.size() != table.rows) return "rowLine size";
    for (const bps::CsvColumn& column : table.columns) {
        std::size_t missing = 0;
        if (column.numeric) {
            if (column.numbers.size() != table.rows || !column.codes.empty() ||
                !column.levels.empty() || column.firstText)
                return "numeric column shape: " + QString::fromStdString(column.name);
            for (double value : column.numbers) missing += std::isnan(value) ? 1 : 0;
        } else {
            if (!column.numbers.empty() || column.codes.size() != table.rows || !column.firstText)
                return "text column shape: " + QString::fromStdString(column.name);
            for (std::int32_t code : column.codes) {
                if (code >= static_cast<std::int32_t>(column.levels.size()) || code < -1)
                    return "code out of range: " + QString::fromStdString(column.name);
                missing += code < 0 ? 1 : 0;
            }
        }
        if (missing != column.missing)
            return "missing count: " + QString::fromStdString(column.name);
    }
    return {};
}

inline bps::CsvOptions makeOptions(bps::HeaderMode header, const QByteArray& delimiter) {
    bps::CsvOptions options;
    options.header = header;
    if (!delimiter.isEmpty()) options.delimiter = delimiter.at(0);
    return options;
}

inline std::string_view view(const QByteArray& bytes) {
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

// Runs `read` and returns the DataError message, or a note that nothing was thrown.
template <class Read>
QString errorOf(Read read) {
    try {
        read();
    } catch (const bps::DataError& error) {
        return QString::fromUtf8(error.what());
    }
    return "(no error)";
}

}  // namespace bps::test
