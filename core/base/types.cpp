#include "core/base/types.h"

namespace bps {

std::string_view taskName(Task task) { return nameIn(kTaskNames, task); }

std::optional<Task> parseTask(std::string_view name) { return parseIn(kTaskNames, name); }

}  // namespace bps
