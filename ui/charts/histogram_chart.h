#pragma once
// A histogram of numeric values on a real value axis (equal-width bins drawn as filled bars in
// one area series): the Results tab's residuals of a regression and the Data tab's regression
// target (bins: core/evaluation/histogram.h).

#include <QChartView>
#include <vector>

#include "core/evaluation/histogram.h"

class QAreaSeries;
class QLineSeries;

namespace bps {

class HistogramChart : public QChartView {
    Q_OBJECT
public:
    explicit HistogramChart(QWidget* parent = nullptr);

    // `valueTitle` names the x axis (the quantity and its column), the y axis counts rows.
    void setValues(const std::vector<double>& values, const QString& title,
                   const QString& valueTitle);
    void clear(const QString& title);
    const HistogramBins& bins() const { return m_bins; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColors();

    HistogramBins m_bins;
    QLineSeries* m_outline;
    QAreaSeries* m_area;
};

}  // namespace bps
