#include "core/data/column_encoding.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

#include "core/base/errors.h"
#include "core/csv/csv_cell.h"
#include "core/csv/csv_delimiter.h"
#include "core/data/dataset.h"

namespace bps {

namespace {

constexpr const char* kOtherLevel = "other";
constexpr const char* kMissingLevel = "missing";

std::string numberText(double value) {
    char buffer[32];
    return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

bool cellMissing(const CsvColumn& column, std::size_t row) {
    return column.numeric ? std::isnan(column.numbers[row]) : column.codes[row] < 0;
}

[[noreturn]] void throwNotNumeric(const CsvTable& table, const CsvColumn& column) {
    const CellLocation at = column.firstText.value_or(CellLocation{});
    throw DataError(locate(table.source, at.line, at.column,
                           "expected a number, found '" + printableExcerpt(column.firstTextValue) +
                               "' (column '" + printableExcerpt(column.name) +
                               "' is a feature and must be numeric)"));
}

const CsvColumn& inputColumn(const CsvTable& table, const InputColumn& input) {
    const CsvColumn& column = table.columns[findColumn(table, input.name)];
    if (input.kind != ColumnKind::Numeric && input.kind != ColumnKind::Categorical)
        throw DataError(locate(table.source, 0, 0,
                               "column '" + printableExcerpt(column.name) + "' is " +
                                   kindName(input.kind) +
                                   ": only numeric and categorical columns become inputs"));
    if (input.kind == ColumnKind::Numeric && !column.numeric) throwNotNumeric(table, column);
    return column;
}

// `base`, or base.1, base.2, ... if a level already has that name.
std::string unusedName(const std::string& base, const std::vector<std::string>& levels) {
    std::string name = base;
    for (std::size_t n = 1; std::find(levels.begin(), levels.end(), name) != levels.end(); ++n)
        name = base + "." + std::to_string(n);
    return name;
}

double median(std::vector<double> values) {
    if (values.empty()) return 0;
    const std::size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid),
                     values.end());
    const double upper = values[mid];
    if (values.size() % 2 == 1) return upper;
    const double lower =
        *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
    return std::midpoint(lower, upper);  // (lower + upper) / 2 without overflow
}

ColumnEncoding fitNumeric(const CsvColumn& column, const std::vector<std::size_t>& rows,
                          MissingPolicy policy) {
    ColumnEncoding e;
    e.name = column.name;
    e.kind = ColumnKind::Numeric;
    std::vector<double> values;
    values.reserve(rows.size());
    bool anyMissing = false;
    for (std::size_t r : rows) {
        const double v = column.numbers[r];
        if (std::isnan(v))
            anyMissing = true;
        else
            values.push_back(v);
    }
    e.imputeValue = median(std::move(values));
    e.missingIndicator = anyMissing && policy != MissingPolicy::Drop;
    return e;
}

struct LevelCount {
    std::string key;
    std::size_t count = 0;
};

// The distinct values of the fitted rows with their counts, sorted (numbers by value).
std::vector<LevelCount> countLevels(const CsvColumn& column, const std::vector<std::size_t>& rows,
                                    std::size_t& missing) {
    std::vector<LevelCount> out;
    if (column.numeric) {
        std::map<double, std::size_t> counts;
        for (std::size_t r : rows) {
            const double v = column.numbers[r];
            if (std::isnan(v))
                ++missing;
            else
                ++counts[v == 0 ? 0.0 : v];  // -0 and 0 are one level
        }
        for (const auto& [value, count] : counts) out.push_back({numberText(value), count});
        return out;
    }
    std::vector<std::size_t> counts(column.levels.size(), 0);
    for (std::size_t r : rows) {
        if (column.codes[r] < 0)
            ++missing;
        else
            ++counts[static_cast<std::size_t>(column.codes[r])];
    }
    for (std::size_t code = 0; code < counts.size(); ++code)
        if (counts[code] > 0) out.push_back({column.levels[code], counts[code]});
    std::sort(out.begin(), out.end(),
              [](const LevelCount& a, const LevelCount& b) { return a.key < b.key; });
    return out;
}

ColumnEncoding fitCategorical(const CsvColumn& column, const std::vector<std::size_t>& rows,
                              MissingPolicy policy, std::size_t minLevelCount) {
    ColumnEncoding e;
    e.name = column.name;
    e.kind = ColumnKind::Categorical;
    e.levelsAreNumbers = column.numeric;
    std::size_t missing = 0;
    std::vector<std::size_t> counts;  // per entry of e.levels
    std::size_t merged = 0;
    for (LevelCount& level : countLevels(column, rows, missing)) {
        if (level.count >= minLevelCount) {
            e.levels.push_back(std::move(level.key));
            counts.push_back(level.count);
        } else {
            e.mergedLevels.push_back(std::move(level.key));
            merged += level.count;
        }
    }
    if (!e.mergedLevels.empty()) {
        e.otherLevel = e.levels.size();
        e.levels.push_back(unusedName(kOtherLevel, e.levels));
        counts.push_back(merged);
    }
    if (policy == MissingPolicy::Category && missing > 0) {
        e.missingLevel = e.levels.size();
        e.levels.push_back(unusedName(kMissingLevel, e.levels));
    }
    const auto most = std::max_element(counts.begin(), counts.end());  // the first of equals
    if (most != counts.end()) e.imputeLevel = static_cast<std::size_t>(most - counts.begin());
    return e;
}

// Which input of a categorical encoding each cell of a table's column sets: -1 for a level
// fitting never saw. Text is looked up once per distinct value; numbers by their shortest text,
// as fitting wrote them (a text cell that reads as a number too, for a numeric encoding).
class LevelLookup {
public:
    LevelLookup(const ColumnEncoding& e, const CsvColumn& column) : m_column(column) {
        for (std::size_t i = 0; i < e.levels.size(); ++i)
            if (i != e.missingLevel) m_index.emplace(e.levels[i], static_cast<int>(i));
        for (const std::string& level : e.mergedLevels)
            m_index.emplace(level, static_cast<int>(*e.otherLevel));
        if (column.numeric) return;
        m_ofCode.reserve(column.levels.size());
        double value = 0;
        for (const std::string& level : column.levels)
            m_ofCode.push_back(find(e.levelsAreNumbers && parseCsvNumber(level, value)
                                        ? numberText(value == 0 ? 0.0 : value)
                                        : level));
    }
    // The input for non-missing row `row`.
    int operator()(std::size_t row) {
        if (!m_column.numeric) return m_ofCode[static_cast<std::size_t>(m_column.codes[row])];
        const double v = m_column.numbers[row] == 0 ? 0.0 : m_column.numbers[row];
        const auto [it, added] = m_ofNumber.try_emplace(v, 0);
        if (added) it->second = find(numberText(v));
        return it->second;
    }

private:
    int find(const std::string& key) const {
        const auto it = m_index.find(key);
        return it == m_index.end() ? -1 : it->second;
    }

