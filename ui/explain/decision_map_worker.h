#pragma once
// Computes decision maps off the UI thread (Qt's Mandelbrot pattern, STYLE.md section 1): one
// QThread, one entry (compute) that replaces the pending request under the mutex, so however
// fast snapshots arrive at most one waits and stale ones are dropped. The context (the data
// set's validation rows under the model's encoding) is built once per context id, not per map.

#include <QMutex>
#include <QString>
#include <QThread>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <vector>

#include "core/csv/csv_reader.h"
#include "core/data/dataset.h"
#include "core/explain/decision_grid.h"
#include "ui/training/training_thread.h"

namespace bps {

// The rows a map is drawn over: the validation rows of the model's split, encoded as the model
// encodes them (unscaled), with their targets; medians and axis ranges come from them.
struct DecisionMapContext {
    std::vector<ColumnInputs> columns;
    RowMatrix validation;     // (validation rows, inputs)
    Eigen::VectorXd targets;  // class index or value
    Eigen::RowVectorXd medians;
    std::vector<AxisRange> ranges;  // per column
    RowMatrix all;                  // every row of the data set, encoded, for "hold at row N"
    std::vector<Eigen::Index> dataRowOfTableRow;  // -1: the row is not in the data set
};

// How a map's two columns were chosen (the panel says which under the combos).
enum class MapColumnRule {
    Weights,     // the two with the largest first-layer weights: provisional, while training
    Importance,  // the two with the largest permutation importance (core/explain/map_columns.h)
    User,        // the user's own choice
};

struct DecisionMapRequest {
    int generation = 0;
    int contextId = 0;  // a new id rebuilds the context (another run, model or data set)
    std::shared_ptr<const CsvTable> table;
    DataSelection selection;
    ModelPtr model;
    // -1 (either): the worker chooses the two by `rule` (Weights, or Importance measured on the
    // context's validation rows); otherwise the columns, and `rule` says what chose them.
    int xColumn = -1;
    int yColumn = -1;
    MapColumnRule rule = MapColumnRule::Weights;
    long long baseRow = -1;  // a table row to hold the other inputs at; -1: the medians
    int resolution = 100;
};

struct DecisionMapResult {
    int generation = 0;
    int contextId = 0;
    ModelPtr model;
    std::shared_ptr<const DecisionMapContext> context;
    int xColumn = 0;
    int yColumn = 0;
    bool columnsChosen = false;  // picked by the worker, not named by the request
    MapColumnRule rule = MapColumnRule::Weights;
    bool heldAtRow = false;  // false: at the medians
    QString note;            // e.g. why the chosen row could not be used
    QString error;           // non-empty: no grid
    DecisionGrid grid;
    Eigen::MatrixXd pointOutputs;  // the model's outputs on context->validation
};
using DecisionMapResultPtr = std::shared_ptr<const DecisionMapResult>;

class DecisionMapWorker : public QThread {
    Q_OBJECT
public:
    explicit DecisionMapWorker(QObject* parent = nullptr);
    ~DecisionMapWorker() override;  // abandons the pending request and joins

    // Replaces any pending request; never blocks on a computation.
    void compute(const DecisionMapRequest& request);
    // Maps computed so far (each ends in one mapReady).
    int computations() const { return m_computations.load(); }
    // Permutation importances measured to choose columns (one per model at most).
    int importanceMeasurements() const { return m_measurements.load(); }

signals:
    void mapReady(bps::DecisionMapResultPtr result);

protected:
    void run() override;

private:
    // The two columns (and more) of a request that names none, by its rule; sets result.rule
    // to the rule that chose them (Weights when importance could not be measured).
    std::vector<int> chooseColumns(const DecisionMapRequest& request,
                                   const DecisionMapContext& context, DecisionMapResult& result);

    mutable QMutex m_mutex;
    std::condition_variable_any m_condition;  // as TrainingThread: visible to ThreadSanitizer
    DecisionMapRequest m_request;             // guarded by m_mutex
    bool m_hasRequest = false;                // guarded by m_mutex
    std::atomic<bool> m_abort{false};
    std::atomic<int> m_computations{0};
    std::atomic<int> m_measurements{0};
    ModelPtr m_measuredModel;  // worker thread only: the model m_measuredOrder is of
    std::vector<int> m_measuredOrder;
};

// The context of `request` (its model over its table), built on the worker. Throws DataError
// (or another std::exception) when the model's columns are not in the table.
std::shared_ptr<const DecisionMapContext> buildDecisionMapContext(
    const DecisionMapRequest& request);

}  // namespace bps

Q_DECLARE_METATYPE(bps::DecisionMapResultPtr)
