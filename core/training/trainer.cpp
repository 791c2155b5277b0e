#include "core/training/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <span>
#include <utility>

#include "core/base/errors.h"
#include "core/training/model_weights.h"

namespace bps {

namespace {
// The config, once it is known to be usable: checked before any data is prepared with it.
const TrainingConfig& validated(const TrainingConfig& config) {
    if (const std::string problem = config.validate(); !problem.empty()) throw DataError(problem);
    return config;
}
}  // namespace

Trainer::Trainer(const Dataset& data, const TrainingConfig& config, const Model* start)
    : Trainer(data, config,
              TrainingData(data, validated(config), start ? &start->scaler : nullptr,
                           start && start->preprocessing ? &*start->preprocessing : nullptr),
              start) {}

Trainer::Trainer(const Dataset& data, const TrainingConfig& config, Split split)
    : Trainer(data, config, TrainingData(data, validated(config), std::move(split)), nullptr) {}

Trainer::Trainer(const Dataset& data, const TrainingConfig& config, Split split, const Model& start)
    : Trainer(data, config,
              TrainingData(data, validated(config), std::move(split), &start.scaler,
                           start.preprocessing ? &*start.preprocessing : nullptr),
              &start) {}

Trainer::Trainer(const Dataset& data, const TrainingConfig& config, TrainingData prepared,
                 const Model* start)
    : m_config(config), m_data(std::move(prepared)), m_rng(config.seed) {
    const Task task = data.task;
    m_net = Network<float>(networkShape(static_cast<int>(m_data.inputCount()), config.hidden,
                                        config.activation, task, data.outputCount()),
                           task);
    m_net.initialise(m_rng, config.initScale);
    if (start) loadModelWeights(*start, m_data, m_net);
    m_optimizer = Optimizer<float>(config.optimizer, config.nesterov, m_net.parameterCount());
    m_order.resize(m_data.split.train.size());
    for (std::size_t i = 0; i < m_order.size(); ++i) m_order[i] = static_cast<Eigen::Index>(i);
    m_evaluator = Evaluator(m_net, static_cast<int>(m_data.meta.classes.size()));
    if (m_data.validation.rows() > 0) m_earlyStopping = EarlyStopping(config.earlyStoppingPatience);

    DiagnosisContext context;
    context.task = task;
    context.config = m_config;
    context.data = measureData(data, m_data.split.train, config.standardize || start);
    context.baselineLoss = m_data.baselineLoss;
    context.continued = start != nullptr;  // its first weights are no initialisation
    context.encodedRows = m_data.split.train.size();
    if (m_data.encoding) {
        context.inputColumns = summarizeInputColumns(*m_data.encoding);
        context.encodedRows = m_data.encoding->fittedRows;
        context.minLevelCount = m_data.encoding->minLevelCount;
    }
    markRowNumbers(context.inputColumns, data.columnKinds, data.features);
    context.inputCount = static_cast<std::size_t>(m_data.inputCount());
    context.initialLoss = m_data.validation.rows() > 0
                              ? m_evaluator.evaluate(m_net, m_data.validation).loss
                              : m_evaluator.evaluate(m_net, m_data.train).loss;
    m_health = HealthRecorder(m_net, std::move(context));
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
    m_health.setLive(checked);
}

EpochReport Trainer::runEpoch() {
    if (finished()) return {};
    const auto started = std::chrono::steady_clock::now();
    const LiveHyperparameters live = m_config.live;  // fixed for the whole epoch
    const auto n = static_cast<Eigen::Index>(m_order.size());
    const Eigen::Index batch = live.batchSize <= 0 ? n : std::min<Eigen::Index>(live.batchSize, n);
    beginEpoch();
    double lossSum = 0;
    Eigen::Index seen = 0;
    for (Eigen::Index start = 0; start < n && !stopIfRequested(); start += batch) {
        const auto rows = std::span<const Eigen::Index>(m_order).subspan(
            std::size_t(start), std::size_t(std::min(batch, n - start)));
        // Gather, forward, backward; a non-finite loss stops the run before the update.
        const double loss = m_engine.computeGradient(m_net, m_data.train, rows, float(live.l2));
        if (!std::isfinite(loss)) {
            diverge("the loss");
            break;
        }
        lossSum += loss;
        seen += static_cast<Eigen::Index>(rows.size());
        if (!step(live)) break;
    }
    if (m_stopReason == StopReason::Diverged) m_net.parameters() = m_epochStart;  // last finite
    ++m_epoch;
    ActivationCensus census;
    EpochReport report = validate(live, seen > 0 ? lossSum / seen : kNaN, census);
    m_health.recordEpoch(m_net, m_epochStart, census, report.layers);
    decide(report.validationLoss);
    m_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    report.seconds = m_seconds;
    m_health.observe(report);
    return report;
}

void Trainer::beginEpoch() {
    m_epochStart = m_net.parameters();
    m_health.beginEpoch();
    m_rng.shuffle(std::span(m_order));
}

bool Trainer::stopIfRequested() {
    if (!m_stopRequested.load(std::memory_order_relaxed)) return false;
    m_stopReason = StopReason::Stopped;
    return true;
}

bool Trainer::step(const LiveHyperparameters& live) {
    VectorX<float>& gradient = m_engine.gradient();
    if (m_gradientHook) m_gradientHook(m_net, gradient);
    m_health.beforeStep(m_net);
    m_optimizer.step(m_net.parameters(), gradient, live.learningRate, live.momentum);
    m_health.afterStep(m_net, gradient);
    if (m_net.parameters().allFinite()) return true;
    diverge("the weights of " + nonFiniteLayer());
    return false;
}

void Trainer::diverge(const std::string& what) {
    m_divergence = what + " became non-finite in epoch " + std::to_string(m_epoch + 1);
    m_stopReason = StopReason::Diverged;
}

EpochReport Trainer::validate(const LiveHyperparameters& live, double trainLoss,
                              ActivationCensus& census) {
    EpochReport report;
    report.epoch = m_epoch;
    report.trainLoss = trainLoss;
    report.learningRate = live.learningRate;
    report.live = live;
    const Evaluation validation =
        m_evaluator.evaluate(m_net, m_data.validation, &census, &report.predictedFractions);
    report.validationLoss = validation.loss;
    report.validationAccuracy = validation.accuracy;
    // Without validation rows the health looks at the activations on the training rows.
    if (m_data.validation.rows() == 0)
        m_evaluator.evaluate(m_net, m_data.train, &census, &report.predictedFractions);
    return report;
}

void Trainer::decide(double validationLoss) {
    if (m_stopReason != StopReason::Running) return;
    if (m_earlyStopping.enabled() &&
        m_earlyStopping.patienceRanOut(validationLoss, m_net.parameters()))
        m_stopReason = StopReason::EarlyStopping;
    else if (m_epoch >= m_config.epochs)
        m_stopReason = StopReason::Completed;
    // Early stopping hands back the best weights it saw, whichever way the run ends normally.
    if (finished() && m_earlyStopping.best()) m_net.parameters() = *m_earlyStopping.best();
}

std::string Trainer::nonFiniteLayer() const {
    for (int i = 0; i < m_net.layerCount(); ++i)
        if (!m_net.weights(i).allFinite() ||
            !m_net.parameters().segment(m_net.biasOffset(i), m_net.layer(i).units).allFinite())
            return "layer " + std::to_string(i + 1);
    return {};
}

StopReason Trainer::run(const std::function<void(const EpochReport&)>& onEpoch) {
    while (!finished()) {
        const EpochReport report = runEpoch();
        if (onEpoch) onEpoch(report);
    }
    return m_stopReason;
}

Eigen::MatrixXd Trainer::validationOutputs() const {
    Eigen::MatrixXd out = m_evaluator.outputs(m_net, m_data.validation);
    if (task() == Task::Regression)
        out = (out.array() * m_data.target.std + m_data.target.mean).matrix();
    return out;
}

Metrics Trainer::validationMetrics(double threshold) const {
    const double loss = m_evaluator.evaluate(m_net, m_data.validation).loss;
    return computeMetrics(task(), validationOutputs(), m_data.validationTargets,
                          static_cast<int>(m_data.meta.classes.size()), loss, threshold);
}

Model Trainer::model() const {
    Model model = modelWeights(m_net, m_data, m_config);
    if (m_data.validation.rows() > 0) model.validation = validationMetrics();
    if (m_data.train.rows() > 0) model.trainLoss = m_evaluator.evaluate(m_net, m_data.train).loss;
    return model;
}

}  // namespace bps
