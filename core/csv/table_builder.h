#pragma once
// The sink the CSV reader's tokenizer feeds (csv_reader.cpp): the first record decides the header
// and the column count, then every cell goes straight into its column (typed cell by cell in
// csv_cell.cpp). Internal to the reader.

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/csv/csv_cell.h"
#include "core/csv/csv_delimiter.h"
#include "core/csv/csv_numeric_tail.h"
#include "core/csv/csv_reader.h"
#include "core/csv/csv_tokenizer.h"

namespace bps::csv_detail {

inline constexpr std::size_t kMaxColumns = 1'000'000;

class TableBuilder {
public:
    TableBuilder(const std::string& source, HeaderMode mode) : m_source(source), m_mode(mode) {}

    // Before the first record.
    void setLayout(const SniffedLayout& layout) { m_layout = layout; }

    void field(std::size_t index, std::string_view text, std::size_t line) {
        if (!m_haveColumns) {
            if (m_firstRecord.size() >= kMaxColumns)
                fail(m_source, line, 0, "more than 1000000 fields in the first row");
            m_firstRecord.emplace_back(text);
        } else if (index < m_columns.size()) {  // extra fields: endRecord reports them
            m_columns[index].add(text, line, index + 1);
        }
    }

    // A cell already parsed as a number; false if it must come as text instead (the first
    // record, a text column, an extra field).
    bool number(std::size_t index, double value, std::size_t) {
        return m_haveColumns && index < m_columns.size() && m_columns[index].addNumber(value);
    }

    bool endRecord(std::size_t fieldCount, std::size_t line) {
        if (!m_haveColumns) {
            startColumns(line);
            return true;
        }
        if (fieldCount != m_columns.size()) {
            fail(m_source, line, 0,
                 std::to_string(fieldCount) + (fieldCount == 1 ? " field, " : " fields, ") +
                     (m_table.hasHeader ? "header has " : "first row has ") +
                     std::to_string(m_columns.size()));
        }
        ++m_table.rows;
        m_table.rowLine.push_back(line);
        return true;
    }

    std::size_t recordsSeen() const { return m_table.rows + (m_table.hasHeader ? 1 : 0); }
    std::size_t columnCount() const { return m_columns.size(); }

    // Rows parsed elsewhere, one per physical line from `firstLine` on; false, with nothing
    // changed, unless every column is numeric and there are as many as the table has.
    bool appendNumericRows(NumericTail& tail, std::size_t firstLine) {
        if (!m_haveColumns || tail.columns.size() != m_columns.size()) return false;
        for (const CsvColumnBuilder& column : m_columns)
            if (!column.numeric()) return false;
        // A megabyte at a time, each given back as soon as it is copied: the two halves are
        // never held twice.
        constexpr std::size_t kPiece = std::size_t{1} << 17;
        for (std::size_t i = 0; i < m_columns.size(); ++i)
            for (std::size_t at = 0; at < tail.rows; at += kPiece) {
                const std::size_t count = std::min(kPiece, tail.rows - at);
                m_columns[i].appendNumbers(tail.columns[i].data() + at, count);
                tail.columns[i].release(at + count);
            }
        for (std::size_t r = 0; r < tail.rows; ++r) m_table.rowLine.push_back(firstLine + r);
        m_table.rows += tail.rows;
        return true;
    }

    void reserveRows(std::size_t rows) {
        m_table.rowLine.reserve(rows);
        for (CsvColumnBuilder& column : m_columns) column.reserve(rows);
    }

    CsvTable finish() {
        if (!m_haveColumns) fail(m_source, 0, 0, "the file is empty");
        if (m_table.rows == 0) fail(m_source, 0, 0, "no data rows after the header");
        m_table.source = m_source;
        m_table.delimiter = m_layout.delimiter;
        for (CsvColumnBuilder& column : m_columns) m_table.columns.push_back(column.take());
        return std::move(m_table);
    }

private:
    void startColumns(std::size_t line) {
        const auto isText = [](const std::string& cell) {
            double value = 0;
            return !isMissingMarker(cell) && !parseCsvNumber(cell, value);
        };
        m_table.hasHeader = m_mode == HeaderMode::Present ||
                            (m_mode == HeaderMode::Detect &&
                             std::any_of(m_firstRecord.begin(), m_firstRecord.end(), isText));
        if (m_firstRecord.size() == 1)
            m_table.likelyDelimiter = likelyDelimiterIn(m_firstRecord[0], m_layout.delimiter);
        // R's write.table names every column but the row names: those get an unnamed column.
        if (m_table.hasHeader && m_layout.headerLacksFirstName)
            m_firstRecord.insert(m_firstRecord.begin(), std::string());
        const std::size_t count = m_firstRecord.size();
        m_columns.reserve(count);
        // Columns are found by name (features, the target, a model's inputs), so names are made
        // unique: a repeated "a" becomes "a.1", then "a.2", as pandas and R name them.
        std::unordered_set<std::string> used;
        for (std::size_t i = 0; i < count; ++i) {
            const std::string_view given = m_table.hasHeader ? withoutQuotes(m_firstRecord[i]) : "";
            const std::string base =
                !given.empty() ? textAsUtf8(given) : "column_" + std::to_string(i + 1);
            std::string name = base;
            for (std::size_t n = 1; used.contains(name); ++n) name = base + "." + std::to_string(n);
            used.insert(name);
            m_columns.emplace_back(m_source, std::move(name));
        }
        m_haveColumns = true;
        if (!m_table.hasHeader) {
            for (std::size_t i = 0; i < count; ++i) m_columns[i].add(m_firstRecord[i], line, i + 1);
            m_table.rows = 1;
            m_table.rowLine.push_back(line);
        }
        m_firstRecord = {};
    }

    // 'name' or "name": quotes that RFC 4180 quoting did not take away (single quotes, as some
    // statistics packages write them, or a second pair) are not part of a column's name.
    static std::string_view withoutQuotes(std::string_view name) {
        if (name.size() < 2 || (name.front() != '\'' && name.front() != '"') ||
            name.back() != name.front())
            return name;
        const std::string_view inner = name.substr(1, name.size() - 2);
        return inner.find(name.front()) == std::string_view::npos ? inner : name;
    }

    const std::string& m_source;
    const HeaderMode m_mode;
    SniffedLayout m_layout;
    CsvTable m_table;  // all but the columns, which are moved in at the end
    bool m_haveColumns = false;
    std::vector<std::string> m_firstRecord;  // held until we know if it is the header
    std::vector<CsvColumnBuilder> m_columns;
};

}  // namespace bps::csv_detail
