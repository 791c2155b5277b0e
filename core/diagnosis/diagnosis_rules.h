#pragma once
// The diagnosis rules, one function each: a rule reads the run (RuleInput) and returns its
// finding, or nothing. diagnose() runs them all and ranks what they found; the numbers they
// compare against are in diagnosis_thresholds.h.

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnosis/diagnosis.h"

namespace bps::rules {

// What every rule reads, with the values several of them share worked out once.
struct RuleInput {
    RuleInput(const TrainingMonitor& monitor, const DiagnosisContext& context,
              StopReason stopReason, const std::string& divergence);

    const TrainingMonitor& monitor;
    const DiagnosisContext& context;
    StopReason stopReason;
    const std::string& divergence;  // what went non-finite, for a diverged run

    const std::deque<EpochReport>& window;  // the monitor's recent epochs
    double learningRate;
    double lastLoss;            // training loss of the last epoch (NaN before the first)
    double lastValidationLoss;  // NaN without validation rows
    double monitored;           // the last validation loss if finite, else the training loss
    std::size_t layers;         // layers in the last report

    bool diverged() const { return stopReason == StopReason::Diverged; }
};

using Rule = std::optional<Finding> (*)(const RuleInput&);

std::optional<Finding> largeInitialisation(const RuleInput& in);
std::optional<Finding> diverged(const RuleInput& in);
std::optional<Finding> frozenParameters(const RuleInput& in);
std::optional<Finding> tinyInitialisation(const RuleInput& in);
std::optional<Finding> unscaledInputs(const RuleInput& in);
std::optional<Finding> learningRateTooHigh(const RuleInput& in);
std::optional<Finding> learningRateTooLow(const RuleInput& in);
std::optional<Finding> deadRelu(const RuleInput& in);
std::optional<Finding> saturatedUnits(const RuleInput& in);
std::optional<Finding> vanishingGradients(const RuleInput& in);
std::optional<Finding> predictingMajorityClass(const RuleInput& in);
std::optional<Finding> overfitting(const RuleInput& in);
// A flat loss near the baseline; diagnose() asks only when no other rule explains it.
std::optional<Finding> plateau(const RuleInput& in);
std::optional<Finding> constantFeatures(const RuleInput& in);
// About the encoded input columns (input_rules.cpp).
std::optional<Finding> identifierLeak(const RuleInput& in);
std::optional<Finding> manyLevels(const RuleInput& in);

// Cross-validation's per-fold scores of the network and of the same network without hidden
// layers, on the same folds; higher is better (ROC AUC, accuracy, R^2). NaN folds are skipped.
struct BaselineComparison {
    std::string metric;  // as shown: "ROC AUC"
    std::vector<double> network;
    std::vector<double> linear;
};
// The network does not beat the linear baseline beyond the spread between folds.
std::optional<Finding> noBetterThanLinear(const BaselineComparison& in);

}  // namespace bps::rules
