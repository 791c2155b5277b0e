#pragma once
// A histogram of numeric values on a real value axis (equal-width bins drawn as filled bars in
// one area series): the Results tab's residuals of a regression and the Data tab's regression
// target.

#include <QChartView>
#include <cstdint>
#include <vector>

class QAreaSeries;
class QLineSeries;

namespace bps {

struct HistogramBins {
    double low = 0;    // left edge of the first bin
    double width = 0;  // every bin's width (> 0 when there are bins)
    std::vector<std::int64_t> counts;
};

// Equal-width bins over the finite values (NaN and infinities are left out): about sqrt(n) of
// them, between 5 and 40, so a few hundred rows show a shape and a million rows stay readable.
// All values equal: one bin of width 1 centred on them. No finite value: no bins.
HistogramBins histogramBins(const std::vector<double>& values);

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
