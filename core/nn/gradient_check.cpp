#include "core/nn/gradient_check.h"

#include <algorithm>
#include <cmath>

namespace bps {

namespace {
double objective(Network<double>& net, const MatrixX<double>& x, const VectorX<double>& y,
                 const VectorX<double>& w, double l2) {
    net.forward(x);
    double penalty = 0;
    for (int i = 0; i < net.layerCount(); ++i) penalty += net.weights(i).squaredNorm();
    return net.lossSum(y, w) / double(x.rows()) + 0.5 * l2 * penalty;
}
}  // namespace

GradientCheckResult checkGradients(Network<double>& net, const MatrixX<double>& x,
                                   const VectorX<double>& targets, const VectorX<double>& weights,
                                   double l2, const GradientTamper& tamper,
                                   const ToolProgress& progress) {
    VectorX<double> grad;
    net.forward(x);
    net.backward(x, targets, weights, double(x.rows()), l2, grad);
    if (tamper) tamper(net, grad);

    VectorX<double> numeric(net.parameterCount());
    auto& theta = net.parameters();
    bool cancelled = false;
    const int total = static_cast<int>(theta.size());
    for (Eigen::Index k = 0; k < theta.size(); ++k) {
        // Every 64 parameters: often enough to stop promptly, rarely enough to cost nothing.
        if (progress && k % 64 == 0 && !progress(static_cast<int>(k), total)) {
            cancelled = true;
            numeric.tail(theta.size() - k) = grad.tail(theta.size() - k);
            break;
        }
        const double original = theta(k);
        const double h = 1e-6 * (1 + std::abs(original));
        theta(k) = original + h;
        const double up = objective(net, x, targets, weights, l2);
        theta(k) = original - h;
        const double down = objective(net, x, targets, weights, l2);
        theta(k) = original;
        numeric(k) = (up - down) / (2 * h);
    }

    GradientCheckResult result;
    result.cancelled = cancelled;
    result.passed = !cancelled;
    for (int i = 0; i < net.layerCount(); ++i) {
        const Eigen::Index begin = net.weightOffset(i);
        const Eigen::Index len = net.biasOffset(i) + net.layer(i).units - begin;
        const auto g = grad.segment(begin, len);
        const auto n = numeric.segment(begin, len);
        const double rel = (g - n).norm() / std::max((g + n).norm(), 1e-300);
        result.layers.push_back({i + 1, rel, g.norm()});
        result.maxRelativeError = std::max(result.maxRelativeError, rel);
        if (!(rel <= result.tolerance)) result.passed = false;
    }
    if (progress && !cancelled) progress(total, total);
    return result;
}

}  // namespace bps
