#pragma once
// The sweep's trials as a table, one row per trial in the order they first finish; a trial that
// goes on to a later rung (successive halving) updates its row. Columns: trial, seed, the swept
// values, score (the validation loss), the task's other metrics, epochs, pruned, seconds.
// kSortRole gives numbers for sorting (NaN scores last); the best trial's row is bold and starred.

#include <QAbstractTableModel>
#include <QHash>
#include <vector>

#include "core/evaluation/metric_columns.h"
#include "core/validation/sweep.h"

namespace bps {

class SweepResultsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kSortRole = Qt::UserRole;
    static constexpr int kTrialRole = Qt::UserRole + 1;  // the row's SweepTrial::index

    explicit SweepResultsModel(QObject* parent = nullptr);

    // Empties the table for a sweep over `parameters` on a data set of `task`.
    void reset(const std::vector<SweepParameter>& parameters, Task task);
    // Adds the trial's row, or updates it when the trial reported before.
    void upsert(const SweepTrial& trial);
    // Marks the best trial (-1: none).
    void setBest(int trialIndex);
    int bestTrial() const { return m_best; }

    const std::vector<SweepTrial>& trials() const { return m_rows; }
    const SweepTrial& trialAt(int row) const { return m_rows[std::size_t(row)]; }
    // The row of trial `index`, or -1.
    int rowOf(int trialIndex) const { return m_rowOf.value(trialIndex, -1); }
    // The column of the score (for sorting the best first).
    int scoreColumn() const { return 2 + int(m_parameters.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant display(const SweepTrial& trial, int column) const;
    QVariant sortKey(const SweepTrial& trial, int column) const;

    std::vector<SweepParameter> m_parameters;
    std::vector<MetricColumn> m_metrics;  // the task's metrics after the loss (the score)
    std::vector<SweepTrial> m_rows;
    QHash<int, int> m_rowOf;
    int m_best = -1;
};

// A swept value as a number for sorting and plotting: the number itself, a hidden layout's
// total units ("none" 0), or NaN for a name (activation, optimizer).
double sweepValueNumber(SweepParameter parameter, const std::string& value);

}  // namespace bps
