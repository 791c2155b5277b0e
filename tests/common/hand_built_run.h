#pragma once
// Hand-built runs for the diagnosis rule tests: a monitor and a context filled by hand, no
// training, so that each rule can be put on either side of its threshold.

#include <QString>
#include <QStringList>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnosis/diagnosis_rules.h"
#include "core/diagnosis/diagnosis_thresholds.h"

namespace bps::test {

constexpr const DiagnosisThresholds& kThreshold = kDiagnosisThresholds;

// A run of `epochs` epochs whose losses sit at the baseline and whose weights move at a healthy
// rate: a flat run that no rule but the plateau has anything to say about.
struct HandBuiltRun {
    TrainingMonitor monitor;
    DiagnosisContext context;
    StopReason stop = StopReason::Completed;
    std::string divergence;

    explicit HandBuiltRun(int epochs = 20, LayerHealth hidden = healthy()) {
        context.baselineLoss = 0.69;
        context.initialLoss = 0.69;
        for (int e = 1; e <= epochs; ++e) {
            EpochReport r;
            r.epoch = e;
            r.trainLoss = 0.69;
            r.validationLoss = 0.69;
            r.layers = {hidden, healthy()};
            monitor.observe(r);
        }
    }
    static LayerHealth healthy() {
        LayerHealth h;
        h.gradientNorm = 1;
        h.updateRatio = 1e-3;
        return h;
    }
    std::optional<Finding> apply(rules::Rule rule) const {
        return rule(rules::RuleInput(monitor, context, stop, divergence));
    }
    std::vector<Finding> diagnosis() const { return diagnose(monitor, context, stop, divergence); }
};

QString codes(const std::vector<Finding>& findings) {
    QStringList out;
    for (const auto& f : findings) out << QString::fromUtf8(findingCodeName(f.code).data());
    return out.join(", ");
}

}  // namespace bps::test
