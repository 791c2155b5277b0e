#pragma once
// Eigen vectors written inline in tests, and from the QList<double> columns of data-driven tests.

#include <Eigen/Core>
#include <QList>
#include <initializer_list>

namespace bps::test {

inline Eigen::VectorXd vec(std::initializer_list<double> values) {
    Eigen::VectorXd out(static_cast<Eigen::Index>(values.size()));
    Eigen::Index i = 0;
    for (double x : values) out(i++) = x;
    return out;
}

inline Eigen::VectorXd vec(const QList<double>& values) {
    return Eigen::Map<const Eigen::VectorXd>(values.data(), values.size());
}

}  // namespace bps::test
