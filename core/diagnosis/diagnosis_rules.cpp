#include "core/diagnosis/diagnosis_rules.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/diagnosis/diagnosis_thresholds.h"
#include "core/evaluation/mean_sd.h"

namespace bps::rules {

namespace {

constexpr const DiagnosisThresholds& kThreshold = kDiagnosisThresholds;

std::string num(double v, int digits = 3) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
}

std::string layerNumber(std::size_t index) { return std::to_string(index + 1); }

double mean(const std::deque<EpochReport>& window, double EpochReport::*field) {
    double s = 0;
    for (const auto& r : window) s += r.*field;
    return window.empty() ? 0 : s / double(window.size());
}

// Mean over the window of one layer statistic.
double layerMean(const std::deque<EpochReport>& window, std::size_t layer,
                 double LayerHealth::*field) {
    double s = 0;
    int n = 0;
    for (const auto& r : window)
        if (layer < r.layers.size()) {
            s += r.layers[layer].*field;
            ++n;
        }
    return n ? s / n : 0;
}

// The mean epoch-to-epoch change of a loss relative to its mean level over the window.
double jumpiness(const std::deque<EpochReport>& window, double EpochReport::*field) {
    double jumps = 0;
    for (std::size_t k = 1; k < window.size(); ++k)
        jumps += std::abs(window[k].*field - window[k - 1].*field);
    jumps /= double(window.size() - 1);
    const double level = mean(window, field);
    return level > 0 && std::isfinite(jumps) ? jumps / level : 0.0;
}

bool isReluKind(Activation a) { return a == Activation::Relu || a == Activation::LeakyRelu; }
bool isSquashing(Activation a) { return a == Activation::Tanh || a == Activation::Sigmoid; }

// The first layer whose initial weights are far off the Glorot/He scale: `large`, at least
// largeInitialisationRatio times, or else under tinyInitialisationRatio.
std::optional<Finding> offScaleInitialisation(const std::vector<LayerHealth>& layers, bool large) {
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const LayerHealth& h = layers[i];
        if (h.referenceStd <= 0) continue;
        const double ratio = h.weightStd / h.referenceStd;
        // Negated, so that a NaN ratio is neither large nor tiny.
        if (large ? !(ratio >= kThreshold.largeInitialisationRatio)
                  : !(ratio < kThreshold.tinyInitialisationRatio))
            continue;
        const std::string effect =
            large ? " times larger than the Glorot/He scale: signals grow layer by layer, "
                    "saturating or overflowing the units before the first step."
                  : " times smaller than the Glorot/He scale: signals and gradients shrink layer "
                    "by layer and the network starts out unable to learn.";
        return Finding{large ? FindingCode::LargeInitialisation : FindingCode::TinyInitialisation,
                       "The initial weights of layer " + layerNumber(i) + " were " +
                           num(large ? ratio : 1 / std::max(ratio, 1e-300), 2) + effect,
                       {{"layer", double(i + 1)},
                        {"initial_weight_std", h.weightStd},
                        {"reference_std", h.referenceStd}},
                       "Initialise at the Glorot/He scale (init scale 1).",
                       SuggestedFix{SuggestedFix::Kind::DefaultInitialisation, 1.0}};
    }
    return std::nullopt;
}

SuggestedFix learningRate(double rate) { return {SuggestedFix::Kind::SetLearningRate, rate}; }

double safeRate(OptimizerKind optimizer) {
    return optimizer == OptimizerKind::Adam ? kThreshold.safeAdamRate : kThreshold.safeMomentumRate;
}

// The lower rate to suggest for a rate that is too high, with where it came from: the range
// test's rate when it ran, else the rate this run last trained stably at, else a tenth of the
// rate capped at the optimiser's safe rate. Only a rate below the current one counts.
std::pair<double, std::string> lowerLearningRate(const RuleInput& in) {
    const double rate = in.learningRate;
    const double tested = in.context.rangeTestRate;
    if (tested > 0 && tested < rate) return {tested, "the learning-rate range test's rate"};
    const double stable = in.monitor.lastStableRate();
    if (stable > 0 && stable < rate) return {stable, "the rate this run last trained stably at"};
    const double tenth = rate / kThreshold.lowerRateDivisor;
    const double safe = safeRate(in.context.config.optimizer);
    if (tenth > safe)
        return {safe, "a safe rate for " + std::string(optimizerName(in.context.config.optimizer))};
    return {tenth, "a tenth"};
}
SuggestedFix activation(Activation a) { return {SuggestedFix::Kind::UseActivation, 0, a}; }

}  // namespace

