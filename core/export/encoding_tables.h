#pragma once
// A model's preprocessing (TableEncoding) as the lookup tables every export embeds, so that the
// ONNX graph, the C header, the Python module and the .npz archive all reproduce
// TableEncoding::transform() from one description: for each raw column whether it is read as
// a number or as text, and for a categorical column which level each known value sets.

#include <optional>
#include <string>
#include <vector>

#include "core/data/column_encoding.h"

namespace bps {

// How one categorical column's cell becomes its one-hot inputs.
struct LevelTable {
    // Every value fitting saw, in this order: the levels (except `missing`) then the merged
    // levels. keyLevel[k] is the level (input) value keys[k] sets: merged levels set `other`.
    std::vector<std::string> keys;
    std::vector<double> keyNumbers;  // levelsAreNumbers: keys as numbers (compare by value)
    std::vector<std::size_t> keyLevel;
    // The level a missing cell sets (Impute: the most frequent; Category: `missing`; Drop, where
    // the model itself leaves such rows out, the most frequent too); none: all zeros.
    std::optional<std::size_t> missingLevel;
    // Any other value (unseen in fitting) sets no level: all zeros.
};

// Whether a raw column is read as a number (numeric columns, and numeric columns made
// categorical: NaN for missing) or as text (text categorical columns).
bool readsNumbers(const ColumnEncoding& column);

LevelTable levelTable(const ColumnEncoding& column, MissingPolicy policy);

// The cells the CSV reader treats as missing (isMissingMarker) spelt out, every upper/lower
// case variant: "", "?", "NA", "na", "N/A", ..., "null", ... (for exports that match exactly).
std::vector<std::string> missingMarkerSpellings();

}  // namespace bps
