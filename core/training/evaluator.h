#pragma once
// A network's loss, accuracy, predicted class mix and activation census on prepared rows, in
// chunks (no big temporaries). It runs a copy of the network with buffers of its own, so the
// batch size and the evaluation chunk never fight over one set of buffers (no reallocation
// each epoch) and the network being trained is left as it is.

#include <vector>

#include "core/base/types.h"
#include "core/monitoring/health.h"
#include "core/nn/network.h"
#include "core/training/training_data.h"

namespace bps {

struct Evaluation {
    double loss = kNaN;      // mean (weighted) loss
    double accuracy = kNaN;  // NaN for regression
};

class Evaluator {
public:
    Evaluator() = default;
    // `net` gives the shapes; `classes`: how many classes (0 for regression).
    Evaluator(const Network<float>& net, int classes);

    // The weights of `net` on `rows`. With `census`, adds the hidden activations to it; with
    // `predicted`, the share of the rows predicted as each class. Empty rows: NaNs, and
    // neither is touched.
    template <typename Rows>
    Evaluation evaluate(const Network<float>& net, const PreparedRows<Rows>& rows,
                        ActivationCensus* census = nullptr,
                        std::vector<double>* predicted = nullptr);
    // Outputs of the weights of `net` on `rows`: probabilities, or values as trained (the
    // caller turns standardised values back into the target's units).
    Eigen::MatrixXd outputs(const Network<float>& net, const ValidationRows& rows);

private:
    Network<float> m_net;
    int m_classes = 0;
};

}  // namespace bps
