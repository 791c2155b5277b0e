#pragma once
// What the Data tab's role column offers for one CSV column, from its inferred kind: the target,
// the ways it can be a feature ("Feature (one-hot, 3 levels)", "Feature (numeric)" or
// "Feature (categorical)" for a few whole numbers, "Feature (date parts)"), or ignored. Kinds
// that make poor inputs (identifiers, dates, constants, free text) start out ignored; the reason
// stays visible in the kind column and the notice, and the user may still choose them.

#include <QString>
#include <optional>
#include <vector>

#include "core/data/column_kinds.h"

namespace bps {

enum class ColumnRole { Target, Feature, Ignored };

// How a feature column becomes network inputs.
enum class FeatureForm {
    Numeric,      // its value (imputed and flagged when missing)
    Categorical,  // one-hot over its levels (a text column, or whole numbers made categorical)
    DateParts,    // ISO dates taken apart into numbers (DataSelection::expandDates)
};

struct ColumnChoice {
    ColumnRole role = ColumnRole::Ignored;
    FeatureForm form = FeatureForm::Numeric;  // only for ColumnRole::Feature
    QString label;                            // as the role combo box shows it

    bool sameAs(const ColumnChoice& other) const {
        return role == other.role && (role != ColumnRole::Feature || form == other.form);
    }
};

// The choices for a column of this kind, in the order the combo box lists them: Target, the
// feature forms, Ignored.
std::vector<ColumnChoice> choicesFor(const ColumnKindInfo& kind);

// A feature unless the kind makes a poor input (identifier, date/time, constant, free text).
ColumnChoice defaultChoice(const ColumnKindInfo& kind);

// The column's first feature form (as choicesFor lists them).
ColumnChoice defaultFeatureChoice(const ColumnKindInfo& kind);

// The kind a feature of this form asks fitEncoding for when it differs from the inferred one
// (the DataSelection::kinds entry), or nothing: date parts, or the inferred kind already fits.
std::optional<ColumnKind> kindOverride(const ColumnKindInfo& kind, FeatureForm form);

}  // namespace bps
