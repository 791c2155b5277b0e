#include "core/io/preprocessing_json.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/base/errors.h"
#include "core/csv/csv_cell.h"

namespace bps {

using nlohmann::json;

namespace {

json levelOrNull(const ColumnEncoding& c, const std::optional<std::size_t>& level) {
    return level ? json(c.levels[*level]) : json(nullptr);
}

const json& field(const json& object, const char* key, const std::string& where) {
    if (!object.is_object()) throw DataError(where + ": expected an object");
    const auto it = object.find(key);
    if (it == object.end()) throw DataError(where + ": missing key '" + key + "'");
    return *it;
}

std::string text(const json& j, const std::string& where) {
    if (!j.is_string()) throw DataError(where + ": expected a string");
    return j.get<std::string>();
}

double finiteNumber(const json& j, const std::string& where) {
    if (!j.is_number()) throw DataError(where + ": expected a number");
    const double v = j.get<double>();
    if (!std::isfinite(v)) throw DataError(where + ": number is not finite");
    return v;
}

bool boolean(const json& j, const std::string& where) {
    if (!j.is_boolean()) throw DataError(where + ": expected true or false");
    return j.get<bool>();
}

std::vector<std::string> textList(const json& j, const std::string& where) {
    if (!j.is_array()) throw DataError(where + ": expected an array of strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < j.size(); ++i)
        out.push_back(text(j[i], where + "[" + std::to_string(i) + "]"));
    return out;
}

// A level named by the file (other, missing, impute): one of the levels, or null.
std::optional<std::size_t> levelIndex(const json& j, const std::vector<std::string>& levels,
                                      const std::string& where) {
    if (j.is_null()) return std::nullopt;
    const std::string name = text(j, where);
    const auto it = std::find(levels.begin(), levels.end(), name);
    if (it == levels.end())
        throw DataError(where + ": '" + printableExcerpt(name) + "' is not one of the levels");
    return static_cast<std::size_t>(it - levels.begin());
}

ColumnEncoding numericFromJson(const json& j, const std::string& where, const Scaler& scaler,
                               Eigen::Index offset) {
    ColumnEncoding c;
    c.kind = ColumnKind::Numeric;
    c.imputeValue = finiteNumber(field(j, "impute_value", where), where + ".impute_value");
    c.missingIndicator =
        boolean(field(j, "missing_indicator", where), where + ".missing_indicator");
    const double mean = finiteNumber(field(j, "mean", where), where + ".mean");
    const double std = finiteNumber(field(j, "std", where), where + ".std");
    if (offset >= scaler.mean.size() || offset >= scaler.std.size())
        throw DataError(where + ": past the scaler's " + std::to_string(scaler.mean.size()) +
                        " inputs");
    if (mean != scaler.mean(offset) || std != scaler.std(offset))
        throw DataError(where + ": mean and std are not the scaler's entry " +
                        std::to_string(offset));
    return c;
}

ColumnEncoding categoricalFromJson(const json& j, const std::string& where) {
    ColumnEncoding c;
    c.kind = ColumnKind::Categorical;
    c.levels = textList(field(j, "levels", where), where + ".levels");
    if (c.levels.empty()) throw DataError(where + ".levels: a categorical column needs a level");
    for (std::size_t i = 0; i < c.levels.size(); ++i)
        if (std::find(c.levels.begin(), c.levels.begin() + static_cast<std::ptrdiff_t>(i),
                      c.levels[i]) != c.levels.begin() + static_cast<std::ptrdiff_t>(i))
            throw DataError(where + ".levels: '" + printableExcerpt(c.levels[i]) +
                            "' appears twice");
    c.levelsAreNumbers =
        boolean(field(j, "levels_are_numbers", where), where + ".levels_are_numbers");
    c.otherLevel = levelIndex(field(j, "other_level", where), c.levels, where + ".other_level");
    c.missingLevel =
        levelIndex(field(j, "missing_level", where), c.levels, where + ".missing_level");
    c.imputeLevel = levelIndex(field(j, "impute_level", where), c.levels, where + ".impute_level");
    c.mergedLevels = textList(field(j, "merged_levels", where), where + ".merged_levels");
    if (!c.mergedLevels.empty() && !c.otherLevel)
        throw DataError(where + ": merged_levels need an other_level to merge into");
    return c;
}

}  // namespace

json preprocessingToJson(const TableEncoding& encoding, const Scaler& scaler) {
    json columns = json::array();
    Eigen::Index offset = 0;
    for (const ColumnEncoding& c : encoding.columns) {
        json j = {{"name", c.name}, {"kind", std::string(kindName(c.kind))}};
        if (c.kind == ColumnKind::Numeric) {
            j["impute_value"] = c.imputeValue;
            j["missing_indicator"] = c.missingIndicator;
            j["mean"] = offset < scaler.mean.size() ? scaler.mean(offset) : 0.0;
            j["std"] = offset < scaler.std.size() ? scaler.std(offset) : 1.0;
        } else {
            j["levels"] = c.levels;
            j["levels_are_numbers"] = c.levelsAreNumbers;
            j["other_level"] = levelOrNull(c, c.otherLevel);
            j["missing_level"] = levelOrNull(c, c.missingLevel);
            j["impute_level"] = levelOrNull(c, c.imputeLevel);
            j["merged_levels"] = c.mergedLevels;
        }
        columns.push_back(std::move(j));
        offset += static_cast<Eigen::Index>(c.inputCount());
    }
    json dates = json::array();
    for (const DateExpansion& d : encoding.dates) {
        json parts = json::array();
        for (DatePart p : d.parts) parts.push_back(datePartName(p));
        dates.push_back({{"column", d.column}, {"parts", parts}});
    }
    return {{"missing", missingPolicyName(encoding.missing)},
            {"min_level_count", encoding.minLevelCount},
            {"fitted_rows", encoding.fittedRows},
            {"columns", columns},
            {"dates", dates}};
}

TableEncoding preprocessingFromJson(const json& j, const Scaler& scaler) {
    const std::string where = "preprocessing";
    TableEncoding e;
    const auto missing = parseMissingPolicy(text(field(j, "missing", where), where + ".missing"));
    if (!missing)
        throw DataError(where + ".missing: expected \"impute\", \"category\" or \"drop\"");
    e.missing = *missing;
    const json& minCount = field(j, "min_level_count", where);
    const json& fitted = field(j, "fitted_rows", where);
    if (!minCount.is_number_unsigned() || !fitted.is_number_unsigned())
        throw DataError(where + ": min_level_count and fitted_rows must be whole numbers >= 0");
    e.minLevelCount = minCount.get<std::size_t>();
    e.fittedRows = fitted.get<std::size_t>();
    const json& columns = field(j, "columns", where);
    if (!columns.is_array() || columns.empty())
        throw DataError(where + ".columns: expected a non-empty array");
    Eigen::Index offset = 0;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string at = where + ".columns[" + std::to_string(i) + "]";
        const std::string name = text(field(columns[i], "name", at), at + ".name");
        const std::string kind = text(field(columns[i], "kind", at), at + ".kind");
        ColumnEncoding c;
        if (kind == kindName(ColumnKind::Numeric))
            c = numericFromJson(columns[i], at, scaler, offset);
        else if (kind == kindName(ColumnKind::Categorical))
            c = categoricalFromJson(columns[i], at);
        else
            throw DataError(at + ".kind: expected \"numeric\" or \"categorical\", got \"" +
                            printableExcerpt(kind) + "\"");
        c.name = name;
        offset += static_cast<Eigen::Index>(c.inputCount());
        e.columns.push_back(std::move(c));
    }
    const json& dates = j.value("dates", json::array());
    if (!dates.is_array()) throw DataError(where + ".dates: expected an array");
    for (std::size_t i = 0; i < dates.size(); ++i) {
        const std::string at = where + ".dates[" + std::to_string(i) + "]";
        DateExpansion d;
        d.column = text(field(dates[i], "column", at), at + ".column");
        for (const std::string& name : textList(field(dates[i], "parts", at), at + ".parts")) {
            const auto part = parseDatePart(name);
            if (!part)
                throw DataError(at + ".parts: unknown part \"" + printableExcerpt(name) + "\"");
            const std::string column = datePartColumn(d.column, *part);
            if (std::none_of(e.columns.begin(), e.columns.end(), [&](const ColumnEncoding& c) {
                    return c.name == column && c.kind == ColumnKind::Numeric;
                }))
                throw DataError(at + ": part column '" + printableExcerpt(column) +
                                "' is not a numeric column of preprocessing.columns");
            d.parts.push_back(*part);
        }
        e.dates.push_back(std::move(d));
    }
    return e;
}

}  // namespace bps
