#include "core/evaluation/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bps {

namespace {

double ratio(double num, double den) { return den > 0 ? num / den : 0.0; }
double harmonic(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

// A diverged network can output NaN. `>` alone is no strict weak ordering then, and a tie run
// grouped with `==` would never end on a NaN (it once hung the training thread): NaNs sort last,
// as one group.
bool ranksBefore(double a, double b) { return !std::isnan(a) && (std::isnan(b) || a > b); }
bool sameScore(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

std::vector<Eigen::Index> orderByScore(const Eigen::VectorXd& scores) {
    std::vector<Eigen::Index> order(static_cast<std::size_t>(scores.size()));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
        return ranksBefore(scores(a), scores(b));
    });
    return order;
}

}  // namespace

double rocAuc(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels) {
    // Undefined when a score is not a number (sklearn refuses such input).
    if (scores.array().isNaN().any()) return kNaN;
    // Walk scores from high to low; a run of tied scores adds its positives x negatives / 2.
    const auto order = orderByScore(scores);
    double positives = 0, negatives = 0, area = 0;
    std::size_t i = 0;
    while (i < order.size()) {
        double runPos = 0, runNeg = 0;
        const double s = scores(order[i]);
        for (; i < order.size() && sameScore(scores(order[i]), s); ++i)
            (labels(order[i]) > 0.5 ? runPos : runNeg) += 1;
        area += runNeg * (positives + runPos / 2);
        positives += runPos;
        negatives += runNeg;
    }
    if (positives == 0 || negatives == 0) return kNaN;
    return area / (positives * negatives);
}

std::vector<RocPoint> rocCurve(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels) {
    const auto order = orderByScore(scores);
    double totalPos = 0;
    for (Eigen::Index i = 0; i < labels.size(); ++i) totalPos += labels(i) > 0.5;
    const double totalNeg = static_cast<double>(labels.size()) - totalPos;
    std::vector<RocPoint> curve{{0.0, 0.0, std::numeric_limits<double>::infinity()}};
    double tp = 0, fp = 0;
    std::size_t i = 0;
    while (i < order.size()) {
        const double s = scores(order[i]);
        for (; i < order.size() && sameScore(scores(order[i]), s); ++i)
            (labels(order[i]) > 0.5 ? tp : fp) += 1;
        curve.push_back({ratio(fp, totalNeg), ratio(tp, totalPos), s});
    }
    return curve;
}

std::vector<ClassMetrics> perClassMetrics(const std::vector<std::vector<std::int64_t>>& confusion) {
    const std::size_t k = confusion.size();
    std::vector<ClassMetrics> classes(k);
    for (std::size_t c = 0; c < k; ++c) {
        double predictedC = 0, actualC = 0;
        for (std::size_t j = 0; j < k; ++j) {
            predictedC += static_cast<double>(confusion[j][c]);
            actualC += static_cast<double>(confusion[c][j]);
        }
        const auto hits = static_cast<double>(confusion[c][c]);
        ClassMetrics& m = classes[c];
        m.precision = ratio(hits, predictedC);
        m.recall = ratio(hits, actualC);
        m.f1 = harmonic(m.precision, m.recall);
        m.support = static_cast<std::int64_t>(actualC);
    }
    return classes;
}

Metrics computeMetrics(Task task, const Eigen::MatrixXd& outputs, const Eigen::VectorXd& targets,
                       int classCount, double loss, double threshold) {
    Metrics m;
    m.task = task;
    m.loss = loss;
    m.threshold = threshold;
    const Eigen::Index n = targets.size();
    if (n == 0) return m;

    if (task == Task::Regression) {
        const Eigen::VectorXd err = outputs.col(0) - targets;
        m.rmse = std::sqrt(err.squaredNorm() / n);
        m.mae = err.cwiseAbs().mean();
        const double ssTot = (targets.array() - targets.mean()).square().sum();
        m.r2 = ssTot > 0 ? 1.0 - err.squaredNorm() / ssTot : kNaN;
        return m;
    }

    const int k = task == Task::Binary ? 2 : classCount;
    m.confusion.assign(k, std::vector<std::int64_t>(k, 0));
    for (Eigen::Index i = 0; i < n; ++i) {
        int predicted;
        if (task == Task::Binary) {
            predicted = outputs(i, 0) >= threshold ? 1 : 0;
        } else {
            Eigen::Index best;
            outputs.row(i).maxCoeff(&best);
            predicted = static_cast<int>(best);
        }
        ++m.confusion[static_cast<int>(targets(i))][predicted];
    }
    double correct = 0, f1Sum = 0;
    for (int c = 0; c < k; ++c) correct += m.confusion[c][c];
    for (const ClassMetrics& c : perClassMetrics(m.confusion)) f1Sum += c.f1;
    m.accuracy = correct / n;
    if (task == Task::Multiclass) {
        m.macroF1 = f1Sum / k;
        return m;
    }
    const double tp = m.confusion[1][1], fp = m.confusion[0][1], fn = m.confusion[1][0];
    m.precision = ratio(tp, tp + fp);
    m.recall = ratio(tp, tp + fn);
    m.f1 = harmonic(m.precision, m.recall);
    m.rocAuc = rocAuc(outputs.col(0), targets);
    return m;
}

}  // namespace bps
