#pragma once
// Every number a diagnosis rule compares against, named, in one place. Losses are compared with
// the baseline (the loss of predicting the class prior, or the mean) and with the loss at the
// initial weights; "window" is the monitor's last TrainingMonitor::kWindow epochs.

#include <cstddef>

namespace bps {

struct DiagnosisThresholds {
    // Initial weight std against the Glorot/He scale. HTRU2's tanh network still trains well at
    // 10x and gets no finding, saturates at 50x; one layer's sample of 16 weights can be 1.5x
    // off its scale.
    double largeInitialisationRatio = 30;   // at least this: large_initialisation
    double tinyInitialisationRatio = 0.01;  // below this: tiny_initialisation

    // Standardisation off and the raw features' std spread (max / min) or largest RMS this big.
    double unscaledScaleSpread = 20;
    double unscaledMagnitude = 20;

    // The learning-rate rules need a few epochs to see a trend.
    std::size_t rateWindowEpochs = 3;
    // Too high: rising (the last loss well above the lowest so far and not near zero), jumping
    // around (the mean epoch-to-epoch change relative to the mean level, training or validation
    // loss, above a quarter while the level is not tiny), or worse than before training.
    double risingOverMinimum = 1.5;
    double risingOverBaseline = 0.5;
    double oscillationJumpiness = 0.25;
    double oscillationOverBaseline = 0.2;
    double aboveStartOverInitial = 1.2;
    // Too high or diverged: suggest this fraction of the rate, but never above the optimiser's
    // safe rate (a tenth of Adam at 10 is 1, which diverges as well); a rate the range test
    // found or the run trained at comes first (lowerLearningRate in diagnosis_rules.cpp).
    double lowerRateDivisor = 10;
    double safeAdamRate = 1e-3;      // Adam's step is about the rate whatever the gradient
    double safeMomentumRate = 1e-2;  // SGD with momentum, and plain SGD

    // Too low: the largest layer's mean update-to-weight ratio below this (healthy is about
    // 1e-3) while the loss has fallen by less than a tenth, or is not clearly below the baseline
    // (learning only the class prior, the output bias, is not progress).
    double slowUpdateRatio = 1e-4;
    double slowProgress = 0.1;
    double slowOverBaseline = 0.9;
    double raiseRateFactor = 30;

    // Hidden units: (leaky) relu units never active; tanh or sigmoid activations saturated.
    // Tanh nets that train well can have about half their activations beyond 0.99.
    double deadFraction = 0.5;
    double saturatedFraction = 0.8;

    // The input layer's mean gradient norm against the output layer's, in networks this deep.
    std::size_t vanishingMinLayers = 3;
    double vanishingRatio = 0.02;

    // One class predicted for this share of the rows while the loss sits near the baseline;
    // an L2 this strong may be what pins the weights.
    double majorityFraction = 0.99;
    double majorityOverBaseline = 1.1;
    double pinningL2 = 0.01;

    // A few percent of drift after the best epoch is normal; overfitting is a clear rise that
    // has lasted (at least overfitMinEpochsSinceBest epochs and a fifth of the run), while the
    // training loss kept falling. The suggested patience is half the epochs since the best.
    int overfitMinEpochs = 10;
    int overfitMinEpochsSinceBest = 10;
    int overfitRunFraction = 5;
    double overfitRise = 1.1;
    int minSuggestedPatience = 5;

    // The training loss moved by less than this fraction over the window, near the baseline.
    std::size_t plateauWindowEpochs = 10;
    double plateauChange = 0.005;
    double plateauOverBaseline = 0.8;

    // Cross-validation: the network's mean score beats the linear baseline's by no more than
    // this many fold standard deviations (the larger of the two): no_better_than_linear.
    double linearBaselineSpreads = 1.0;

    // many_levels: a one-hot input column with more than manyLevels inputs, or with at least
    // manyLevelsMinInputs inputs that make up manyLevelsInputShare of the network's inputs
    // while the training rows per input are under manyLevelsRowsPerLevel (each level's weight
    // is then learnt from a handful of rows). The suggested --min-level-count is the largest of
    // the current count + 1, manyLevelsRowsPerLevel and rows / manyLevels (at most manyLevels
    // levels can each have that many rows, so at most that many are kept).
    std::size_t manyLevels = 100;
    std::size_t manyLevelsMinInputs = 20;
    double manyLevelsInputShare = 0.5;
    double manyLevelsRowsPerLevel = 10;

    // identifier_leak: a categorical input with distinct values (merged ones included) at least
    // identifierLevelFraction of the rows its encoding was fitted on, and at least
    // identifierMinLevels of them: nearly one level per row, an identifier used as a feature.
    // The same fraction as KindThresholds::identifierDistinctFraction.
    double identifierLevelFraction = 0.5;
    std::size_t identifierMinLevels = 20;
};

inline constexpr DiagnosisThresholds kDiagnosisThresholds{};

}  // namespace bps
