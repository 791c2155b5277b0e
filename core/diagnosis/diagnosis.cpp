#include "core/diagnosis/diagnosis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bps {

namespace {

// Rank of each code: root causes first, then the symptoms they cause.
// A huge initialisation comes before the divergence it causes: lowering the rate cannot help.
enum Rank {
    kLargeInit = 1, kDiverged, kFrozen, kTinyInit, kUnscaled, kRateHigh, kRateLow,
    kDeadRelu, kSaturated, kVanishing, kMajority, kOverfitting, kPlateau, kConstantFeatures
};

std::string num(double v, int digits = 3) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
}

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

bool isHiddenKind(Activation a, std::initializer_list<Activation> kinds) {
    return std::find(kinds.begin(), kinds.end(), a) != kinds.end();
}

// The first layer whose initial weights are far off the Glorot/He scale: `large`, 30x or more
// (HTRU2's tanh network still trains well at 10x and gets no finding, saturates at 50x; one
// layer's sample of 16 weights can be 1.5x off its scale), or else under a hundredth.
std::optional<Finding> offScaleInitialisation(const std::vector<LayerHealth>& layers, bool large) {
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const LayerHealth& h = layers[i];
        if (h.referenceStd <= 0) continue;
        const double ratio = h.weightStd / h.referenceStd;
        if (large ? !(ratio >= 30) : !(ratio < 0.01)) continue;
        const std::string effect =
            large ? " times larger than the Glorot/He scale: signals grow layer by layer, "
                    "saturating or overflowing the units before the first step."
                  : " times smaller than the Glorot/He scale: signals and gradients shrink layer "
                    "by layer and the network starts out unable to learn.";
        return Finding{large ? "large_initialisation" : "tiny_initialisation",
                       "The initial weights of layer " + std::to_string(i + 1) + " were " +
                           num(large ? ratio : 1 / std::max(ratio, 1e-300), 2) + effect,
                       {{"layer", double(i + 1)}, {"initial_weight_std", h.weightStd},
                        {"reference_std", h.referenceStd}},
                       "Initialise at the Glorot/He scale (init scale 1).",
                       SuggestedFix{SuggestedFix::Kind::DefaultInitialisation, 1.0},
                       large ? kLargeInit : kTinyInit};
    }
    return std::nullopt;
}

}  // namespace

bool isRootCause(const Finding& finding) { return finding.rank <= kRateLow; }

void TrainingMonitor::observe(const EpochReport& r) {
    ++m_epochs;
    m_recent.push_back(r);
    if (m_recent.size() > kWindow) m_recent.pop_front();
    if (std::isfinite(r.trainLoss)) m_minTrain = std::min(m_minTrain, r.trainLoss);
    if (std::isfinite(r.validationLoss) && r.validationLoss < m_bestVal) {
        m_bestVal = r.validationLoss;
        m_bestEpoch = r.epoch;
        m_trainAtBest = r.trainLoss;
    }
}

void TrainingMonitor::reset() { *this = TrainingMonitor(); }