    const CsvColumn& m_column;
    std::unordered_map<std::string, int> m_index;
    std::vector<int> m_ofCode;
    std::unordered_map<double, int> m_ofNumber;
};

}  // namespace

std::size_t defaultMinLevelCount(std::size_t fittedRows) {
    const std::size_t onePercent = (fittedRows + 99) / 100;
    return std::max<std::size_t>(1, std::min<std::size_t>(5, onePercent));
}

std::size_t ColumnEncoding::inputCount() const {
    return kind == ColumnKind::Numeric ? (missingIndicator ? 2 : 1) : levels.size();
}

std::vector<std::string> ColumnEncoding::inputNames() const {
    if (kind == ColumnKind::Numeric)
        return missingIndicator ? std::vector<std::string>{name, name + "_missing"}
                                : std::vector<std::string>{name};
    std::vector<std::string> names;
    for (const std::string& level : levels) names.push_back(name + "=" + level);
    return names;
}

std::size_t TableEncoding::inputCount() const {
    std::size_t n = 0;
    for (const ColumnEncoding& c : columns) n += c.inputCount();
    return n;
}

std::vector<std::string> TableEncoding::inputNames() const {
    std::vector<std::string> names;
    for (const ColumnEncoding& c : columns)
        for (std::string& name : c.inputNames()) names.push_back(std::move(name));
    return names;
}

