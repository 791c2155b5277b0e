#pragma once
// How a data set's raw input columns are to be encoded: what a missing cell becomes and when a
// rare level is merged into `other`. Chosen by the user (DataSelection), applied by fitEncoding
// (core/data/column_encoding.h).

#include <cstddef>
#include <optional>
#include <string_view>

namespace bps {

// What a missing cell in an input column becomes.
enum class MissingPolicy {
    // The median of the fitted rows (numeric: plus a `<name>_missing` input that is 1 for such
    // cells, when the fitted rows had any) or the most frequent level (categorical).
    Impute,
    // Categorical: a level `missing` of its own (when the fitted rows had any). Numeric columns
    // are imputed as with Impute.
    Category,
    // The row is left out, from fitting and from transform (today's behaviour).
    Drop,
};

struct EncodingOptions {
    MissingPolicy missing = MissingPolicy::Impute;
    // A level seen in fewer fitted rows than this is merged into `other`. Empty: the smaller
    // of 5 and 1% of the fitted rows (rounded up), so that a small table keeps its levels.
    std::optional<std::size_t> minLevelCount;
};

// "impute", "category", "drop": the names --missing and the model file use.
inline const char* missingPolicyName(MissingPolicy policy) {
    return policy == MissingPolicy::Impute     ? "impute"
           : policy == MissingPolicy::Category ? "category"
                                               : "drop";
}
inline std::optional<MissingPolicy> parseMissingPolicy(std::string_view name) {
    for (MissingPolicy p : {MissingPolicy::Impute, MissingPolicy::Category, MissingPolicy::Drop})
        if (name == missingPolicyName(p)) return p;
    return std::nullopt;
}

// The smaller of 5 and 1% of `fittedRows`, rounded up (at least 1): see EncodingOptions.
std::size_t defaultMinLevelCount(std::size_t fittedRows);

}  // namespace bps
