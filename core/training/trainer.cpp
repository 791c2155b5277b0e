#include "core/training/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <span>

#include "core/kernels/dense_kernels.h"
#include "core/base/errors.h"

namespace bps {

namespace {
constexpr Eigen::Index kEvalChunk = 4096;
}

namespace {
// Segment of layer i's parameters (weights, then bias) in the flat vector.
template <typename V>
auto layerBlock(V& flat, const Network<float>& net, int i) {
    const Eigen::Index begin = net.weightOffset(i);
    return flat.segment(begin, net.biasOffset(i) + net.layer(i).units - begin);
}
}  // namespace

Trainer::Trainer(const Dataset& data, const TrainingConfig& config, const Model* start)
    : m_config(config), m_task(data.task), m_rng(config.seed) {
    if (const std::string problem = config.validate(); !problem.empty()) throw DataError(problem);
    m_meta.task = data.task;
    m_meta.target = data.target;
    m_meta.features = data.features;
    m_meta.classes = data.classes;
    m_warnings = data.warnings;

    m_split = splitRows(data, config.validationFraction, config.seed);
    if (start)
        m_scaler = start->scaler;
    else if (config.standardize)
        m_scaler = Scaler::fit(data.x, m_split.train, data.features, m_warnings);
    else
        m_scaler = Scaler::identity(data.featureCount());

    if (m_task == Task::Regression) {
        double sum = 0, sq = 0;
        for (Eigen::Index r : m_split.train) sum += data.y(r);
        m_targetMean = sum / static_cast<double>(m_split.train.size());
        for (Eigen::Index r : m_split.train) sq += (data.y(r) - m_targetMean) * (data.y(r) - m_targetMean);
        const double sd = std::sqrt(sq / static_cast<double>(m_split.train.size()));
        m_targetStd = sd > 0 ? sd : 1.0;
    }
    computeClassWeights(data);
    prepareSide(data, m_split.train, m_train);
    prepareSide(data, m_split.validation, m_val);
    m_valTargets.resize(static_cast<Eigen::Index>(m_split.validation.size()));
    for (std::size_t i = 0; i < m_split.validation.size(); ++i)
        m_valTargets(static_cast<Eigen::Index>(i)) = data.y(m_split.validation[i]);
    computeBaseline(data);
    if (config.earlyStoppingPatience > 0 && m_split.validation.empty())
        m_warnings.push_back("early stopping needs validation rows; it is off for this run");

    m_net = Network<float>(networkShape(static_cast<int>(data.featureCount()), config.hidden,
                                        config.activation, m_task, data.outputCount()),
                           m_task);
    m_net.initialise(m_rng, config.initScale);
    if (start) startFrom(*start);
    m_evalNet = m_net;
    m_valX = m_val.x;
    m_optimizer = Optimizer<float>(config.optimizer, config.nesterov, m_net.parameterCount());
    m_order.resize(m_split.train.size());
    for (std::size_t i = 0; i < m_order.size(); ++i) m_order[i] = static_cast<Eigen::Index>(i);

    m_initialParams = m_net.parameters();
    m_context.task = m_task;
    m_context.config = m_config;
    m_context.data = measureData(data, m_split.train, config.standardize || start);
    m_context.baselineLoss = m_baselineLoss;
    m_context.initialLoss = evaluate(m_val.x.rows() > 0 ? m_val : m_train).first;
    m_context.initialLayers = weightHealth();
}

std::vector<LayerHealth> Trainer::weightHealth() const {
    std::vector<LayerHealth> layers(static_cast<std::size_t>(m_net.layerCount()));
    for (int i = 0; i < m_net.layerCount(); ++i) {
        auto& h = layers[static_cast<std::size_t>(i)];
        // Summed in double (float squares overflow for weights near the float limit, a huge
        // init), as an expression: no copy of the weights every epoch.
        const auto w = m_net.weights(i);
        const double squares = w.cast<double>().squaredNorm();
        h.weightNorm = std::sqrt(squares);
        h.weightStd = std::sqrt(squares / double(w.size()));
        h.referenceStd = referenceWeightStd(m_net.layer(i));
    }
    return layers;
}

std::vector<Finding> Trainer::diagnose() const {
    return bps::diagnose(m_monitor, m_context, m_stopReason, m_divergence);
}

void Trainer::computeClassWeights(const Dataset& data) {
    if (m_task == Task::Regression || m_config.classWeight == ClassWeighting::None) return;
    // "balanced": w_c = n / (k * n_c), so every class carries the same total weight.
    const auto k = data.classes.size();
    std::vector<double> count(k, 0.0);
    for (Eigen::Index r : m_split.train) count[static_cast<std::size_t>(data.y(r))] += 1;
    m_classWeight.resize(k);
    for (std::size_t c = 0; c < k; ++c)
        m_classWeight[c] = count[c] > 0 ? m_split.train.size() / (k * count[c]) : 0.0;
}

void Trainer::prepareSide(const Dataset& data, const std::vector<Eigen::Index>& rows,
                          Side& side) const {
    const auto n = static_cast<Eigen::Index>(rows.size());
    side.x.resize(n, data.featureCount());
    side.y.resize(n);
    if (!m_classWeight.empty()) side.w.resize(n);
    const Eigen::RowVectorXd mean = m_scaler.mean.transpose();
    const Eigen::RowVectorXd invStd = m_scaler.std.cwiseInverse().transpose();
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::Index r = rows[static_cast<std::size_t>(i)];
        side.x.row(i) = ((data.x.row(r) - mean).cwiseProduct(invStd)).cast<float>();
        const double y = data.y(r);
        side.y(i) = static_cast<float>(m_task == Task::Regression ? (y - m_targetMean) / m_targetStd : y);
        if (!m_classWeight.empty()) side.w(i) = static_cast<float>(m_classWeight[static_cast<std::size_t>(y)]);
    }
}

