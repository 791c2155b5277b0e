#pragma once
// Losses computed from the output layer's logits, so they stay finite: binary cross-entropy as
// max(z,0) - z*y + log1p(exp(-|z|)) (both the y=1 and the y=0 term, never log(0)), softmax
// cross-entropy through log-sum-exp, squared error for regression.

#include <Eigen/Core>
#include <cmath>
#include <optional>
#include <string_view>

#include "core/base/types.h"
#include "core/math/activation.h"

namespace bps {

Activation outputActivation(Task task);

// Per-sample loss of one row of logits against target y (0/1, a class index, or a value).
template <typename T, typename Row>
T sampleLoss(Task task, const Row& z, T y) {
    switch (task) {
        case Task::Binary: {
            const T x = z(0);
            return std::max(x, T(0)) - x * y + std::log1p(std::exp(-std::abs(x)));
        }
        case Task::Multiclass: {
            const T m = z.maxCoeff();
            const T lse = m + std::log((z.array() - m).exp().sum());
            return lse - z(static_cast<Eigen::Index>(y));
        }
        case Task::Regression: {
            const T d = z(0) - y;
            return d * d;
        }
    }
    return T(0);
}

}  // namespace bps
