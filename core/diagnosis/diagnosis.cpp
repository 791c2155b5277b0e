#include "core/diagnosis/diagnosis.h"

#include <algorithm>

#include "core/diagnosis/diagnosis_rules.h"

namespace bps {

namespace {
// Every rule but the plateau, which only speaks when none of these explains a flat loss, and
// the constant features and the input columns' rules, which are not about the loss at all.
constexpr rules::Rule kRules[] = {
    rules::largeInitialisation,     rules::diverged,
    rules::frozenParameters,        rules::tinyInitialisation,
    rules::unscaledInputs,          rules::learningRateTooHigh,
    rules::learningRateTooLow,      rules::deadRelu,
    rules::saturatedUnits,          rules::vanishingGradients,
    rules::predictingMajorityClass, rules::overfitting,
};
}  // namespace

std::vector<InputColumnSummary> summarizeInputColumns(const TableEncoding& encoding) {
    std::vector<InputColumnSummary> out;
    for (const ColumnEncoding& column : encoding.columns) {
        InputColumnSummary s{column.name, column.kind, column.inputCount(), 0, false};
        if (column.kind == ColumnKind::Categorical)
            s.distinctLevels = column.levels.size() - (column.otherLevel ? 1 : 0) -
                               (column.missingLevel ? 1 : 0) + column.mergedLevels.size();
        out.push_back(std::move(s));
    }
    return out;
}

void markRowNumbers(std::vector<InputColumnSummary>& inputs,
                    const std::vector<ColumnKindInfo>& kinds,
                    const std::vector<std::string>& features) {
    for (const ColumnKindInfo& info : kinds) {
        if (info.reason != KindReason::RowNumbers) continue;
        if (std::find(features.begin(), features.end(), info.name) == features.end()) continue;
        const auto known = std::find_if(inputs.begin(), inputs.end(),
                                        [&](const auto& c) { return c.name == info.name; });
        if (known == inputs.end())
            inputs.push_back({info.name, ColumnKind::Numeric, 1, 0, true});
        else if (known->kind == ColumnKind::Numeric)
            known->rowNumbers = true;
    }
}

std::vector<Finding> diagnose(const TrainingMonitor& monitor, const DiagnosisContext& context,
                              StopReason stopReason, const std::string& divergence) {
    const rules::RuleInput in(monitor, context, stopReason, divergence);
    std::vector<Finding> out;
    for (const rules::Rule rule : kRules)
        if (auto f = rule(in)) out.push_back(std::move(*f));
    if (out.empty())
        if (auto f = rules::plateau(in)) out.push_back(std::move(*f));
    if (auto f = rules::constantFeatures(in)) out.push_back(std::move(*f));
    if (auto f = rules::identifierLeak(in)) out.push_back(std::move(*f));
    if (auto f = rules::manyLevels(in)) out.push_back(std::move(*f));
    // Each code appears at most once, so the ranks are distinct and the order is total.
    std::sort(out.begin(), out.end(),
              [](const Finding& a, const Finding& b) { return a.rank() < b.rank(); });
    return out;
}

}  // namespace bps
