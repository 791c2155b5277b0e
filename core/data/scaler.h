#pragma once
// Z-score standardisation fitted on the training rows only and stored with the model.

#include <Eigen/Core>
#include <string>
#include <vector>

#include "core/data/dataset.h"

namespace bps {

struct Scaler {
    Eigen::VectorXd mean;  // one per feature
    Eigen::VectorXd std;   // one per feature; 1 for a constant column

    // Fitted on `rows` of x. A constant column gets std 1 and a warning naming it.
    static Scaler fit(const RowMatrix& x, const std::vector<Eigen::Index>& rows,
                      const std::vector<std::string>& names, std::vector<std::string>& warnings);
    // mean 0, std 1: leaves the features as they are.
    static Scaler identity(Eigen::Index features);

    // (x - mean) / std, row by row.
    RowMatrix apply(const RowMatrix& x) const;
};

}  // namespace bps