std::vector<Finding> diagnose(const TrainingMonitor& monitor, const DiagnosisContext& ctx,
                              StopReason stopReason, const std::string& divergence) {
    std::vector<Finding> out;
    const auto& window = monitor.recent();
    const double lr = ctx.config.live.learningRate;
    const double baseline = ctx.baselineLoss;
    const bool classification = ctx.task != Task::Regression;
    const double lastLoss = window.empty() ? kNaN : window.back().trainLoss;
    const double lastVal = window.empty() ? kNaN : window.back().validationLoss;
    const double monitored = std::isfinite(lastVal) ? lastVal : lastLoss;
    const std::size_t layers = window.empty() ? 0 : window.back().layers.size();

    if (auto f = offScaleInitialisation(ctx.initialLayers, true)) out.push_back(std::move(*f));

    if (stopReason == StopReason::Diverged) {
        // Non-finite before any update: no learning rate is to blame.
        if (!std::isfinite(ctx.initialLoss)) {
            out.push_back({"diverged",
                           "Training diverged: " + divergence +
                               ". The loss was already non-finite at the initial weights, before "
                               "any update, so the learning rate is not the cause.",
                           {{"epoch", double(monitor.epochs())}, {"initial_loss", ctx.initialLoss}},
                           "Check the initialisation scale and the size of the inputs "
                           "(standardise them).",
                           std::nullopt, kDiverged});
        } else {
            out.push_back({"diverged",
                           "Training diverged: " + divergence +
                               ". It stopped there and kept the last finite weights.",
                           {{"epoch", double(monitor.epochs())}, {"learning_rate", lr}},
                           "Lower the learning rate to " + num(lr / 10) + " (a tenth).",
                           SuggestedFix{SuggestedFix::Kind::SetLearningRate, lr / 10},
                           kDiverged});
        }
    }

    // A run that diverged in its first epoch is back at its initial weights: not frozen.
    if (!window.empty() && stopReason != StopReason::Diverged) {
        for (std::size_t i = 0; i < layers; ++i) {
            const LayerHealth& h = window.back().layers[i];
            if (!h.weightsFrozen && !h.biasFrozen) continue;
            const std::string block = h.weightsFrozen && h.biasFrozen ? "weights and biases"
                                      : h.weightsFrozen               ? "weights"
                                                                      : "biases";
            out.push_back({"frozen_parameters",
                           "The " + block + " of layer " + std::to_string(i + 1) +
                               " have not changed at all since training started.",
                           {{"layer", double(i + 1)}, {"epochs", double(monitor.epochs())},
                            {"unchanged_fraction_last_epoch", h.unchangedFraction}},
                           "Every parameter block must receive its gradient update: check that "
                           "the optimiser steps the " + block + " (the 'biases never updated' bug).",
                           std::nullopt, kFrozen});
            break;
        }
    }

    if (auto f = offScaleInitialisation(ctx.initialLayers, false)) out.push_back(std::move(*f));

    if (!ctx.data.standardized && (ctx.data.scaleSpread >= 20 || ctx.data.largestMagnitude >= 20)) {
        out.push_back({"unscaled_inputs",
                       "Standardisation is off and the features' scales differ by a factor of " +
                           num(ctx.data.scaleSpread) + " ('" + ctx.data.widestFeature + "' vs '" +
                           ctx.data.narrowestFeature + "'); '" + ctx.data.largestFeature +
                           "' has magnitude " + num(ctx.data.largestMagnitude) +
                           ". Large inputs saturate the first layer and one learning rate cannot "
                           "suit all weights.",
                       {{"scale_spread", ctx.data.scaleSpread},
                        {"largest_magnitude", ctx.data.largestMagnitude}},
                       "Standardise the inputs (z-scores fitted on the training rows).",
                       SuggestedFix{SuggestedFix::Kind::Standardize, 1.0}, kUnscaled});
    }

    if (window.size() >= 3 && stopReason != StopReason::Diverged) {
        // Rising: well above the best loss seen. Oscillating: big jumps between epochs.
        // Jumpiness: the mean epoch-to-epoch change relative to the mean level, for the
        // training loss and for the validation loss (the one a too-large step throws around).
        auto jumpiness = [&](double EpochReport::*field) {
            double jumps = 0;
            for (std::size_t k = 1; k < window.size(); ++k)
                jumps += std::abs(window[k].*field - window[k - 1].*field);
            jumps /= double(window.size() - 1);
            const double level = mean(window, field);
            return level > 0 && std::isfinite(jumps) ? jumps / level : 0.0;
        };
        const double jumps = std::max(jumpiness(&EpochReport::trainLoss),
                                      std::isfinite(lastVal) ? jumpiness(&EpochReport::validationLoss) : 0.0);
        const double level = mean(window, &EpochReport::trainLoss);
        const bool rising = lastLoss > 1.5 * monitor.minTrainLoss() && lastLoss > 0.5 * baseline;
        const bool oscillating = jumps > 0.25 && level > 0.2 * baseline;
        const bool aboveStart = monitored > 1.2 * ctx.initialLoss && monitored > baseline;
        if (rising || oscillating || aboveStart) {
            out.push_back({"learning_rate_too_high",
                           "The loss is " +
                               std::string(rising ? "rising" : oscillating ? "jumping around" : "worse than before training") +
                               ": the steps overshoot the minimum.",
                           {{"last_loss", lastLoss}, {"min_loss", monitor.minTrainLoss()},
                            {"relative_epoch_to_epoch_change", jumps}, {"learning_rate", lr}},
                           "Lower the learning rate to " + num(lr / 10) + ".",
                           SuggestedFix{SuggestedFix::Kind::SetLearningRate, lr / 10}, kRateHigh});
        }
    }

    if (window.size() >= 3 && layers > 0) {
        double ratio = 0;
        for (std::size_t i = 0; i < layers; ++i) ratio = std::max(ratio, layerMean(window, i, &LayerHealth::updateRatio));
        const double progress = (ctx.initialLoss - monitored) / std::max(ctx.initialLoss, 1e-12);
        // Learning only the class prior (the output bias) is not progress: the loss has to get
        // clearly below the baseline.
        if (ratio < 1e-4 && (progress < 0.1 || monitored > 0.9 * baseline)) {
            out.push_back({"learning_rate_too_low",
                           "The weights hardly move: each step changes them by " + num(ratio, 2) +
                               " of their size (healthy is about 1e-3), and the loss has fallen only " +
                               num(100 * std::max(progress, 0.0), 2) + "% since the start.",
                           {{"update_to_weight_ratio", ratio}, {"loss_progress", progress},
                            {"learning_rate", lr}},
                           "Raise the learning rate to about " + num(lr * 30, 2) +
                               ", or run the learning-rate range test.",
                           SuggestedFix{SuggestedFix::Kind::SetLearningRate, lr * 30}, kRateLow});
        }
    }

    for (std::size_t i = 0; i + 1 < layers; ++i) {
        const LayerHealth& h = window.back().layers[i];
        const Activation a = ctx.config.activation;
        if (isHiddenKind(a, {Activation::Relu, Activation::LeakyRelu}) && h.deadFraction > 0.5) {
            out.push_back({"dead_relu",
                           num(100 * h.deadFraction, 3) + "% of the units of layer " +
                               std::to_string(i + 1) + " are never active: they pass no signal "
                               "and get no gradient, so they never recover.",
                           {{"layer", double(i + 1)}, {"dead_fraction", h.deadFraction}},
                           "Use leaky_relu, or a lower learning rate.",
                           SuggestedFix{SuggestedFix::Kind::UseActivation, 0, Activation::LeakyRelu},
                           kDeadRelu});
            break;
        }
        // Tanh nets that train well can have about half their activations beyond 0.99.
        if (isHiddenKind(a, {Activation::Tanh, Activation::Sigmoid}) && h.saturatedFraction > 0.8) {
            out.push_back({"saturated_units",
                           num(100 * h.saturatedFraction, 3) + "% of the activations of layer " +
                               std::to_string(i + 1) + " are saturated, where the derivative "
                               "is near zero and learning stalls.",
                           {{"layer", double(i + 1)}, {"saturated_fraction", h.saturatedFraction}},
                           "Standardise the inputs, use a smaller initialisation, or relu.",
                           SuggestedFix{SuggestedFix::Kind::UseActivation, 0, Activation::Relu},
                           kSaturated});
            break;
        }
    }

    if (layers >= 3) {
        const double first = layerMean(window, 0, &LayerHealth::gradientNorm);
        const double last = layerMean(window, layers - 1, &LayerHealth::gradientNorm);
        if (last > 0 && first / last < 0.02) {
            out.push_back({"vanishing_gradients",
                           "The gradient shrinks by a factor of " + num(last / std::max(first, 1e-300), 2) +
                               " from the output layer to the input layer: the first layers barely learn.",
                           {{"input_layer_gradient_norm", first}, {"output_layer_gradient_norm", last}},
                           "Use relu or leaky_relu, fewer layers, or standardised inputs.",
                           SuggestedFix{SuggestedFix::Kind::UseActivation, 0, Activation::Relu},
                           kVanishing});
        }
    }

    if (classification && !window.empty() && !window.back().predictedFractions.empty()) {
        const auto& f = window.back().predictedFractions;
        const auto top = std::max_element(f.begin(), f.end());
        if (*top >= 0.99 && monitored <= 1.1 * baseline) {
            out.push_back({"predicting_majority_class",
                           "The network predicts one class for " + num(100 * *top, 3) +
                               "% of the rows and its loss (" + num(monitored) +
                               ") sits at the cost of always predicting the class prior (" +
                               num(baseline) + "): the accuracy looks good only because '" +
                               ctx.data.minorityClass + "' is rare (" +
                               num(100 * ctx.data.minorityFraction) + "% of the rows).",
                           {{"majority_prediction_fraction", *top}, {"loss", monitored},
                            {"baseline_loss", baseline}, {"minority_fraction", ctx.data.minorityFraction},
                            {"l2", ctx.config.live.l2}},
                           "Weight the classes ('balanced') and check that the loss moves below the baseline" +
                               std::string(ctx.config.live.l2 >= 0.01 ? "; the L2 penalty (" + num(ctx.config.live.l2) +
                                                                            ") may also be pinning the weights near zero."
                                                                      : "."),
                           SuggestedFix{SuggestedFix::Kind::BalancedClassWeights, 1.0}, kMajority});
        }
    }

    // A few percent of drift after the best epoch is normal; overfitting is a clear rise that
    // has lasted, while the training loss kept falling.
    if (monitor.epochs() >= 10 && std::isfinite(monitor.bestValidationLoss()) &&
        monitor.bestEpoch() <= monitor.epochs() - std::max(10, monitor.epochs() / 5) &&
        lastVal > 1.1 * monitor.bestValidationLoss() && lastLoss < monitor.trainLossAtBest()) {
        const int patience = std::max(5, (monitor.epochs() - monitor.bestEpoch()) / 2);
        out.push_back({"overfitting",
                       "The validation loss has risen from " + num(monitor.bestValidationLoss()) +
                           " at epoch " + std::to_string(monitor.bestEpoch()) + " to " + num(lastVal) +
                           " while the training loss kept falling: the network memorises the training rows.",
                       {{"best_validation_loss", monitor.bestValidationLoss()},
                        {"best_epoch", double(monitor.bestEpoch())}, {"validation_loss", lastVal},
                        {"train_loss", lastLoss}},
                       "Enable early stopping (patience " + std::to_string(patience) +
                           "), add L2 weight decay, or use a smaller network.",
                       SuggestedFix{SuggestedFix::Kind::EarlyStopping, double(patience)}, kOverfitting});
    }

    if (out.empty() && window.size() >= 10 && stopReason != StopReason::Diverged) {
        const double start = window.front().trainLoss;
        const double change = std::abs(start - lastLoss) / std::max(std::abs(start), 1e-12);
        if (change < 0.005 && monitored > 0.8 * baseline) {
            out.push_back({"plateau",
                           "The loss has stayed within " + num(100 * change, 2) + "% over the last " +
                               std::to_string(window.size()) + " epochs at " + num(lastLoss) +
                               ", close to the baseline of " + num(baseline) + ".",
                           {{"relative_change", change}, {"loss", lastLoss}, {"baseline_loss", baseline}},
                           "Run the learning-rate range test, or try a learning-rate schedule.",
                           std::nullopt, kPlateau});
        }
    }

    if (!ctx.data.constantFeatures.empty()) {
        std::string names;
        for (const auto& n : ctx.data.constantFeatures) names += (names.empty() ? "'" : ", '") + n + "'";
        out.push_back({"constant_features", "Constant features carry no information: " + names + ".",
                       {{"count", double(ctx.data.constantFeatures.size())}},
                       "Mark them as ignored.", std::nullopt, kConstantFeatures});
    }

    std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) { return a.rank < b.rank; });
    return out;
}

}  // namespace bps