RuleInput::RuleInput(const TrainingMonitor& monitor, const DiagnosisContext& context,
                     StopReason stopReason, const std::string& divergence)
    : monitor(monitor),
      context(context),
      stopReason(stopReason),
      divergence(divergence),
      window(monitor.recent()),
      learningRate(context.config.live.learningRate),
      lastLoss(window.empty() ? kNaN : window.back().trainLoss),
      lastValidationLoss(window.empty() ? kNaN : window.back().validationLoss),
      monitored(std::isfinite(lastValidationLoss) ? lastValidationLoss : lastLoss),
      layers(window.empty() ? 0 : window.back().layers.size()) {}

// A continued run's first weights are the end of an earlier run, not an initialisation: weights
// that grew while training are no "large initialisation", and its fix would change nothing.
std::optional<Finding> largeInitialisation(const RuleInput& in) {
    if (in.context.continued) return std::nullopt;
    return offScaleInitialisation(in.context.initialLayers, true);
}

std::optional<Finding> tinyInitialisation(const RuleInput& in) {
    if (in.context.continued) return std::nullopt;
    return offScaleInitialisation(in.context.initialLayers, false);
}

std::optional<Finding> diverged(const RuleInput& in) {
    if (!in.diverged()) return std::nullopt;
    const double epochs = in.monitor.epochs();
    // Non-finite before any update: no learning rate is to blame.
    if (!std::isfinite(in.context.initialLoss))
        return Finding{FindingCode::Diverged,
                       "Training diverged: " + in.divergence +
                           ". The loss was already non-finite at the initial weights, before any "
                           "update, so the learning rate is not the cause.",
                       {{"epoch", epochs}, {"initial_loss", in.context.initialLoss}},
                       "Check the initialisation scale and the size of the inputs (standardise "
                       "them).",
                       std::nullopt};
    const auto [lower, source] = lowerLearningRate(in);
    return Finding{FindingCode::Diverged,
                   "Training diverged: " + in.divergence +
                       ". It stopped there and kept the last finite weights.",
                   {{"epoch", epochs}, {"learning_rate", in.learningRate}},
                   "Lower the learning rate to " + num(lower) + " (" + source + ").",
                   learningRate(lower)};
}

std::optional<Finding> frozenParameters(const RuleInput& in) {
    // A run that diverged in its first epoch is back at its initial weights: not frozen.
    if (in.window.empty() || in.diverged()) return std::nullopt;
    for (std::size_t i = 0; i < in.layers; ++i) {
        const LayerHealth& h = in.window.back().layers[i];
        if (!h.weightsFrozen && !h.biasFrozen) continue;
        const std::string block = h.weightsFrozen && h.biasFrozen ? "weights and biases"
                                  : h.weightsFrozen               ? "weights"
                                                                  : "biases";
        return Finding{FindingCode::FrozenParameters,
                       "The " + block + " of layer " + layerNumber(i) +
                           " have not changed at all since training started.",
                       {{"layer", double(i + 1)},
                        {"epochs", double(in.monitor.epochs())},
                        {"unchanged_fraction_last_epoch", h.unchangedFraction}},
                       "Every parameter block must receive its gradient update: check that the "
                       "optimiser steps the " +
                           block + " (the 'biases never updated' bug).",
                       std::nullopt};
    }
    return std::nullopt;
}

