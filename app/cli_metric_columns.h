#pragma once
// How the commands print metrics; the columns themselves are core's (metric_columns.h).

#include <string>
#include <vector>

#include "core/evaluation/metric_columns.h"

namespace bps::cli {

// "0.9712", or "n/a" for NaN.
std::string fixedNumber(double value, int digits = 4);

}  // namespace bps::cli
