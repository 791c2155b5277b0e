#pragma once
// Why is the cost flat or diverging? Rules over the training health measurements, each giving a
// finding with a code, a plain-words message, the evidence in numbers and a suggested fix.
// Findings are ranked: root causes (the initialisation, a frozen block, unscaled inputs, the
// learning rate) before the symptoms they produce (saturation, majority-class predictions).

#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/monitoring/epoch_report.h"
#include "core/monitoring/health.h"
#include "core/model/training_config.h"

namespace bps {

// A change the user can apply with one click.
struct SuggestedFix {
    enum class Kind { SetLearningRate, Standardize, BalancedClassWeights, UseActivation,
                      EarlyStopping, DefaultInitialisation };
    Kind kind;
    double value = 0;                       // the rate, or the patience
    Activation activation = Activation::LeakyRelu;
};

struct Finding {
    std::string code;
    std::string message;
    std::vector<std::pair<std::string, double>> evidence;
    std::string suggestion;
    std::optional<SuggestedFix> fix;
    int rank = 0;  // lower is more important
};

// A cause to fix rather than a symptom of one (the panel shows those in red).
bool isRootCause(const Finding& finding);

// What does not change during a run.
struct DiagnosisContext {
    Task task = Task::Binary;
    TrainingConfig config;
    DataHealth data;
    double baselineLoss = 0;
    double initialLoss = 0;                  // validation (or training) loss before training
    std::vector<LayerHealth> initialLayers;  // weight statistics at initialisation
};

// Keeps what the rules need from a stream of epoch reports, in constant memory.
class TrainingMonitor {
public:
    static constexpr std::size_t kWindow = 50;

    void observe(const EpochReport& report);
    void reset();

    int epochs() const { return m_epochs; }
    const std::deque<EpochReport>& recent() const { return m_recent; }
    double bestValidationLoss() const { return m_bestVal; }
    int bestEpoch() const { return m_bestEpoch; }
    double trainLossAtBest() const { return m_trainAtBest; }
    double minTrainLoss() const { return m_minTrain; }

private:
    int m_epochs = 0;
    std::deque<EpochReport> m_recent;
    double m_bestVal = std::numeric_limits<double>::infinity();
    int m_bestEpoch = 0;
    double m_trainAtBest = 0;
    double m_minTrain = std::numeric_limits<double>::infinity();
};

std::vector<Finding> diagnose(const TrainingMonitor& monitor, const DiagnosisContext& context,
                              StopReason stopReason, const std::string& divergence);

}  // namespace bps
