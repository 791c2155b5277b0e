// CostChart's comparison curves: other trainings' validation cost on the same data (the Sweep
// window's selected trials), thin and dashed so the run being watched stays in front.

#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>

#include "ui/charts/cost_chart.h"

namespace bps {

void CostChart::clearComparison() {
    for (QLineSeries* s : m_comparison) {
        chart()->removeSeries(s);
        delete s;
    }
    m_comparison.clear();
}

void CostChart::setComparisonCurves(const std::vector<ComparisonCurve>& curves) {
    clearComparison();
    // A purple family, apart from the train blue and validation orange.
    static const QColor kColours[] = {
        {148, 103, 189}, {196, 156, 220}, {110, 64, 170}, {171, 130, 205}};
    for (std::size_t i = 0; i < curves.size(); ++i) {
        auto* series = new QLineSeries;
        series->setName(curves[i].name);
        QPen pen(kColours[i % std::size(kColours)], 1.2, Qt::DashLine);
        series->setPen(pen);
        series->replace(curves[i].points);
        attach(series);
        m_comparison.push_back(series);
    }
    chart()->removeSeries(m_markerSeries);  // keep the markers drawn last
    attach(m_markerSeries);
    refreshLegend();
    updateRanges();
}

}  // namespace bps
