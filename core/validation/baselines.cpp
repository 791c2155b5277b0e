#include "core/validation/baselines.h"

#include <algorithm>
#include <cmath>

namespace bps {

namespace {
// Shares below this count as this: a class absent from the training rows still gets a finite
// loss.
constexpr double kMinShare = 1e-12;

Eigen::VectorXd validationTargets(const Dataset& data, const Split& split) {
    Eigen::VectorXd y(static_cast<Eigen::Index>(split.validation.size()));
    for (std::size_t i = 0; i < split.validation.size(); ++i)
        y(Eigen::Index(i)) = data.y(split.validation[i]);
    return y;
}
}  // namespace

Eigen::MatrixXd majorityOutputs(const Dataset& data, const Split& split) {
    const auto n = static_cast<Eigen::Index>(split.validation.size());
    const double rows = static_cast<double>(std::max<std::size_t>(1, split.train.size()));
    if (data.task == Task::Regression) {
        double sum = 0;
        for (Eigen::Index r : split.train) sum += data.y(r);
        return Eigen::MatrixXd::Constant(n, 1, sum / rows);
    }
    Eigen::RowVectorXd share = Eigen::RowVectorXd::Zero(Eigen::Index(data.classes.size()));
    for (Eigen::Index r : split.train) share(Eigen::Index(data.y(r))) += 1.0 / rows;
    if (data.task == Task::Binary) return Eigen::MatrixXd::Constant(n, 1, share(1));
    return share.replicate(n, 1);
}

Metrics majorityBaseline(const Dataset& data, const Split& split) {
    const Eigen::MatrixXd out = majorityOutputs(data, split);
    const Eigen::VectorXd y = validationTargets(data, split);
    double loss = 0;
    if (data.task == Task::Regression) {
        double mean = 0, sq = 0;
        for (Eigen::Index r : split.train) mean += data.y(r);
        mean /= static_cast<double>(split.train.size());
        for (Eigen::Index r : split.train) sq += (data.y(r) - mean) * (data.y(r) - mean);
        double sd = std::sqrt(sq / static_cast<double>(split.train.size()));
        if (!(sd > 0)) sd = 1;
        for (Eigen::Index i = 0; i < y.size(); ++i) loss += std::pow((y(i) - mean) / sd, 2);
    } else {
        for (Eigen::Index i = 0; i < y.size(); ++i) {
            const double p = data.task == Task::Binary ? (y(i) > 0.5 ? out(i, 0) : 1 - out(i, 0))
                                                       : out(i, Eigen::Index(y(i)));
            loss -= std::log(std::max(p, kMinShare));
        }
    }
    loss = y.size() > 0 ? loss / double(y.size()) : kNaN;
    return computeMetrics(data.task, out, y, static_cast<int>(data.classes.size()), loss);
}

TrainingConfig linearBaselineConfig(const TrainingConfig& config) {
    TrainingConfig linear = config;
    linear.hidden.clear();
    return linear;
}

}  // namespace bps
