#pragma once
// Why is the cost flat or diverging? Rules over the training health measurements (one function
// each, in diagnosis_rules.h), each giving a finding with a code, a plain-words message, the
// evidence in numbers and a suggested fix. Findings are ranked by their code (finding_codes.h):
// root causes (the initialisation, a frozen block, unscaled inputs, the learning rate) before
// the symptoms they produce (saturation, majority-class predictions).

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/data/column_encoding.h"
#include "core/diagnosis/finding_codes.h"
#include "core/diagnosis/training_monitor.h"
#include "core/model/training_config.h"
#include "core/monitoring/epoch_report.h"
#include "core/monitoring/health.h"

namespace bps {

// A change the user can apply with one click.
struct SuggestedFix {
    enum class Kind {
        SetLearningRate,
        Standardize,
        BalancedClassWeights,
        UseActivation,
        EarlyStopping,
        DefaultInitialisation
    };
    Kind kind;
    double value = 0;  // the rate, or the patience
    Activation activation = Activation::LeakyRelu;
};

struct Finding {
    FindingCode code;
    std::string message;
    std::vector<std::pair<std::string, double>> evidence;
    std::string suggestion;
    std::optional<SuggestedFix> fix;

    int rank() const { return findingRank(code); }  // lower is more important
};

// One raw input column as the network takes it: what the input rules (identifier_leak,
// many_levels) read.
struct InputColumnSummary {
    std::string name;
    ColumnKind kind = ColumnKind::Numeric;
    std::size_t inputs = 1;  // network inputs it became (one-hot: kept levels, other, missing)
    // Categorical: distinct values in the fitted rows, the ones merged into `other` included.
    std::size_t distinctLevels = 0;
    // Numeric: the column counts the rows (1, 2, 3, ...: KindReason::RowNumbers), an identifier.
    bool rowNumbers = false;
};
std::vector<InputColumnSummary> summarizeInputColumns(const TableEncoding& encoding);
// Marks the inputs the kinds found to be row numbers, adding the plain (unencoded) ones.
void markRowNumbers(std::vector<InputColumnSummary>& inputs,
                    const std::vector<ColumnKindInfo>& kinds,
                    const std::vector<std::string>& features);

// What does not change during a run.
struct DiagnosisContext {
    Task task = Task::Binary;
    TrainingConfig config;
    DataHealth data;
    double baselineLoss = 0;
    double initialLoss = 0;                  // validation (or training) loss before training
    std::vector<LayerHealth> initialLayers;  // weight statistics at initialisation
    // The run started from earlier weights (Start after a finished run, a model file), not from
    // an initialisation: its first weights say nothing about the init scale, so the
    // initialisation rules stay silent (initialLayers then describes those earlier weights).
    bool continued = false;
    // The learning-rate range test's suggestion when it ran on this data and network, else NaN:
    // the first choice for a lower rate after divergence.
    double rangeTestRate = kNaN;
    // Each raw input column (encoded data sets; plain ones only list their row numbers), the
    // rows the encoding was fitted on (else the training rows) and the --min-level-count it
    // used; and the network's input count.
    std::vector<InputColumnSummary> inputColumns;
    std::size_t encodedRows = 0;
    std::size_t minLevelCount = 1;
    std::size_t inputCount = 0;
};

// Every rule's finding, most important first (empty when healthy).
std::vector<Finding> diagnose(const TrainingMonitor& monitor, const DiagnosisContext& context,
                              StopReason stopReason, const std::string& divergence);

}  // namespace bps
