#pragma once
// How the target's values are distributed: a horizontal bar per class with its count and share,
// so an imbalance (HTRU2: 9% pulsars) is visible before training. A target with many distinct
// numeric values is a regression target and is described as such.

#include <QChartView>
#include <cstdint>

#include "ui/data/csv_loader.h"

namespace bps {

// A row count with digit grouping ("1,815,922"), as every count in the app is written.
QString groupedCount(std::int64_t count);

class ClassBalanceView : public QChartView {
    Q_OBJECT
public:
    explicit ClassBalanceView(QWidget* parent = nullptr);
    // `column` < 0 clears the view.
    void showColumn(const LoadedDataPtr& data, int column);
    int classCount() const { return m_classes; }

private:
    int m_classes = 0;
};

}  // namespace bps
