#include "core/base/types.h"

namespace bps {

std::string_view taskName(Task task) {
    switch (task) {
        case Task::Binary: return "binary";
        case Task::Multiclass: return "multiclass";
        case Task::Regression: return "regression";
    }
    return "unknown";
}

std::optional<Task> parseTask(std::string_view name) {
    if (name == "binary") return Task::Binary;
    if (name == "multiclass") return Task::Multiclass;
    if (name == "regression") return Task::Regression;
    return std::nullopt;
}

}  // namespace bps
