#pragma once
// The codes a diagnosis finding can have, written once: each code's name (as reports, the
// command line and the README spell it), its rank (its place in the table: root causes first,
// then the symptoms they produce) and whether it is a root cause (the panel shows those in red).

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace bps {

enum class FindingCode {
    LargeInitialisation,
    Diverged,
    FrozenParameters,
    TinyInitialisation,
    UnscaledInputs,
    LearningRateTooHigh,
    LearningRateTooLow,
    DeadRelu,
    SaturatedUnits,
    VanishingGradients,
    PredictingMajorityClass,
    Overfitting,
    Plateau,
    ConstantFeatures,
    NoBetterThanLinear,
    IdentifierLeak,
    ManyLevels,
};

struct FindingCodeInfo {
    FindingCode code;
    std::string_view name;
    bool rootCause;  // a cause to fix rather than a symptom of one
};

// Most important first. A huge initialisation comes before the divergence it causes (lowering
// the rate cannot help); the initialisation, a frozen block, unscaled inputs and the learning
// rate come before the saturation and majority-class predictions they produce.
inline constexpr std::array<FindingCodeInfo, 17> kFindingCodes{{
    {FindingCode::LargeInitialisation, "large_initialisation", true},
    {FindingCode::Diverged, "diverged", true},
    {FindingCode::FrozenParameters, "frozen_parameters", true},
    {FindingCode::TinyInitialisation, "tiny_initialisation", true},
    {FindingCode::UnscaledInputs, "unscaled_inputs", true},
    {FindingCode::LearningRateTooHigh, "learning_rate_too_high", true},
    {FindingCode::LearningRateTooLow, "learning_rate_too_low", true},
    {FindingCode::DeadRelu, "dead_relu", false},
    {FindingCode::SaturatedUnits, "saturated_units", false},
    {FindingCode::VanishingGradients, "vanishing_gradients", false},
    {FindingCode::PredictingMajorityClass, "predicting_majority_class", false},
    {FindingCode::Overfitting, "overfitting", false},
    {FindingCode::Plateau, "plateau", false},
    {FindingCode::ConstantFeatures, "constant_features", false},
    // From cross-validation (not a single run): the hidden layers add nothing measurable.
    {FindingCode::NoBetterThanLinear, "no_better_than_linear", false},
    // About the inputs rather than the loss (input_rules.cpp), appended so that the ranks above
    // stay what scripts know. An identifier as an input is a cause (of memorised rows).
    {FindingCode::IdentifierLeak, "identifier_leak", true},
    {FindingCode::ManyLevels, "many_levels", false},
}};

// The table is indexed by the enum: row i describes FindingCode(i).
constexpr bool findingCodesInEnumOrder() {
    for (std::size_t i = 0; i < kFindingCodes.size(); ++i)
        if (kFindingCodes[i].code != static_cast<FindingCode>(i)) return false;
    return true;
}
static_assert(findingCodesInEnumOrder());

constexpr const FindingCodeInfo& findingCodeInfo(FindingCode code) {
    return kFindingCodes[static_cast<std::size_t>(code)];
}
constexpr std::string_view findingCodeName(FindingCode code) { return findingCodeInfo(code).name; }
// 1 is the most important.
constexpr int findingRank(FindingCode code) { return static_cast<int>(code) + 1; }
constexpr bool isRootCause(FindingCode code) { return findingCodeInfo(code).rootCause; }
std::optional<FindingCode> parseFindingCode(std::string_view name);

}  // namespace bps
