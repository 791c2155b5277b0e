#pragma once
// Early stopping: keeps the weights of the best validation loss so far and says when `patience`
// epochs in a row have not improved on it. The trainer hands those weights back when the run
// ends normally, so the model is the best one seen, not the last.

#include <limits>

#include "core/base/types.h"

namespace bps {

class EarlyStopping {
public:
    EarlyStopping() = default;
    // `patience` 0: off (observe() is then never asked).
    explicit EarlyStopping(int patience) : m_patience(patience) {}

    bool enabled() const { return m_patience > 0; }
    // After an epoch with this validation loss and these weights: true when the patience has
    // run out. A NaN loss is no improvement.
    bool patienceRanOut(double validationLoss, const VectorX<float>& parameters) {
        if (validationLoss < m_bestLoss) {
            m_bestLoss = validationLoss;
            m_best = parameters;
            m_sinceBest = 0;
            return false;
        }
        return ++m_sinceBest >= m_patience;
    }
    // The weights of the best epoch, or nullptr before the first one.
    const VectorX<float>* best() const { return m_best.size() > 0 ? &m_best : nullptr; }

private:
    int m_patience = 0;
    double m_bestLoss = std::numeric_limits<double>::infinity();
    int m_sinceBest = 0;
    VectorX<float> m_best;
};

}  // namespace bps
