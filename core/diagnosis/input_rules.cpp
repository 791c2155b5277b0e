// The rules about the encoded input columns rather than the loss: an identifier used as a
// feature (nearly one level per row, which lets the network memorise the training rows) and a
// one-hot column with so many levels that each level's weight is learnt from a handful of rows.

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/diagnosis/diagnosis_rules.h"
#include "core/diagnosis/diagnosis_thresholds.h"

namespace bps::rules {

namespace {

constexpr const DiagnosisThresholds& kThreshold = kDiagnosisThresholds;

std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

std::string count(std::size_t n) { return std::to_string(n); }

bool looksLikeIdentifier(const InputColumnSummary& c, std::size_t rows) {
    if (c.rowNumbers) return true;
    return c.kind == ColumnKind::Categorical &&
           c.distinctLevels >= kThreshold.identifierMinLevels &&
           double(c.distinctLevels) >= kThreshold.identifierLevelFraction * double(rows);
}

bool hasManyLevels(const InputColumnSummary& c, std::size_t rows, std::size_t networkInputs) {
    if (c.kind != ColumnKind::Categorical) return false;
    if (c.inputs > kThreshold.manyLevels) return true;
    return c.inputs >= kThreshold.manyLevelsMinInputs &&
           double(c.inputs) >= kThreshold.manyLevelsInputShare * double(networkInputs) &&
           double(rows) / double(c.inputs) < kThreshold.manyLevelsRowsPerLevel;
}

// The flagged column with the most inputs (the first on a tie), and the names of all of them.
struct Flagged {
    const InputColumnSummary* worst = nullptr;
    std::size_t columns = 0;
};
template <typename Predicate>
Flagged flagged(const std::vector<InputColumnSummary>& columns, Predicate is) {
    Flagged out;
    for (const InputColumnSummary& c : columns)
        if (is(c)) {
            ++out.columns;
            if (!out.worst || c.inputs > out.worst->inputs) out.worst = &c;
        }
    return out;
}

std::string othersToo(std::size_t columns) {
    return columns > 1 ? " (" + count(columns - 1) + " more column(s) like it)" : "";
}

}  // namespace

std::optional<Finding> identifierLeak(const RuleInput& in) {
    const DiagnosisContext& ctx = in.context;
    const std::size_t rows = ctx.encodedRows;
    const Flagged f = flagged(ctx.inputColumns, [&](const InputColumnSummary& c) {
        return looksLikeIdentifier(c, rows);
    });
    if (!f.worst) return std::nullopt;
    const InputColumnSummary& c = *f.worst;
    if (c.rowNumbers)
        return Finding{FindingCode::IdentifierLeak,
                       "Column '" + c.name +
                           "' counts the rows (each value one more than the row before's): a "
                           "row number used as an input. It says where a row sits in the file, "
                           "not what it is; the network learns the file's order, which new rows "
                           "do not share" +
                           othersToo(f.columns) + ".",
                       {{"training_rows", double(rows)}, {"inputs", double(c.inputs)}},
                       "Leave '" + c.name +
                           "' out: mark it Ignored in the Data tab, or drop it from --features.",
                       std::nullopt};
    const double perRow = double(c.distinctLevels) / double(rows);
    // Kept whole, its levels let the network memorise rows; merged into `other` (the default
    // --min-level-count), they are one or two inputs that carry next to nothing.
    const std::string effect =
        c.inputs >= kThreshold.identifierMinLevels
            ? "Its levels name the rows rather than describe them, so the network can memorise "
              "the training rows (training loss far below validation) and learns nothing that "
              "carries to new rows"
            : "Nearly all its levels are merged into `other`, so its " + count(c.inputs) +
                  " input(s) carry next to nothing";
    return Finding{
        FindingCode::IdentifierLeak,
        "Column '" + c.name + "' has " + count(c.distinctLevels) + " distinct values in " +
            count(rows) + " training rows, nearly one per row: an identifier used as an input. " +
            effect + othersToo(f.columns) + ".",
        {{"distinct_levels", double(c.distinctLevels)},
         {"training_rows", double(rows)},
         {"levels_per_row", perRow},
         {"inputs", double(c.inputs)}},
        "Leave '" + c.name + "' out: mark it Ignored in the Data tab, or drop it from --features.",
        std::nullopt};
}

std::optional<Finding> manyLevels(const RuleInput& in) {
    const DiagnosisContext& ctx = in.context;
    const std::size_t rows = ctx.encodedRows;
    // An identifier is left out, not merged: identifier_leak speaks for it.
    const Flagged f = flagged(ctx.inputColumns, [&](const InputColumnSummary& c) {
        return hasManyLevels(c, rows, ctx.inputCount) && !looksLikeIdentifier(c, rows);
    });
    if (!f.worst) return std::nullopt;
    const InputColumnSummary& c = *f.worst;
    const double rowsPerLevel = double(rows) / double(c.inputs);
    const auto suggested = static_cast<std::size_t>(
        std::max({double(ctx.minLevelCount + 1), kThreshold.manyLevelsRowsPerLevel,
                  std::ceil(double(rows) / double(kThreshold.manyLevels))}));
    return Finding{
        FindingCode::ManyLevels,
        "Column '" + c.name + "' is one-hot encoded into " + count(c.inputs) + " levels (" +
            count(c.inputs) + " of the network's " + count(ctx.inputCount) + " inputs), " +
            num(rowsPerLevel) +
            " training rows per level: each level's weight is learnt from a handful of rows" +
            othersToo(f.columns) + ".",
        {{"levels", double(c.inputs)},
         {"network_inputs", double(ctx.inputCount)},
         {"training_rows", double(rows)},
         {"rows_per_level", rowsPerLevel},
         {"min_level_count", double(ctx.minLevelCount)}},
        "Merge rare levels into `other` (--min-level-count " + count(suggested) +
            ", or the Data tab).",
        std::nullopt};
}

}  // namespace bps::rules