void Trainer::computeBaseline(const Dataset& data) {
    if (m_task == Task::Regression) {
        m_baselineLoss = 1.0;  // predicting the mean of a standardised target
        return;
    }
    // The best constant prediction is the (weighted) class prior q; its loss is the weighted
    // mean of -log q_y over the training rows.
    const auto k = data.classes.size();
    std::vector<double> mass(k, 0.0);
    double total = 0;
    for (Eigen::Index r : m_split.train) {
        const auto c = static_cast<std::size_t>(data.y(r));
        const double w = m_classWeight.empty() ? 1.0 : m_classWeight[c];
        mass[c] += w;
        total += w;
    }
    double loss = 0;
    for (std::size_t c = 0; c < k; ++c)
        if (mass[c] > 0) loss -= mass[c] / m_split.train.size() * std::log(mass[c] / total);
    m_baselineLoss = loss;
}

void Trainer::startFrom(const Model& model) {
    if (model.features != m_meta.features)
        throw DataError("the model was trained on other features than the ones selected");
    if (static_cast<int>(model.layers.size()) != m_net.layerCount())
        throw DataError("the model's layers do not match the configured hidden layers");
    for (int i = 0; i < m_net.layerCount(); ++i) {
        const auto& l = model.layers[static_cast<std::size_t>(i)];
        if (l.weights.rows() != m_net.layer(i).inputs || l.weights.cols() != m_net.layer(i).units)
            throw DataError("layer " + std::to_string(i + 1) + " of the model has another shape");
        Eigen::MatrixXd w = l.weights;
        Eigen::VectorXd b = l.bias;
        if (m_task == Task::Regression && i + 1 == m_net.layerCount()) {
            w /= m_targetStd;  // undo the folding of the target scale done by model()
            b = (b.array() - m_targetMean) / m_targetStd;
        }
        m_net.weights(i) = w.cast<float>();
        m_net.bias(i) = b.cast<float>();
    }
}

void Trainer::setLive(const LiveHyperparameters& live) {
    LiveHyperparameters checked = live;
    if (!(checked.learningRate > 0 && std::isfinite(checked.learningRate)))
        checked.learningRate = m_config.live.learningRate;
    // The range validate() accepts: a running training takes what a new one would.
    if (!isValidMomentum(checked.momentum)) checked.momentum = m_config.live.momentum;
    if (!(checked.l2 >= 0 && std::isfinite(checked.l2))) checked.l2 = m_config.live.l2;
    checked.batchSize = std::max(0, checked.batchSize);
    m_config.live = checked;
    m_context.config.live = checked;
}

