#pragma once
// The limits of every setting and the defaults of the diagnostic tools, written once: validation
// (TrainingConfig::validate, Trainer::setLive), the command line's help and errors, the
// hyperparameter panel's ranges and tooltips, and the tools all read them here.
//
// Two kinds of range: what a run accepts at all (validate() rejects anything outside it), and
// the narrower one the desktop app's controls offer (`...Control`), which lies inside the first.

namespace bps::limits {

template <typename T>
struct Range {
    T min;
    T max;
    // False for NaN, so a NaN setting is never in range.
    constexpr bool contains(T value) const { return value >= min && value <= max; }
};

// --- What validate() accepts. Rates, L2 and the init scale: any positive (L2: or zero)
// finite number; batch size and patience: 0 (full batch, off) or more.
inline constexpr Range<int> kHiddenUnits{1, 100000};
// Momentum lies in [0, kMomentumEnd): at 1 a step would never be forgotten.
inline constexpr double kMomentumEnd = 1.0;
inline constexpr int kMinEpochs = 1;
inline constexpr Range<double> kValidationFraction{0.0, 0.9};

// --- What the hyperparameter panel's controls offer; suggested learning rates are clamped
// to the control's range, so a fix never sets a value the panel cannot show.
inline constexpr Range<double> kLearningRateControl{1e-5, 10.0};
// Three decimals, so the largest momentum the spin box shows below kMomentumEnd.
inline constexpr int kMomentumDecimals = 3;
inline constexpr Range<double> kMomentumControl{0.0, 0.999};
inline constexpr Range<double> kL2Control{0.0, 1.0};
inline constexpr Range<int> kBatchSizeControl{0, 10'000'000};
inline constexpr Range<int> kEpochsControl{kMinEpochs, 10'000'000};
inline constexpr Range<int> kPatienceControl{0, 1'000'000};
inline constexpr Range<double> kInitScaleControl{1e-6, 100.0};

static_assert(kMomentumControl.min >= 0 && kMomentumControl.max < kMomentumEnd);
static_assert(kLearningRateControl.min > 0 && kInitScaleControl.min > 0);
static_assert(kEpochsControl.min >= kMinEpochs && kBatchSizeControl.min >= 0);

// --- The diagnostic tools (the range test, the gradient check, the tiny-batch overfit), as the
// command line, the Tools panel and their descriptions run them.
inline constexpr int kRangeTestSteps = 300;                     // mini-batches
inline constexpr Range<int> kRangeTestStepChoices{10, 100000};  // lr-find --steps
inline constexpr Range<double> kRangeTestRates{1e-6, 10.0};
inline constexpr int kGradientCheckRows = 32;
inline constexpr int kOverfitRows = 16;
inline constexpr int kOverfitSteps = 1000;

static_assert(kRangeTestStepChoices.contains(kRangeTestSteps));

}  // namespace bps::limits
