#include "ui/explain/decision_map_worker.h"

#include <QMutexLocker>
#include <exception>
#include <unordered_map>

#include "core/base/errors.h"
#include "core/data/split.h"
#include "core/explain/map_columns.h"
#include "core/explain/unit_activation.h"

namespace bps {

DecisionMapWorker::DecisionMapWorker(QObject* parent) : QThread(parent) {
    qRegisterMetaType<bps::DecisionMapResultPtr>();
}

DecisionMapWorker::~DecisionMapWorker() {
    {
        QMutexLocker lock(&m_mutex);
        m_abort = true;
        m_hasRequest = false;
        m_condition.notify_all();
    }
    wait();
    const QMutexLocker lock(&m_mutex);  // orders the worker's last unlock before destruction
}

void DecisionMapWorker::compute(const DecisionMapRequest& request) {
    QMutexLocker lock(&m_mutex);
    m_request = request;
    m_hasRequest = true;
    if (!isRunning()) {
        lock.unlock();
        start(QThread::LowPriority);
        return;
    }
    m_condition.notify_all();
}

std::shared_ptr<const DecisionMapContext> buildDecisionMapContext(const DecisionMapRequest& r) {
    const Model& model = *r.model;
    const Dataset data = prepareDataset(*r.table, r.selection);
    auto context = std::make_shared<DecisionMapContext>();
    context->columns = columnInputs(model);
    // The same split the Trainer made (its validation fraction and seed).
    const Split split = splitRows(data, model.config.validationFraction, model.config.seed);
    std::vector<Eigen::Index> encodedRow(static_cast<std::size_t>(data.rows()), -1);
    if (data.encoded()) {
        EncodedTable encoded = model.encode(*data.inputTable);
        for (std::size_t k = 0; k < encoded.rows.size(); ++k)
            encodedRow[encoded.rows[k]] = static_cast<Eigen::Index>(k);
        context->all = std::move(encoded.x);
    } else {
        context->all = data.x;
        for (std::size_t k = 0; k < encodedRow.size(); ++k)
            encodedRow[k] = static_cast<Eigen::Index>(k);
    }
    if (context->all.cols() != model.inputCount())
        throw DataError("the model has " + std::to_string(model.inputCount()) +
                        " inputs and the data set " + std::to_string(context->all.cols()));
    std::vector<Eigen::Index> rows;
    std::vector<double> targets;
    for (Eigen::Index v : split.validation)
        if (encodedRow[static_cast<std::size_t>(v)] >= 0) {
            rows.push_back(encodedRow[static_cast<std::size_t>(v)]);
            targets.push_back(data.y(v));
        }
    context->validation = context->all(rows, Eigen::all);
    context->targets = Eigen::Map<const Eigen::VectorXd>(targets.data(),
                                                         static_cast<Eigen::Index>(targets.size()));
    context->medians = medianRow(model, context->validation);
    for (const ColumnInputs& column : context->columns) {
        std::vector<double> values;
        for (Eigen::Index i = 0; i < context->validation.rows(); ++i)
            values.push_back(axisValue(column, context->validation, i));
        context->ranges.push_back(axisRange(column, std::move(values)));
    }
    // Table rows to data set rows by their CSV line (rows without a target are not in it).
    std::unordered_map<std::size_t, Eigen::Index> byLine;
    for (std::size_t i = 0; i < data.sourceLines.size(); ++i)
        byLine.emplace(data.sourceLines[i], encodedRow[i]);
    context->dataRowOfTableRow.assign(r.table->rows, -1);
    for (std::size_t t = 0; t < r.table->rows && t < r.table->rowLine.size(); ++t)
        if (const auto it = byLine.find(r.table->rowLine[t]); it != byLine.end())
            context->dataRowOfTableRow[t] = it->second;
    return context;
}

std::vector<int> DecisionMapWorker::chooseColumns(const DecisionMapRequest& request,
                                                  const DecisionMapContext& context,
                                                  DecisionMapResult& result) {
    if (request.rule == MapColumnRule::Importance) {
        // Once per model: a later request for it (another row to hold at) finds it measured.
        if (m_measuredModel != request.model) {
            m_measuredModel.reset();
            m_measuredOrder.clear();
            try {
                const ImportanceResult importance =
                    quickImportance(*request.model, context.validation, context.targets, {},
                                    [this](int, int) { return !m_abort.load(); });
                m_measurements.fetch_add(1);
                if (!importance.cancelled)
                    m_measuredOrder = columnsByImportance(*request.model, importance);
                m_measuredModel = request.model;
            } catch (const DataError& e) {
                // No rows to shuffle (a model trained without validation rows): weights.
                result.note = tr("Could not measure the columns' importance (%1); the columns "
                                 "with the largest first-layer weights are shown.")
                                  .arg(QString::fromStdString(e.what()));
            }
        }
        if (m_measuredOrder.size() >= 2) {
            result.rule = MapColumnRule::Importance;
            return m_measuredOrder;
        }
    }
    result.rule = MapColumnRule::Weights;
    return columnsByWeightNorm(*request.model);
}

void DecisionMapWorker::run() {
    std::shared_ptr<const DecisionMapContext> context;
    int contextId = -1;
    forever {
        DecisionMapRequest request;
        {
            QMutexLocker lock(&m_mutex);
            m_condition.wait(m_mutex, [this] { return m_hasRequest || m_abort; });
            if (m_abort) return;
            request = std::exchange(m_request, {});
            m_hasRequest = false;
        }
        auto result = std::make_shared<DecisionMapResult>();
        result->generation = request.generation;
        result->contextId = request.contextId;
        result->model = request.model;
        try {
            if (!request.model || !request.table) throw DataError("no model or no data");
            if (request.contextId != contextId || !context) {
                context.reset();
                context = buildDecisionMapContext(request);
                contextId = request.contextId;
            }
            const Model& model = *request.model;
            const auto n = static_cast<int>(context->columns.size());
            if (n < 2) throw DataError("the decision map needs at least two input columns");
            int x = request.xColumn, y = request.yColumn;
            result->rule = request.rule;
            if (x < 0 || y < 0 || x >= n || y >= n || x == y) {
                const std::vector<int> order = chooseColumns(request, *context, *result);
                x = order[0];
                y = order[1];
                result->columnsChosen = true;
            }
            DecisionGridRequest grid;
            grid.xColumn = x;
            grid.yColumn = y;
            grid.xRange = context->ranges[static_cast<std::size_t>(x)];
            grid.yRange = context->ranges[static_cast<std::size_t>(y)];
            grid.resolution = request.resolution;
            grid.base = context->medians;
            if (request.baseRow >= 0) {
                const auto t = static_cast<std::size_t>(request.baseRow);
                const Eigen::Index row =
                    t < context->dataRowOfTableRow.size() ? context->dataRowOfTableRow[t] : -1;
                if (row >= 0) {
                    grid.base = context->all.row(row);
                    result->heldAtRow = true;
                } else {
                    result->note = tr("Row %1 is not in the data set (no target value, or "
                                      "dropped for a missing cell); holding at the medians.")
                                       .arg(request.baseRow + 1);
                }
            }
            result->grid = computeDecisionGrid(model, grid);
            result->pointOutputs = layerActivations(model, context->validation).back();
            result->xColumn = x;
            result->yColumn = y;
            result->context = context;
        } catch (const std::exception& e) {
            result->error = QString::fromStdString(e.what());
        }
        m_computations.fetch_add(1);
        emit mapReady(result);
    }
}

}  // namespace bps