Network<float>::ConstRef Trainer::evaluationRows(const Side& side, Eigen::Index start,
                                                 Eigen::Index len, MatrixX<float>& chunk) const {
    if (&side == &m_val) return m_valX.middleRows(start, len);
    chunk = side.x.middleRows(start, len);
    return chunk;
}

std::pair<double, double> Trainer::evaluate(const Side& side, ActivationCensus* census,
                                           std::vector<double>* predicted) const {
    const Eigen::Index n = side.x.rows();
    if (n == 0) return {kNaN, kNaN};
    m_evalNet.parameters() = m_net.parameters();
    if (census) census->reset(m_evalNet);
    if (predicted) predicted->assign(m_task == Task::Regression ? 0 : m_meta.classes.size(), 0.0);
    double loss = 0, correct = 0, weight = 0;
    MatrixX<float> chunk;
    VectorX<float> y, w;
    for (Eigen::Index start = 0; start < n; start += kEvalChunk) {
        const Eigen::Index len = std::min(kEvalChunk, n - start);
        y = side.y.segment(start, len);
        if (side.w.size()) w = side.w.segment(start, len);
        const auto& logits = m_evalNet.forward(evaluationRows(side, start, len, chunk));
        loss += m_evalNet.lossSum(y, w);
        weight += len;
        if (census) census->add(m_evalNet);
        if (m_task == Task::Binary) {
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
        } else if (m_task == Task::Multiclass) {
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
    return {loss / weight, m_task == Task::Regression ? kNaN : correct / n};
}

std::string Trainer::nonFiniteLayer() const {
    for (int i = 0; i < m_net.layerCount(); ++i)
        if (!m_net.weights(i).allFinite() ||
            !m_net.parameters().segment(m_net.biasOffset(i), m_net.layer(i).units).allFinite())
            return "layer " + std::to_string(i + 1);
    return {};
}

void Trainer::gatherBatch(Eigen::Index start, Eigen::Index len, MatrixX<float>& x,
                          VectorX<float>& y, VectorX<float>& w) const {
    const Eigen::Index features = m_train.x.cols();
    const bool weighted = m_train.w.size() > 0;
    x.resize(len, features);
    y.resize(len);
    if (weighted) w.resize(len);
    const Eigen::Index* const order = m_order.data() + start;
    kernels::gatherRows(m_train.x.data(), features, order, len, x.data(), m_train.y.data(),
                        y.data(), weighted ? m_train.w.data() : nullptr,
                        weighted ? w.data() : nullptr);
}

int Trainer::shardCount(Eigen::Index len) const {
    // Below ~1M multiply-adds per pass a second thread costs more to wake than it saves.
    constexpr double kMinWork = 1 << 20;
    constexpr Eigen::Index kMinRows = 128;
    const double work = double(len) * double(m_net.parameterCount());
    return work >= kMinWork && len >= 2 * kMinRows ? 2 : 1;
}

void Trainer::setThreads(int threads) {
    m_threads = threads;
    m_pool.reset();
}

int Trainer::hardwareThreads() {
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

double Trainer::computeGradient(Eigen::Index start, Eigen::Index len, float l2) {
    const bool weighted = m_train.w.size() > 0;
    const int shards = shardCount(len);
    if (shards == 1) {
        gatherBatch(start, len, m_batchX, m_batchY, m_batchW);
        m_net.forward(m_batchX);
        return m_net.backward(m_batchX, m_batchY, weighted ? m_batchW : m_noWeights, float(len),
                              l2, m_grad);
    }
    if (m_shards.size() != std::size_t(shards)) {
        m_shards.resize(std::size_t(shards));
        for (Shard& shard : m_shards) shard.net = m_net;
    }
    const int threads = std::min(shards, m_threads > 0 ? m_threads : hardwareThreads());
    if (threads > 1 && (!m_pool || m_pool->threads() != threads))
        m_pool = std::make_unique<ShardPool>(threads);
    const auto task = [&](int s) {
        Shard& shard = m_shards[std::size_t(s)];
        const Eigen::Index begin = len * s / shards, end = len * (s + 1) / shards;
        gatherBatch(start + begin, end - begin, shard.x, shard.y, shard.w);
        shard.net.parameters() = m_net.parameters();
        shard.net.forward(shard.x);
        // Each shard divides by the whole batch, and only the first adds the L2 term: the sum
        // of the shards' gradients is the batch's gradient.
        shard.loss = shard.net.backward(shard.x, shard.y, weighted ? shard.w : m_noWeights,
                                        float(len), s == 0 ? l2 : 0.0f, shard.grad);
    };
    if (threads > 1)
        m_pool->run(shards, task);
    else
        for (int s = 0; s < shards; ++s) task(s);
    m_grad = m_shards[0].grad;
    double loss = m_shards[0].loss;
    for (int s = 1; s < shards; ++s) {
        m_grad += m_shards[std::size_t(s)].grad;
        loss += m_shards[std::size_t(s)].loss;
    }
    return loss;
}

EpochReport Trainer::runEpoch() {
    EpochReport report;
    if (finished()) return report;
    const auto started = std::chrono::steady_clock::now();
    const LiveHyperparameters live = m_config.live;  // fixed for the whole epoch
    const auto n = static_cast<Eigen::Index>(m_order.size());
    const Eigen::Index batch = live.batchSize <= 0 ? n : std::min<Eigen::Index>(live.batchSize, n);

    m_snapshot = m_net.parameters();
    m_rng.shuffle(std::span(m_order));
    double lossTotal = 0;
    Eigen::Index seen = 0;
    const int layerCount = m_net.layerCount();
    report.layers.resize(static_cast<std::size_t>(layerCount));
    int steps = 0;
    for (Eigen::Index start = 0; start < n; start += batch) {
        if (m_stopRequested.load(std::memory_order_relaxed)) {
            m_stopReason = StopReason::Stopped;
            break;
        }
        const Eigen::Index len = std::min(batch, n - start);
        // The loss comes out of the backward pass; a non-finite one stops before the update.
        const double batchLoss = computeGradient(start, len, float(live.l2));
        if (!std::isfinite(batchLoss)) {
            m_divergence = "the loss became non-finite in epoch " + std::to_string(m_epoch + 1);
            m_stopReason = StopReason::Diverged;
            break;
        }
        lossTotal += batchLoss;
        seen += len;
        if (m_gradientHook) m_gradientHook(m_net, m_grad);
        m_beforeStep = m_net.parameters();
        m_optimizer.step(m_net.parameters(), m_grad, live.learningRate, live.momentum);
        // Health costs O(parameters) a step, small beside the O(batch x parameters) of backprop:
        // one vectorised pass per layer.
        for (int i = 0; i < layerCount; ++i) {
            auto& h = report.layers[static_cast<std::size_t>(i)];
            const Eigen::Index begin = m_net.weightOffset(i);
            const Eigen::Index size = m_net.biasOffset(i) + m_net.layer(i).units - begin;
            const kernels::StepNorms norms = kernels::stepNorms(
                m_grad.data() + begin, m_beforeStep.data() + begin,
                m_net.parameters().data() + begin, size);
            h.gradientNorm += std::sqrt(norms.gradient);
            h.updateRatio += std::sqrt(norms.update) / std::max(std::sqrt(norms.before), 1e-30);
        }
        ++steps;
        if (!m_net.parameters().allFinite()) {
            m_divergence = "the weights of " + nonFiniteLayer() +
                           " became non-finite in epoch " + std::to_string(m_epoch + 1);
            m_stopReason = StopReason::Diverged;
            break;
        }
    }
    if (m_stopReason == StopReason::Diverged) m_net.parameters() = m_snapshot;  // last finite

    ++m_epoch;
    report.epoch = m_epoch;
    report.trainLoss = seen > 0 ? lossTotal / seen : kNaN;
    ActivationCensus census;
    std::tie(report.validationLoss, report.validationAccuracy) =
        evaluate(m_val, &census, &report.predictedFractions);
    if (m_val.x.rows() == 0) evaluate(m_train, &census, &report.predictedFractions);
    census.writeTo(report.layers);
    const std::vector<LayerHealth> weights = weightHealth();
    for (int i = 0; i < layerCount; ++i) {
        auto& h = report.layers[static_cast<std::size_t>(i)];
        if (steps > 0) {
            h.gradientNorm /= steps;
            h.updateRatio /= steps;
        }
        h.weightNorm = weights[static_cast<std::size_t>(i)].weightNorm;
        h.weightStd = weights[static_cast<std::size_t>(i)].weightStd;
        h.referenceStd = weights[static_cast<std::size_t>(i)].referenceStd;
        const auto now = layerBlock(m_net.parameters(), m_net, i);
        h.unchangedFraction = double((now.array() == layerBlock(m_snapshot, m_net, i).array()).count()) /
                              double(now.size());
        const Eigen::Index nw = Eigen::Index(m_net.layer(i).inputs) * m_net.layer(i).units;
        const auto initial = layerBlock(m_initialParams, m_net, i);
        h.weightsFrozen = now.head(nw) == initial.head(nw);
        h.biasFrozen = now.tail(m_net.layer(i).units) == initial.tail(m_net.layer(i).units);
    }
    report.learningRate = live.learningRate;
    report.live = live;

    if (m_stopReason == StopReason::Running && m_config.earlyStoppingPatience > 0 &&
        m_val.x.rows() > 0) {
        if (report.validationLoss < m_bestLoss) {
            m_bestLoss = report.validationLoss;
            m_best = m_net.parameters();
            m_sinceBest = 0;
        } else if (++m_sinceBest >= m_config.earlyStoppingPatience) {
            m_stopReason = StopReason::EarlyStopping;
        }
    }
    if (m_stopReason == StopReason::Running && m_epoch >= m_config.epochs)
        m_stopReason = StopReason::Completed;
    // Early stopping hands back the best weights it saw, whichever way the run ends normally.
    if ((m_stopReason == StopReason::EarlyStopping || m_stopReason == StopReason::Completed) &&
        m_best.size() == m_net.parameterCount())
        m_net.parameters() = m_best;

    m_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    report.seconds = m_seconds;
    m_monitor.observe(report);
    return report;
}

StopReason Trainer::run(const std::function<void(const EpochReport&)>& onEpoch) {
    while (!finished()) {
        const EpochReport report = runEpoch();
        if (onEpoch) onEpoch(report);
    }
    return m_stopReason;
}

Eigen::MatrixXd Trainer::validationOutputs() const {
    const Eigen::Index n = m_val.x.rows();
    Eigen::MatrixXd out(n, m_net.outputCount());
    MatrixX<float> chunk;
    m_evalNet.parameters() = m_net.parameters();
    for (Eigen::Index start = 0; start < n; start += kEvalChunk) {
        const Eigen::Index len = std::min(kEvalChunk, n - start);
        out.middleRows(start, len) =
            m_evalNet.predict(evaluationRows(m_val, start, len, chunk)).cast<double>();
    }
    if (m_task == Task::Regression) out = (out.array() * m_targetStd + m_targetMean).matrix();
    return out;
}

Metrics Trainer::validationMetrics(double threshold) const {
    const double loss = evaluate(m_val).first;
    return computeMetrics(m_task, validationOutputs(), m_valTargets,
                          static_cast<int>(m_meta.classes.size()), loss, threshold);
}

Model Trainer::model() const {
    Model model;
    model.task = m_task;
    model.target = m_meta.target;
    model.classes = m_meta.classes;
    model.features = m_meta.features;
    model.scaler = m_scaler;
    model.config = m_config;
    for (int i = 0; i < m_net.layerCount(); ++i) {
        DenseLayer layer;
        layer.weights = m_net.weights(i).cast<double>();
        layer.bias = m_net.parameters().segment(m_net.biasOffset(i), m_net.layer(i).units).cast<double>();
        layer.activation = m_net.layer(i).activation;
        model.layers.push_back(std::move(layer));
    }
    if (m_task == Task::Regression) {
        // Fold the target's standardisation into the last layer: y = (h W + b) s + m.
        auto& last = model.layers.back();
        last.weights *= m_targetStd;
        last.bias = last.bias.array() * m_targetStd + m_targetMean;
    }
    if (m_val.x.rows() > 0) model.validation = validationMetrics();
    if (m_train.x.rows() > 0) model.trainLoss = evaluate(m_train).first;
    return model;
}

}  // namespace bps
