#include "core/monitoring/epoch_report.h"

namespace bps {

std::string_view stopReasonName(StopReason reason) { return nameIn(kStopReasonNames, reason); }

}  // namespace bps