TableEncoding fitEncoding(const CsvTable& table, const std::vector<InputColumn>& inputs,
                          const std::vector<std::size_t>& rows, const EncodingOptions& options) {
    for (std::size_t r : rows)
        if (r >= table.rows) throw std::out_of_range("fitEncoding: row index past the table");
    std::vector<const CsvColumn*> columns;
    for (const InputColumn& input : inputs) columns.push_back(&inputColumn(table, input));
    // Under Drop, fitting sees only the rows that transform() keeps.
    std::vector<std::size_t> fitted;
    if (options.missing == MissingPolicy::Drop) {
        for (std::size_t r : rows)
            if (std::none_of(columns.begin(), columns.end(),
                             [&](const CsvColumn* c) { return cellMissing(*c, r); }))
                fitted.push_back(r);
    } else {
        fitted = rows;
    }
    TableEncoding encoding;
    encoding.missing = options.missing;
    encoding.fittedRows = fitted.size();
    encoding.minLevelCount = options.minLevelCount.value_or(defaultMinLevelCount(fitted.size()));
    for (std::size_t i = 0; i < inputs.size(); ++i)
        encoding.columns.push_back(
            inputs[i].kind == ColumnKind::Numeric
                ? fitNumeric(*columns[i], fitted, options.missing)
                : fitCategorical(*columns[i], fitted, options.missing, encoding.minLevelCount));
    return encoding;
}

EncodedTable TableEncoding::transform(const CsvTable& table) const {
    if (!dates.empty()) {
        TableEncoding plain = *this;
        plain.dates.clear();
        return plain.transform(withDateParts(table, dates));
    }
    std::vector<const CsvColumn*> source;
    for (const ColumnEncoding& e : columns) {
        const auto it = std::find_if(table.columns.begin(), table.columns.end(),
                                     [&](const CsvColumn& c) { return c.name == e.name; });
        if (it == table.columns.end()) {
            const std::string hint = singleColumnHint(table);
            throw DataError(locate(table.source, 0, 0,
                                   "the model needs feature '" + printableExcerpt(e.name) +
                                       "', which the file lacks" +
                                       (hint.empty() ? "" : "; " + hint)));
        }
        if (e.kind == ColumnKind::Numeric && !it->numeric) throwNotNumeric(table, *it);
        source.push_back(&*it);
    }
    EncodedTable out;
    out.counts.resize(columns.size());
    for (std::size_t r = 0; r < table.rows; ++r) {
        bool complete = true;
        for (std::size_t j = 0; j < columns.size(); ++j)
            if (cellMissing(*source[j], r)) {
                ++out.counts[j].missing;
                complete = false;
            }
        if (complete || missing != MissingPolicy::Drop) out.rows.push_back(r);
    }
    out.droppedRows = table.rows - out.rows.size();
    out.x = RowMatrix::Zero(static_cast<Eigen::Index>(out.rows.size()),
                            static_cast<Eigen::Index>(inputCount()));
    Eigen::Index offset = 0;
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const ColumnEncoding& e = columns[j];
        const CsvColumn& column = *source[j];
        std::optional<LevelLookup> lookup;
        if (e.kind == ColumnKind::Categorical) lookup.emplace(e, column);
        for (std::size_t k = 0; k < out.rows.size(); ++k) {
            const std::size_t r = out.rows[k];
            const auto row = static_cast<Eigen::Index>(k);
            const bool absent = cellMissing(column, r);
            if (e.kind == ColumnKind::Numeric) {
                out.x(row, offset) = absent ? e.imputeValue : column.numbers[r];
                if (e.missingIndicator) out.x(row, offset + 1) = absent ? 1.0 : 0.0;
                continue;
            }
            std::optional<std::size_t> level;
            if (!absent) {
                const int index = (*lookup)(r);
                if (index >= 0) level = static_cast<std::size_t>(index);
            } else {
                level = missing == MissingPolicy::Category ? e.missingLevel : e.imputeLevel;
            }
            // A level fitting never saw, or a missing cell where it saw none to give a level.
            if (!level)
                ++out.counts[j].unknown;
            else
                out.x(row, offset + static_cast<Eigen::Index>(*level)) = 1.0;
        }
        offset += static_cast<Eigen::Index>(e.inputCount());
    }
    return out;
}

}  // namespace bps
