#pragma once
// The Cross-validate window's table: one row per fold (and repeat) with the task's metrics, a
// "mean ± sd" row over the folds, and one row per baseline (mean ± sd over the same folds);
// the verdict that compares the network with the linear baseline; and the same table as CSV.
// Each metric cell holds the value as shown (4 decimals) and the exact double under
// kValueRole (a mean ± sd row: the mean, and the sd under kSdRole).

#include <QByteArray>
#include <QString>
#include <QTableWidget>
#include <vector>

#include "core/evaluation/metrics.h"
#include "core/validation/cross_validation.h"

namespace bps {

struct CvMetricColumn {
    QString title;    // as shown: "ROC AUC"
    const char* key;  // as the CSV header spells it (the command line's JSON keys): "roc_auc"
    double Metrics::*field;
};

// The task's metrics, as `backprop-studio cv` prints them (binary: accuracy, precision, recall,
// F1, ROC AUC, loss; multiclass: accuracy, macro F1, loss; regression: RMSE, MAE, R², loss).
std::vector<CvMetricColumn> cvMetricColumns(Task task);

// "The network beats the linear baseline by X ± Y <score> ..." or the no_better_than_linear
// finding's text; empty without baselines.
QString cvVerdict(const CrossValidation& cv);

// One line per fold (repeat, fold, epochs, validation rows, the metrics of the network), then
// the mean and the sd of the network and of each baseline; numbers at full precision.
QByteArray cvTableCsv(const CrossValidation& cv);

class CvTable : public QTableWidget {
    Q_OBJECT
public:
    static constexpr int kValueRole = Qt::UserRole;
    static constexpr int kSdRole = Qt::UserRole + 1;
    // The columns before the metrics: the row's name ("Fold 2", "Repeat 2, fold 1", "Linear
    // baseline ..."), epochs.
    static constexpr int kLeadingColumns = 2;

    explicit CvTable(QWidget* parent = nullptr);
    void showResult(const CrossValidation& cv);
    void clearResult();
    // The row of the fold's mean ± sd, and of the baselines (-1 without a result).
    int meanRow() const { return m_meanRow; }
    int linearRow() const { return m_meanRow < 0 ? -1 : m_meanRow + 1; }
    int majorityRow() const { return m_meanRow < 0 ? -1 : m_meanRow + 2; }

private:
    int m_meanRow = -1;
};

}  // namespace bps
