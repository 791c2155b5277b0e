#include "core/base/errors.h"

namespace bps {

std::string locate(const std::string& source, std::size_t line, std::size_t column,
                   const std::string& message) {
    std::string out;
    if (!source.empty()) out += source + ": ";
    if (line > 0) {
        out += "line " + std::to_string(line);
        if (column > 0) out += ", column " + std::to_string(column);
        out += ": ";
    }
    return out + message;
}

}  // namespace bps
