#include "app/cli_metric_columns.h"

#include <cmath>
#include <cstdio>

namespace bps::cli {

std::string fixedNumber(double value, int digits) {
    if (std::isnan(value)) return "n/a";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, value);
    return buf;
}

}  // namespace bps::cli
