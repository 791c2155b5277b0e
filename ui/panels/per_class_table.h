#pragma once
// A multiclass model's precision, recall, F1 and support for each class (one against the rest,
// bps::perClassMetrics), beside the accuracy and macro F1 they average into.

#include <QTableWidget>
#include <vector>

#include "core/evaluation/metrics.h"

namespace bps {

class PerClassTable : public QTableWidget {
    Q_OBJECT
public:
    enum Column { ClassColumn, PrecisionColumn, RecallColumn, F1Column, SupportColumn };

    explicit PerClassTable(QWidget* parent = nullptr);

    void setClasses(const std::vector<ClassMetrics>& metrics, const QStringList& classes);
    void clearClasses();
};

}  // namespace bps
