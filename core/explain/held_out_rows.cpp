#include "core/explain/held_out_rows.h"

#include <algorithm>
#include <cmath>

#include "core/base/errors.h"
#include "core/data/split.h"

namespace bps {

HeldOutRows heldOutRows(const Model& model, const ExplainData& all) {
    if (!(model.config.validationFraction > 0))
        throw DataError("the model was trained without validation rows (validation fraction 0)");
    // The split reads only the row count, the task and the classes.
    Dataset rows;
    rows.task = model.task;
    rows.classes = model.classes;
    rows.x.resize(all.x.rows(), 0);
    rows.y = all.y;
    const Split split = splitRows(rows, model.config.validationFraction, model.config.seed);

    HeldOutRows out;
    out.trainingRows = split.train.size();
    for (Eigen::Index i : split.validation)
        out.tableRows.push_back(all.tableRows[static_cast<std::size_t>(i)]);
    std::sort(out.tableRows.begin(), out.tableRows.end());

    bool matches = true;
    if (model.preprocessing) {
        out.checked = true;
        matches = model.preprocessing->fittedRows == split.train.size();
    }
    if (model.config.standardize && !split.train.empty()) {
        out.checked = true;
        Eigen::RowVectorXd mean = Eigen::RowVectorXd::Zero(all.x.cols());
        for (Eigen::Index i : split.train) mean += all.x.row(i);
        mean /= static_cast<double>(split.train.size());
        // One-hot and indicator inputs keep mean 0 in an encoded scaler: compare the others.
        for (Eigen::Index j = 0; j < mean.size(); ++j) {
            const double m = model.scaler.mean(j);
            if (m != 0 && std::abs(mean(j) - m) > 1e-9 * (1 + std::abs(m))) matches = false;
        }
    }
    out.matches = out.checked && matches;
    return out;
}

}  // namespace bps
