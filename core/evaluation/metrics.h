#pragma once
// Honest metrics for imbalanced classes: precision, recall, F1 of the positive class, exact ROC
// AUC with ties, confusion matrices; accuracy and macro F1 for multiclass; RMSE, MAE, R^2.

#include <Eigen/Core>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/base/types.h"

namespace bps {

struct Metrics {
    Task task = Task::Binary;
    double loss = kNaN;
    // Classification
    double accuracy = kNaN;
    double precision = kNaN;  // binary: of the positive (second) class
    double recall = kNaN;
    double f1 = kNaN;
    double rocAuc = kNaN;
    double macroF1 = kNaN;                             // multiclass
    double threshold = 0.5;                            // binary decision threshold used
    std::vector<std::vector<std::int64_t>> confusion;  // [actual][predicted]
    // Regression
    double rmse = kNaN;
    double mae = kNaN;
    double r2 = kNaN;
};

// One class against the rest, from a confusion matrix [actual][predicted]: its precision, recall
// and F1 (0 when undefined, as in macro F1) and its support (validation rows of that class).
struct ClassMetrics {
    double precision = 0;
    double recall = 0;
    double f1 = 0;
    std::int64_t support = 0;
};
// One entry per class, in class order; macro F1 is the mean of their f1.
std::vector<ClassMetrics> perClassMetrics(const std::vector<std::vector<std::int64_t>>& confusion);

// outputs: (rows, k) probabilities (binary: k = 1, probability of class 1) or values;
// targets: class indices or values. Binary predictions are "positive" when p >= threshold.
Metrics computeMetrics(Task task, const Eigen::MatrixXd& outputs, const Eigen::VectorXd& targets,
                       int classCount, double loss, double threshold = 0.5);

// Exact area under the ROC curve (the Mann-Whitney statistic; tied scores count one half).
// NaN when one class is absent or a score is NaN.
double rocAuc(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels);

struct RocPoint {
    double falsePositiveRate;
    double truePositiveRate;
    double threshold;
};
// The ROC curve, one point per distinct score, from (0,0) to (1,1); NaN scores rank lowest, as
// one group (its point has a NaN threshold).
std::vector<RocPoint> rocCurve(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels);

}  // namespace bps