std::optional<Finding> unscaledInputs(const RuleInput& in) {
    const DataHealth& d = in.context.data;
    if (d.standardized || !(d.scaleSpread >= kThreshold.unscaledScaleSpread ||
                            d.largestMagnitude >= kThreshold.unscaledMagnitude))
        return std::nullopt;
    return Finding{FindingCode::UnscaledInputs,
                   "Standardisation is off and the features' scales differ by a factor of " +
                       num(d.scaleSpread) + " ('" + d.widestFeature + "' vs '" +
                       d.narrowestFeature + "'); '" + d.largestFeature + "' has magnitude " +
                       num(d.largestMagnitude) +
                       ". Large inputs saturate the first layer and one learning rate cannot suit "
                       "all weights.",
                   {{"scale_spread", d.scaleSpread}, {"largest_magnitude", d.largestMagnitude}},
                   "Standardise the inputs (z-scores fitted on the training rows).",
                   SuggestedFix{SuggestedFix::Kind::Standardize, 1.0}};
}

std::optional<Finding> learningRateTooHigh(const RuleInput& in) {
    if (in.window.size() < kThreshold.rateWindowEpochs || in.diverged()) return std::nullopt;
    const double baseline = in.context.baselineLoss;
    // The validation loss is the one a too-large step throws around most.
    const double jumps = std::max(jumpiness(in.window, &EpochReport::trainLoss),
                                  std::isfinite(in.lastValidationLoss)
                                      ? jumpiness(in.window, &EpochReport::validationLoss)
                                      : 0.0);
    const double level = mean(in.window, &EpochReport::trainLoss);
    const bool rising = in.lastLoss > kThreshold.risingOverMinimum * in.monitor.minTrainLoss() &&
                        in.lastLoss > kThreshold.risingOverBaseline * baseline;
    const bool oscillating = jumps > kThreshold.oscillationJumpiness &&
                             level > kThreshold.oscillationOverBaseline * baseline;
    const bool aboveStart =
        in.monitored > kThreshold.aboveStartOverInitial * in.context.initialLoss &&
        in.monitored > baseline;
    if (!rising && !oscillating && !aboveStart) return std::nullopt;
    const auto [lower, source] = lowerLearningRate(in);
    return Finding{FindingCode::LearningRateTooHigh,
                   "The loss is " +
                       std::string(rising        ? "rising"
                                   : oscillating ? "jumping around"
                                                 : "worse than before training") +
                       ": the steps overshoot the minimum.",
                   {{"last_loss", in.lastLoss},
                    {"min_loss", in.monitor.minTrainLoss()},
                    {"relative_epoch_to_epoch_change", jumps},
                    {"learning_rate", in.learningRate}},
                   "Lower the learning rate to " + num(lower) + " (" + source + ").",
                   learningRate(lower)};
}

std::optional<Finding> learningRateTooLow(const RuleInput& in) {
    if (in.window.size() < kThreshold.rateWindowEpochs || in.layers == 0) return std::nullopt;
    double ratio = 0;
    for (std::size_t i = 0; i < in.layers; ++i)
        ratio = std::max(ratio, layerMean(in.window, i, &LayerHealth::updateRatio));
    const double initial = in.context.initialLoss;
    const double progress = (initial - in.monitored) / std::max(initial, 1e-12);
    if (!(ratio < kThreshold.slowUpdateRatio &&
          (progress < kThreshold.slowProgress ||
           in.monitored > kThreshold.slowOverBaseline * in.context.baselineLoss)))
        return std::nullopt;
    const double higher = in.learningRate * kThreshold.raiseRateFactor;
    return Finding{FindingCode::LearningRateTooLow,
                   "The weights hardly move: each step changes them by " + num(ratio, 2) +
                       " of their size (healthy is about 1e-3), and the loss has fallen only " +
                       num(100 * std::max(progress, 0.0), 2) + "% since the start.",
                   {{"update_to_weight_ratio", ratio},
                    {"loss_progress", progress},
                    {"learning_rate", in.learningRate}},
                   "Raise the learning rate to about " + num(higher, 2) +
                       ", or run the learning-rate range test.",
                   learningRate(higher)};
}

