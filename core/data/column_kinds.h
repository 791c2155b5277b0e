#pragma once
// What each column of a table is: numeric, categorical, an identifier, dates, constant or free
// text, inferred from its values by named thresholds (KindThresholds), with the reason kept as
// data so that the command line and the app can say why ("identifier: 311 of 406 values
// distinct"). A user may force a column to be categorical or numeric.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/csv/csv_reader.h"

namespace bps {

enum class ColumnKind {
    Numeric,      // numbers: a network input as it is
    Categorical,  // a modest number of distinct values: one-hot encoded
    Identifier,   // (nearly) one value per row, such as names, IDs or row numbers
    DateTime,     // ISO 8601 dates or date-times (core/data/iso_date.h)
    Constant,     // one value, or none at all
    FreeText,     // text with too many distinct values to encode
};

// Why a column has its kind: which rule of inferColumnKinds decided it.
enum class KindReason {
    NoValues,        // every cell is missing
    OneValue,        // a single distinct value
    IsoDates,        // text whose every value is an ISO 8601 date or date-time
    MostlyDistinct,  // text with distinct values >= identifierDistinctFraction of its values
    RowNumbers,      // whole numbers, each one more than the one in the row before
    FewLevels,       // text with at most levelLimit distinct values
    TooManyLevels,   // text with more than levelLimit distinct values
    Numbers,         // numbers, none of the rules above
    Forced,          // the user chose the kind (KindOverrides)
};

// The rules' thresholds, in the order inferColumnKinds applies them; the defaults are the ones
// to use (the tests vary them).
struct KindThresholds {
    // Text in which at least this fraction of the values are distinct (a typical value occurs
    // fewer than twice) names or identifies its rows: an identifier, once it has more distinct
    // values than minLevelLimit (a small table's few values stay categorical). cars.csv's `Name`:
    // 311 of 406.
    double identifierDistinctFraction = 0.5;
    // Text with at most values^levelExponent distinct values is categorical (Orange's rule for
    // discrete variables), the limit clamped to [minLevelLimit, maxLevelLimit]: 67 levels for
    // 406 values, 631 for 10,000. Above it, free text.
    double levelExponent = 0.7;
    std::size_t minLevelLimit = 10;
    std::size_t maxLevelLimit = 1000;
    // A numeric column without missing cells and at least this long, each value one more than
    // the row before's (1, 2, 3, ...: R's and pandas' row names, "OBS"), is an identifier.
    std::size_t rowNumberMinRows = 20;
    // A numeric column of whole numbers with at most this many distinct values stays numeric
    // but may be offered as categorical (ColumnKindInfo::categoricalCandidate): `Cylinders`.
    std::size_t integerLevelLimit = 10;
};

// Kinds the user chose, by column name. Only Numeric and Categorical can be forced.
using KindOverrides = std::map<std::string, ColumnKind>;

struct ColumnKindInfo {
    std::string name;
    ColumnKind kind = ColumnKind::Numeric;
    KindReason reason = KindReason::Numbers;
    std::size_t rows = 0;      // cells
    std::size_t missing = 0;   // missing cells (see isMissingMarker)
    std::size_t distinct = 0;  // distinct values among the rest
    // The categorical limit for this many values (KindThresholds::levelExponent); text only.
    std::size_t levelLimit = 0;
    bool numeric = false;               // the reader typed the column numeric
    bool integers = false;              // numeric, and every value is a whole number
    bool categoricalCandidate = false;  // see KindThresholds::integerLevelLimit
    // The one value (OneValue), or the first and last (RowNumbers: "1 to 406"); else empty.
    std::string values;

    std::size_t valueCount() const { return rows - missing; }
};

// The kind of every column of `table`, in column order. Throws DataError for an override that
// names no column, forces a kind other than Numeric or Categorical, or forces a text column to
// be numeric (naming its first text cell).
std::vector<ColumnKindInfo> inferColumnKinds(const CsvTable& table,
                                             const KindThresholds& thresholds = {},
                                             const KindOverrides& overrides = {});

// The user's overrides on kinds inferColumnKinds gave for `table`, with the same errors: the
// inference (a sort of every numeric column) is done once per table, the overrides per choice.
void applyKindOverrides(const CsvTable& table, std::vector<ColumnKindInfo>& kinds,
                        const KindOverrides& overrides);

// "numeric", "categorical", "identifier", "date/time", "constant", "free text".
const char* kindName(ColumnKind kind);

// The kind and its reason in words: "identifier: 311 of 406 values distinct",
// "categorical: 3 distinct values in 406 rows", "constant: one value ('USA') in 406 rows".
std::string describeKind(const ColumnKindInfo& info);

}  // namespace bps
