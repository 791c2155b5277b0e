#include "ui/panels/column_choice.h"

#include <QCoreApplication>

namespace bps {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("bps::ColumnChoice", text); }
}  // namespace

std::vector<ColumnChoice> choicesFor(const ColumnKindInfo& kind) {
    std::vector<ColumnChoice> out;
    out.push_back({ColumnRole::Target, FeatureForm::Numeric, tr("Target")});
    if (kind.numeric) {
        // Only whole numbers with few values may sensibly be levels (Cylinders: 3, 4, 5, 6, 8).
        if (kind.categoricalCandidate) {
            out.push_back({ColumnRole::Feature, FeatureForm::Numeric, tr("Feature (numeric)")});
            out.push_back(
                {ColumnRole::Feature, FeatureForm::Categorical, tr("Feature (categorical)")});
        } else {
            out.push_back({ColumnRole::Feature, FeatureForm::Numeric, tr("Feature")});
        }
    } else if (kind.kind == ColumnKind::DateTime) {
        out.push_back({ColumnRole::Feature, FeatureForm::DateParts, tr("Feature (date parts)")});
    } else {
        const QString levels = kind.distinct == 1
                                   ? tr("1 level")
                                   : tr("%L1 levels").arg(static_cast<qint64>(kind.distinct));
        out.push_back({ColumnRole::Feature, FeatureForm::Categorical,
                       tr("Feature (one-hot, %1)").arg(levels)});
    }
    out.push_back({ColumnRole::Ignored, FeatureForm::Numeric, tr("Ignored")});
    return out;
}

ColumnChoice defaultFeatureChoice(const ColumnKindInfo& kind) { return choicesFor(kind).at(1); }

ColumnChoice defaultChoice(const ColumnKindInfo& kind) {
    if (kind.kind == ColumnKind::Numeric || kind.kind == ColumnKind::Categorical)
        return defaultFeatureChoice(kind);
    return choicesFor(kind).back();
}

std::optional<ColumnKind> kindOverride(const ColumnKindInfo& kind, FeatureForm form) {
    if (form == FeatureForm::DateParts) return std::nullopt;
    const ColumnKind wanted =
        form == FeatureForm::Categorical ? ColumnKind::Categorical : ColumnKind::Numeric;
    if (kind.kind == wanted) return std::nullopt;
    return wanted;
}

}  // namespace bps