std::optional<Finding> deadRelu(const RuleInput& in) {
    if (!isReluKind(in.context.config.activation)) return std::nullopt;
    for (std::size_t i = 0; i + 1 < in.layers; ++i) {  // hidden layers only
        const LayerHealth& h = in.window.back().layers[i];
        if (!(h.deadFraction > kThreshold.deadFraction)) continue;
        return Finding{FindingCode::DeadRelu,
                       num(100 * h.deadFraction, 3) + "% of the units of layer " + layerNumber(i) +
                           " are never active: they pass no signal and get no gradient, so they "
                           "never recover.",
                       {{"layer", double(i + 1)}, {"dead_fraction", h.deadFraction}},
                       "Use leaky_relu, or a lower learning rate.",
                       activation(Activation::LeakyRelu)};
    }
    return std::nullopt;
}

std::optional<Finding> saturatedUnits(const RuleInput& in) {
    if (!isSquashing(in.context.config.activation)) return std::nullopt;
    for (std::size_t i = 0; i + 1 < in.layers; ++i) {  // hidden layers only
        const LayerHealth& h = in.window.back().layers[i];
        if (!(h.saturatedFraction > kThreshold.saturatedFraction)) continue;
        return Finding{FindingCode::SaturatedUnits,
                       num(100 * h.saturatedFraction, 3) + "% of the activations of layer " +
                           layerNumber(i) +
                           " are saturated, where the derivative is near zero and learning "
                           "stalls.",
                       {{"layer", double(i + 1)}, {"saturated_fraction", h.saturatedFraction}},
                       "Standardise the inputs, use a smaller initialisation, or relu.",
                       activation(Activation::Relu)};
    }
    return std::nullopt;
}

std::optional<Finding> vanishingGradients(const RuleInput& in) {
    if (in.layers < kThreshold.vanishingMinLayers) return std::nullopt;
    const double first = layerMean(in.window, 0, &LayerHealth::gradientNorm);
    const double last = layerMean(in.window, in.layers - 1, &LayerHealth::gradientNorm);
    if (!(last > 0 && first / last < kThreshold.vanishingRatio)) return std::nullopt;
    return Finding{FindingCode::VanishingGradients,
                   "The gradient shrinks by a factor of " + num(last / std::max(first, 1e-300), 2) +
                       " from the output layer to the input layer: the first layers barely learn.",
                   {{"input_layer_gradient_norm", first}, {"output_layer_gradient_norm", last}},
                   "Use relu or leaky_relu, fewer layers, or standardised inputs.",
                   activation(Activation::Relu)};
}

std::optional<Finding> predictingMajorityClass(const RuleInput& in) {
    const DiagnosisContext& c = in.context;
    if (c.task == Task::Regression || in.window.empty() ||
        in.window.back().predictedFractions.empty())
        return std::nullopt;
    const auto& f = in.window.back().predictedFractions;
    const double top = *std::max_element(f.begin(), f.end());
    const double baseline = c.baselineLoss;
    if (!(top >= kThreshold.majorityFraction &&
          in.monitored <= kThreshold.majorityOverBaseline * baseline))
        return std::nullopt;
    const double l2 = c.config.live.l2;
    return Finding{
        FindingCode::PredictingMajorityClass,
        "The network predicts one class for " + num(100 * top, 3) + "% of the rows and its loss (" +
            num(in.monitored) + ") sits at the cost of always predicting the class prior (" +
            num(baseline) + "): the accuracy looks good only because '" + c.data.minorityClass +
            "' is rare (" + num(100 * c.data.minorityFraction) + "% of the rows).",
        {{"majority_prediction_fraction", top},
         {"loss", in.monitored},
         {"baseline_loss", baseline},
         {"minority_fraction", c.data.minorityFraction},
         {"l2", l2}},
        "Weight the classes ('balanced') and check that the loss moves below the baseline" +
            std::string(l2 >= kThreshold.pinningL2
                            ? "; the L2 penalty (" + num(l2) +
                                  ") may also be pinning the weights near zero."
                            : "."),
        SuggestedFix{SuggestedFix::Kind::BalancedClassWeights, 1.0}};
}

