#include "core/training/evaluator.h"

#include <algorithm>

namespace bps {

namespace {
constexpr Eigen::Index kEvalChunk = 4096;

// Rows [start, start + len) as forward() takes them: a view into column-major rows, a copy
// into `chunk` of row-major ones.
Network<float>::ConstRef chunkOf(const MatrixX<float>& x, Eigen::Index start, Eigen::Index len,
                                 MatrixX<float>&) {
    return x.middleRows(start, len);
}
Network<float>::ConstRef chunkOf(const TrainingRows::Matrix& x, Eigen::Index start,
                                 Eigen::Index len, MatrixX<float>& chunk) {
    chunk = x.middleRows(start, len);
    return chunk;
}
}  // namespace

Evaluator::Evaluator(const Network<float>& net, int classes) : m_net(net), m_classes(classes) {}

template <typename Rows>
Evaluation Evaluator::evaluate(const Network<float>& net, const PreparedRows<Rows>& rows,
                               ActivationCensus* census, std::vector<double>* predicted) {
    const Eigen::Index n = rows.rows();
    if (n == 0) return {};
    const Task task = m_net.task();
    m_net.parameters() = net.parameters();
    if (census) census->reset(m_net);
    if (predicted) predicted->assign(task == Task::Regression ? 0 : std::size_t(m_classes), 0.0);
    double loss = 0, correct = 0, weight = 0;
    MatrixX<float> chunk;
    VectorX<float> y, w;
    for (Eigen::Index start = 0; start < n; start += kEvalChunk) {
        const Eigen::Index len = std::min(kEvalChunk, n - start);
        y = rows.y.segment(start, len);
        if (rows.weighted()) w = rows.w.segment(start, len);
        const auto& logits = m_net.forward(chunkOf(rows.x, start, len, chunk));
        loss += m_net.lossSum(y, w);
        weight += len;
        if (census) census->add(m_net);
        if (task == Task::Binary) {
            Eigen::Index right = 0, positives = 0;
            for (Eigen::Index i = 0; i < len; ++i) {
                const bool positive = logits(i, 0) >= 0.0f;
                positives += positive;
                right += positive == (y(i) == 1.0f);
            }
            correct += double(right);
            if (predicted) {
                (*predicted)[1] += double(positives);
                (*predicted)[0] += double(len - positives);
            }
        } else if (task == Task::Multiclass) {
            for (Eigen::Index i = 0; i < len; ++i) {
                Eigen::Index best;
                logits.row(i).maxCoeff(&best);
                correct += best == static_cast<Eigen::Index>(y(i));
                if (predicted) (*predicted)[static_cast<std::size_t>(best)] += 1;
            }
        }
    }
    if (predicted)
        for (double& f : *predicted) f /= double(n);
    return {loss / weight, task == Task::Regression ? kNaN : correct / n};
}

template Evaluation Evaluator::evaluate(const Network<float>&, const TrainingRows&,
                                        ActivationCensus*, std::vector<double>*);
template Evaluation Evaluator::evaluate(const Network<float>&, const ValidationRows&,
                                        ActivationCensus*, std::vector<double>*);

Eigen::MatrixXd Evaluator::outputs(const Network<float>& net, const ValidationRows& rows) {
    const Eigen::Index n = rows.rows();
    Eigen::MatrixXd out(n, m_net.outputCount());
    MatrixX<float> chunk;
    m_net.parameters() = net.parameters();
    for (Eigen::Index start = 0; start < n; start += kEvalChunk) {
        const Eigen::Index len = std::min(kEvalChunk, n - start);
        out.middleRows(start, len) =
            m_net.predict(chunkOf(rows.x, start, len, chunk)).cast<double>();
    }
    return out;
}

}  // namespace bps
