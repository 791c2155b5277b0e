#pragma once
// Permutation importance as horizontal bars, the most important column on top, each with its
// mean +- sd error bar (|--|) over the repeats. Qt Charts has no error bars: each is a short
// line series drawn over the bars on the same axes.

#include <QChartView>
#include <QStringList>
#include <vector>

#include "core/explain/permutation_importance.h"

class QBarSet;
class QHorizontalBarSeries;

namespace bps {

class ImportanceChart : public QChartView {
    Q_OBJECT
public:
    explicit ImportanceChart(QWidget* parent = nullptr);

    void setResult(const ImportanceResult& result);
    void clear();

    // What the bars show, top to bottom: the column names and their mean drops.
    QStringList columns() const { return m_columns; }
    std::vector<double> means() const { return m_means; }
    int errorBarCount() const { return m_errorBars; }

private:
    QHorizontalBarSeries* m_bars = nullptr;
    QStringList m_columns;
    std::vector<double> m_means;
    int m_errorBars = 0;
};

}  // namespace bps