std::optional<Finding> overfitting(const RuleInput& in) {
    const TrainingMonitor& m = in.monitor;
    const int epochs = m.epochs();
    const double best = m.bestValidationLoss();
    if (!(epochs >= kThreshold.overfitMinEpochs && std::isfinite(best) &&
          m.bestEpoch() <= epochs - std::max(kThreshold.overfitMinEpochsSinceBest,
                                             epochs / kThreshold.overfitRunFraction) &&
          in.lastValidationLoss > kThreshold.overfitRise * best &&
          in.lastLoss < m.trainLossAtBest()))
        return std::nullopt;
    const int patience = std::max(kThreshold.minSuggestedPatience, (epochs - m.bestEpoch()) / 2);
    return Finding{FindingCode::Overfitting,
                   "The validation loss has risen from " + num(best) + " at epoch " +
                       std::to_string(m.bestEpoch()) + " to " + num(in.lastValidationLoss) +
                       " while the training loss kept falling: the network memorises the "
                       "training rows.",
                   {{"best_validation_loss", best},
                    {"best_epoch", double(m.bestEpoch())},
                    {"validation_loss", in.lastValidationLoss},
                    {"train_loss", in.lastLoss}},
                   "Enable early stopping (patience " + std::to_string(patience) +
                       "), add L2 weight decay, or use a smaller network.",
                   SuggestedFix{SuggestedFix::Kind::EarlyStopping, double(patience)}};
}

std::optional<Finding> plateau(const RuleInput& in) {
    if (in.window.size() < kThreshold.plateauWindowEpochs || in.diverged()) return std::nullopt;
    const double start = in.window.front().trainLoss;
    const double change = std::abs(start - in.lastLoss) / std::max(std::abs(start), 1e-12);
    const double baseline = in.context.baselineLoss;
    if (!(change < kThreshold.plateauChange &&
          in.monitored > kThreshold.plateauOverBaseline * baseline))
        return std::nullopt;
    return Finding{
        FindingCode::Plateau,
        "The loss has stayed within " + num(100 * change, 2) + "% over the last " +
            std::to_string(in.window.size()) + " epochs at " + num(in.lastLoss) +
            ", close to the baseline of " + num(baseline) + ".",
        {{"relative_change", change}, {"loss", in.lastLoss}, {"baseline_loss", baseline}},
        "Run the learning-rate range test, or try a learning-rate schedule.",
        std::nullopt};
}

std::optional<Finding> constantFeatures(const RuleInput& in) {
    const std::vector<std::string>& constant = in.context.data.constantFeatures;
    if (constant.empty()) return std::nullopt;
    std::string names;
    for (const auto& n : constant) names += (names.empty() ? "'" : ", '") + n + "'";
    return Finding{FindingCode::ConstantFeatures,
                   "Constant features carry no information: " + names + ".",
                   {{"count", double(constant.size())}},
                   "Mark them as ignored.",
                   std::nullopt};
}

std::optional<Finding> noBetterThanLinear(const BaselineComparison& in) {
    const MeanSd net = meanSd(in.network);
    const MeanSd lin = meanSd(in.linear);
    if (net.count < 2 || lin.count < 2) return std::nullopt;
    const double spread = std::max(net.sd, lin.sd);
    const double gain = net.mean - lin.mean;
    if (gain > kThreshold.linearBaselineSpreads * spread) return std::nullopt;
    return Finding{FindingCode::NoBetterThanLinear,
                   "Across " + std::to_string(net.count) + " folds the network's mean " +
                       in.metric + " (" + num(net.mean, 4) + " +- " + num(net.sd, 2) +
                       ") is no better than that of the same model without hidden layers (" +
                       num(lin.mean, 4) + " +- " + num(lin.sd, 2) +
                       ") beyond the spread between folds: the hidden layers add nothing "
                       "measurable.",
                   {{"network_mean", net.mean},
                    {"network_sd", net.sd},
                    {"linear_mean", lin.mean},
                    {"linear_sd", lin.sd},
                    {"gain", gain}},
                   "Prefer the linear model (no hidden layer: simpler, as good), or look for "
                   "what it cannot capture: more epochs, another width or learning rate, more "
                   "informative features.",
                   std::nullopt};
}

}  // namespace bps::rules
