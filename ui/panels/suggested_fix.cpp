#include "ui/panels/suggested_fix.h"

#include <QObject>
#include <QStringList>
#include <algorithm>

#include "core/model/limits.h"

namespace bps {

namespace {
QString g(double v) { return QString::number(v, 'g', 3); }
QString name(Activation a) { return QString::fromUtf8(activationName(a).data()); }
double clampedRate(double rate) {
    return std::clamp(rate, limits::kLearningRateControl.min, limits::kLearningRateControl.max);
}
}  // namespace

TrainingConfig withFix(TrainingConfig c, const SuggestedFix& fix) {
    switch (fix.kind) {
        case SuggestedFix::Kind::SetLearningRate:
            c.live.learningRate = clampedRate(fix.value);
            break;
        case SuggestedFix::Kind::Standardize:
            c.standardize = true;
            break;
        case SuggestedFix::Kind::BalancedClassWeights:
            c.classWeight = ClassWeighting::Balanced;
            break;
        case SuggestedFix::Kind::UseActivation:
            c.activation = fix.activation;
            break;
        case SuggestedFix::Kind::EarlyStopping:
            c.earlyStoppingPatience = std::max(1, static_cast<int>(fix.value));
            break;
        case SuggestedFix::Kind::DefaultInitialisation:
            c.initScale = 1.0;
            break;
    }
    return c;
}

QString fixButtonText(const SuggestedFix& fix) {
    switch (fix.kind) {
        case SuggestedFix::Kind::SetLearningRate:
            return QObject::tr("Set learning rate to %1").arg(g(clampedRate(fix.value)));
        case SuggestedFix::Kind::Standardize:
            return QObject::tr("Standardise the inputs");
        case SuggestedFix::Kind::BalancedClassWeights:
            return QObject::tr("Use balanced class weights");
        case SuggestedFix::Kind::UseActivation:
            return QObject::tr("Use %1").arg(name(fix.activation));
        case SuggestedFix::Kind::EarlyStopping:
            return QObject::tr("Enable early stopping (patience %1)")
                .arg(std::max(1, static_cast<int>(fix.value)));
        case SuggestedFix::Kind::DefaultInitialisation:
            return QObject::tr("Use the default initialisation");
    }
    return {};
}

QString describeConfigChange(const TrainingConfig& a, const TrainingConfig& b) {
    QStringList parts;
    const auto onOff = [](bool on) { return on ? QObject::tr("on") : QObject::tr("off"); };
    if (a.live.learningRate != b.live.learningRate)
        parts << QObject::tr("learning rate %1 → %2")
                     .arg(g(a.live.learningRate), g(b.live.learningRate));
    if (a.standardize != b.standardize)
        parts << QObject::tr("standardisation %1 → %2")
                     .arg(onOff(a.standardize), onOff(b.standardize));
    if (a.classWeight != b.classWeight)
        parts << QObject::tr("class weighting %1 → %2")
                     .arg(QString::fromUtf8(classWeightingName(a.classWeight).data()),
                          QString::fromUtf8(classWeightingName(b.classWeight).data()));
    if (a.activation != b.activation)
        parts << QObject::tr("activation %1 → %2").arg(name(a.activation), name(b.activation));
    if (a.earlyStoppingPatience != b.earlyStoppingPatience)
        parts << QObject::tr("early stopping %1 → %2 epochs")
                     .arg(a.earlyStoppingPatience == 0 ? QObject::tr("off")
                                                       : QString::number(a.earlyStoppingPatience))
                     .arg(b.earlyStoppingPatience);
    if (a.initScale != b.initScale)
        parts << QObject::tr("init scale %1 → %2").arg(g(a.initScale), g(b.initScale));
    return parts.join(QStringLiteral(", "));
}

bool fixIsLive(const SuggestedFix& fix) { return fix.kind == SuggestedFix::Kind::SetLearningRate; }

}  // namespace bps
