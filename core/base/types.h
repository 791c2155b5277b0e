#pragma once
// The vocabulary every layer shares: the kind of learning task, Eigen's matrix aliases and the
// NaN that marks "not measured". Nothing here knows about files, networks or training.

#include <Eigen/Core>
#include <limits>
#include <optional>
#include <string_view>

#include "core/base/name_table.h"

namespace bps {

enum class Task { Binary, Multiclass, Regression };

// Task names as model files, reports and --task spell them.
inline constexpr NameTable<Task, 3> kTaskNames{{
    {Task::Binary, "binary"},
    {Task::Multiclass, "multiclass"},
    {Task::Regression, "regression"},
}};

std::string_view taskName(Task task);
std::optional<Task> parseTask(std::string_view name);

template <typename T>
using MatrixX = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <typename T>
using VectorX = Eigen::Matrix<T, Eigen::Dynamic, 1>;

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace bps
