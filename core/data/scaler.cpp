#include "core/data/scaler.h"

#include <cmath>

namespace bps {

namespace {

// The mean and standard deviation of column j with its values divided by their largest
// magnitude first: values near 1e300 overflow the plain sums (and so the z-scores, which then
// poison training). Only columns that overflowed take this path, so every other column keeps
// its statistics bit for bit.
void fitScaled(const RowMatrix& x, const std::vector<Eigen::Index>& rows, Eigen::Index j,
               double& mean, double& sd) {
    double largest = 0;
    for (Eigen::Index r : rows) largest = std::max(largest, std::abs(x(r, j)));
    if (!std::isfinite(largest) || largest == 0) return;
    const double n = static_cast<double>(rows.size());
    double m = 0, sq = 0;
    for (Eigen::Index r : rows) m += x(r, j) / largest;
    m /= n;
    for (Eigen::Index r : rows) sq += (x(r, j) / largest - m) * (x(r, j) / largest - m);
    mean = m * largest;
    sd = std::sqrt(sq / n) * largest;
}

}  // namespace

Scaler Scaler::fit(const RowMatrix& x, const std::vector<Eigen::Index>& rows,
                   const std::vector<std::string>& names, std::vector<std::string>& warnings) {
    const Eigen::Index f = x.cols();
    Scaler s{Eigen::VectorXd::Zero(f), Eigen::VectorXd::Ones(f)};
    if (rows.empty()) return s;
    for (Eigen::Index r : rows) s.mean += x.row(r).transpose();
    s.mean /= static_cast<double>(rows.size());
    Eigen::VectorXd var = Eigen::VectorXd::Zero(f);
    for (Eigen::Index r : rows) var += (x.row(r).transpose() - s.mean).cwiseAbs2();
    var /= static_cast<double>(rows.size());
    for (Eigen::Index j = 0; j < f; ++j) {
        double sd = std::sqrt(var(j));
        if (!std::isfinite(s.mean(j)) || !std::isfinite(sd)) fitScaled(x, rows, j, s.mean(j), sd);
        // Relative test: a column of 1e9 +- 1e-7 rounding noise is constant too.
        if (!(sd > 1e-12 * std::max(1.0, std::abs(s.mean(j))))) {
            s.std(j) = 1.0;
            warnings.push_back("feature '" + (j < Eigen::Index(names.size()) ? names[j] : "?") +
                               "' is constant on the training rows; it carries no information");
        } else {
            s.std(j) = sd;
        }
    }
    return s;
}

Scaler Scaler::identity(Eigen::Index features) {
    return {Eigen::VectorXd::Zero(features), Eigen::VectorXd::Ones(features)};
}

RowMatrix Scaler::apply(const RowMatrix& x) const {
    return ((x.rowwise() - mean.transpose()).array().rowwise() / std.transpose().array()).matrix();
}

}  // namespace bps
