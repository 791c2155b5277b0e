#pragma once
// Records what the diagnosis reasons over as a run goes: the context fixed at the start (the
// data, the initial weights and loss), per step the gradient and update norms, per epoch each
// layer's health, and the monitor over the epoch reports. The cost is O(parameters) a step,
// small beside the O(batch x parameters) of backprop: one vectorised pass per layer.

#include <string>
#include <vector>

#include "core/base/types.h"
#include "core/diagnosis/diagnosis.h"
#include "core/monitoring/epoch_report.h"
#include "core/monitoring/health.h"
#include "core/nn/network.h"

namespace bps {

class HealthRecorder {
public:
    HealthRecorder() = default;
    // Remembers the weights of `net` as the initial ones, and their statistics in the context.
    HealthRecorder(const Network<float>& net, DiagnosisContext context);

    // Starts an epoch's step averages from zero.
    void beginEpoch();
    // Around each optimiser step: the weights before it, then the step's gradient and update.
    void beforeStep(const Network<float>& net);
    void afterStep(const Network<float>& net, const VectorX<float>& gradient);
    // Each layer's health for the epoch into `layers`: the step averages, the activations
    // `census` counted, the weights of `net`, and what moved since `epochStart` and since the
    // start of the run.
    void recordEpoch(const Network<float>& net, const VectorX<float>& epochStart,
                     const ActivationCensus& census, std::vector<LayerHealth>& layers) const;
    // Feeds the finished epoch's report to the monitor.
    void observe(const EpochReport& report) { m_monitor.observe(report); }

    // What is wrong with the run so far, most important first (empty when healthy).
    std::vector<Finding> diagnose(StopReason stopReason, const std::string& divergence) const;
    const DiagnosisContext& context() const { return m_context; }
    void setLive(const LiveHyperparameters& live) { m_context.config.live = live; }
    void setRangeTestRate(double rate) { m_context.rangeTestRate = rate; }

    // The weight statistics of each layer of `net`.
    static std::vector<LayerHealth> weightHealth(const Network<float>& net);

private:
    DiagnosisContext m_context;
    TrainingMonitor m_monitor;
    VectorX<float> m_initial, m_beforeStep;
    std::vector<LayerHealth> m_stepSums;  // gradient norms and update ratios, summed over steps
    int m_steps = 0;
};

}  // namespace bps
