#pragma once
// What a diagnosis fix does to the settings: the new config, the button's words and the words
// that tell the user what changed. Pure functions, so the mapping is tested without widgets.

#include <QMetaType>
#include <QString>

#include "core/diagnosis/diagnosis.h"
#include "core/model/training_config.h"

namespace bps {

// `config` with `fix` applied. Values are kept in the ranges the hyperparameter panel accepts
// (a learning rate is clamped to limits::kLearningRateControl).
TrainingConfig withFix(TrainingConfig config, const SuggestedFix& fix);
// The fix button's text, e.g. "Set learning rate to 0.001".
QString fixButtonText(const SuggestedFix& fix);
// What changed from `before` to `after`, e.g. "learning rate 0.0001 → 0.003"; empty if nothing.
QString describeConfigChange(const TrainingConfig& before, const TrainingConfig& after);
// Whether the fix changes a setting the running training picks up at its next epoch.
bool fixIsLive(const SuggestedFix& fix);

}  // namespace bps

Q_DECLARE_METATYPE(bps::SuggestedFix)
