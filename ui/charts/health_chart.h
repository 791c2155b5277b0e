#pragma once
// The training health beside the cost chart, per layer and epoch: the gradient norm and the
// update-to-weight ratio on logarithmic axes (healthy ratios sit near 1e-3; decades matter, not
// differences), and the fractions of saturated and dead units. One colour per layer in all three.
// Like CostChart, each curve is a MinMaxSeries, thinned to a point budget per redraw in time
// proportional to the budget; past kMaxStored epochs every other stored point is dropped, so
// memory stays bounded too (the log axes keep the extremes of everything stored since the start).

#include <QPointF>
#include <QWidget>
#include <cmath>
#include <span>
#include <vector>

#include "core/monitoring/epoch_report.h"
#include "ui/charts/min_max_series.h"

class QChart;
class QChartView;
class QLineSeries;
class QLogValueAxis;
class QValueAxis;

namespace bps {

class HealthBatch;
class RedrawThrottle;

class HealthCharts : public QWidget {
    Q_OBJECT
public:
    // Points drawn per series: two per pixel column of the plot, within these bounds.
    static constexpr int kPointBudget = 600;
    static constexpr int kMinPointBudget = 100;
    static constexpr std::size_t kMaxStored = 100'000;

    explicit HealthCharts(QWidget* parent = nullptr);

    // Forgets the curves; the next reports define the layers.
    void beginRun();
    // Stored at once, drawn as redrawThrottle() allows (see CostChart::appendEpochs).
    // `health` holds the layers of `reports`, one entry each (the training thread's deliveries).
    void appendEpochs(std::span<const EpochReport> reports, const HealthBatch& health);
    // Reports that carry their own layers.
    void appendEpochs(std::span<const EpochReport> reports);
    void flushRedraw();
    RedrawThrottle* redrawThrottle() const { return m_throttle; }

    // For tests.
    QChartView* gradientView() const { return m_gradient.view; }
    QChartView* ratioView() const { return m_ratio.view; }
    QChartView* unitsView() const { return m_units.view; }
    int layerCount() const { return m_layers; }
    std::size_t epochCount() const { return m_epochs; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Panel {
        QChartView* view = nullptr;
        QValueAxis* x = nullptr;
        QValueAxis* linearY = nullptr;  // the units panel
        QLogValueAxis* logY = nullptr;  // the gradient and ratio panels
        std::vector<QLineSeries*> series;
        std::vector<MinMaxSeries> points;  // thinned in time proportional to the budget
        // The extremes of every positive value stored since the run began (the log axes' range).
        double lowest = INFINITY, highest = 0;
    };
    Panel makePanel(const QString& title, const QString& yTitle, bool logarithmic);
    void setLayers(int layers);
    QLineSeries* addSeries(Panel& panel, const QString& name, const QColor& color,
                           Qt::PenStyle style);
    void store(Panel& panel, std::size_t index, QPointF point);
    static int pointBudget(const Panel& panel);
    void redraw(Panel& panel);
    void redrawAll();

    Panel m_gradient, m_ratio, m_units;
    int m_layers = -1;  // -1: not known yet
    std::size_t m_epochs = 0;
    int m_stride = 1;  // store every m_stride-th epoch (grows when the history is long)
    RedrawThrottle* m_throttle;
};

// The epoch axis' end for a history reaching xMax: xMax rounded up to an even multiple of a
// fifth of its power of ten (7 -> 8, 37 -> 38, 150 -> 160, 4353 -> 4400).
double healthAxisEnd(double xMax);

// Colour of layer `index` (0-based), the same in every health chart.
QColor layerColor(int index);

}  // namespace bps
