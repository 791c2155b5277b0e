#pragma once
// The defaults that depend on the data: a small table gets a wider, L2-regularised network,
// smaller batches and early stopping on a smaller validation share; every table gets early
// stopping with a patience that is a share of the epochs. Settings the user gave stay as given.
// Measured against scikit-learn's defaults by bench/defaults_vs_sklearn.py (README, "Defaults
// that adapt to small tables").

#include <cstddef>
#include <string>
#include <vector>

#include "core/model/training_config.h"

namespace bps {

// Fewer usable rows than this is a small table.
inline constexpr std::size_t kSmallTableRows = 2000;
// A small table's validation share is 0.1 from this many rows on (fewer would leave under 10
// validation rows); below, it stays 0.2.
inline constexpr std::size_t kSmallValidationRows = 100;
// The patience never goes below this many epochs: a short run is not cut shorter.
inline constexpr int kMinimumPatience = 10;

// Which of the adaptable settings the user chose (a flag, a panel edit): those are kept.
struct GivenSettings {
    bool hidden = false;
    bool l2 = false;
    bool batchSize = false;
    bool validationFraction = false;
    bool earlyStopping = false;
};

struct AdaptedDefaults {
    TrainingConfig config;
    // What was set, as "hidden 64", "l2 0.003", ...; empty when nothing was.
    std::vector<std::string> changes;
    std::string reason;  // "398 rows, fewer than 2000"
};

// `config` with the settings not in `given` set for a table of `rows` usable rows. The
// patience is a share of config.epochs (as given or default): a fifth on a small table, a tenth
// otherwise, and at least kMinimumPatience.
AdaptedDefaults adaptDefaults(const TrainingConfig& config, const GivenSettings& given,
                              std::size_t rows);

// "Defaults adapted to 398 rows, fewer than 2000: hidden 64, ..." or "" when nothing changed.
std::string describeAdaptedDefaults(const AdaptedDefaults& adapted);

}  // namespace bps
