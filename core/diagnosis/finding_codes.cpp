#include "core/diagnosis/finding_codes.h"

namespace bps {

std::optional<FindingCode> parseFindingCode(std::string_view name) {
    for (const FindingCodeInfo& info : kFindingCodes)
        if (info.name == name) return info.code;
    return std::nullopt;
}

}  // namespace bps
