#pragma once
// The live cost chart: train and validation cost per epoch, the class-prior baseline, markers
// where live hyperparameters changed, and faded curves of earlier runs on the same data, target and
// loss (clipped to the current run's axes, never fitted). The full history stays in
// MinMaxSeries; each update thins it to kPointBudget points (in time proportional to the budget)
// and calls replace() once per series, so 100 or 1,000,000 epochs redraw equally fast.

#include <QChartView>
#include <QPointF>
#include <QString>
#include <deque>
#include <optional>
#include <span>
#include <vector>

#include "core/io/project_file.h"
#include "core/monitoring/epoch_report.h"
#include "ui/charts/min_max_series.h"

class QAbstractAxis;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace bps {

class RedrawThrottle;

class CostChart : public QChartView {
    Q_OBJECT
public:
    // The most points a curve is drawn with (and saved with, runs()). Drawn, it is two per pixel
    // column of the plot (a bucket's lowest and highest, exact on the screen), within
    // kMinPointBudget..kPointBudget: at 1280 x 800 the plot is under 400 px wide, and each point
    // beyond costs every live redraw its share of the line's outline and paint.
    static constexpr int kPointBudget = 2000;
    static constexpr int kMinPointBudget = 200;
    static constexpr int kMaxEarlierRuns = 3;
    // The hover read-out appears within this many screen pixels of the train or validation
    // line, whatever the axes' range: the line itself is 2 px wide.
    static constexpr double kHoverTolerancePx = 6;

    explicit CostChart(QWidget* parent = nullptr);

    // Starts a new curve; the current one, if it has points, stays faded for comparison unless
    // the data key or the task (so the loss) changed since it began.
    void beginRun(Task task, double baselineLoss);
    // Names the data set and target the next runs train on. Curves of another data set or target
    // do not compare with them, so a new key drops the earlier runs at once and keeps the current
    // curve only until the next run begins.
    void setDataKey(const QString& key);
    // Epochs are shown at report.epoch + epochOffset (a continued run goes on where it was).
    // They are stored at once and drawn as redrawThrottle() allows (at once unless its interval
    // is set, as the main window does).
    void appendEpochs(std::span<const EpochReport> reports, int epochOffset = 0);
    // Draws the epochs appended and not drawn yet, now (the end of a run, a pause, a save).
    void flushRedraw();
    RedrawThrottle* redrawThrottle() const { return m_throttle; }
    void setLogScale(bool on);
    bool logScale() const { return m_log; }
    void clearEarlierRuns();
    // The curves as drawn (cost_chart_runs.cpp): earlier runs first, the current run last, each
    // thinned to the point budget. restoreRuns() draws saved runs as if they had just trained:
    // the last one current, the others faded.
    std::vector<ProjectRun> runs() const;
    void restoreRuns(Task task, double baselineLoss, const std::vector<ProjectRun>& runs);
    // Validation curves of other trainings on the same data, target and loss (sweep trials),
    // drawn thin and dashed beside the runs (cost_chart_comparison.cpp); replaces the earlier
    // ones. Another data key, another task or Clear Earlier Runs removes them. Like earlier
    // runs they are clipped to the current run's axes; with no current run they set the axes.
    struct ComparisonCurve {
        QString name;
        QList<QPointF> points;
    };
    void setComparisonCurves(const std::vector<ComparisonCurve>& curves);
    int comparisonCount() const { return static_cast<int>(m_comparison.size()); }
    const std::vector<QLineSeries*>& comparisonSeries() const { return m_comparison; }
    // The current curve's task (so its loss) and baseline, if a run has begun.
    std::optional<Task> task() const { return m_task; }
    double baselineLoss() const { return m_baselineLoss; }

    // For tests and the status of the window.
    QLineSeries* trainSeries() const { return m_train; }
    QLineSeries* validationSeries() const { return m_validation; }
    int earlierRunCount() const { return static_cast<int>(m_earlier.size()); }
    int markerCount() const { return static_cast<int>(m_markers.size()); }
    // The points a curve is drawn with at the plot's present width.
    int drawnPointBudget() const;
    // Points stored for the current train curve (bounded: MinMaxSeries::kMaxPoints).
    std::size_t storedPointCount() const { return m_trainCurve.size(); }
    QValueAxis* xAxis() const { return m_xAxis; }
    // Where the newest marker's text is drawn, in chart coordinates (empty without markers).
    QRectF newestMarkerLabel() const;
    // The hover read-out's text while it shows, else empty.
    QString hoverText() const { return m_hoverText; }

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Range {
        double xMax = 0, yMin = INFINITY, yMax = -INFINITY, yMinPositive = INFINITY;
        void include(const QPointF& p);
    };
    struct EarlierRun {
        QLineSeries* train = nullptr;
        QLineSeries* validation = nullptr;
    };
    struct Marker {
        QPointF at;
        QString text;
        QGraphicsSimpleTextItem* label = nullptr;
    };

    QLineSeries* addCurve(const QString& name, const QColor& color);
    void attach(QAbstractSeries* series);
    void redraw();
    void updateRanges();
    void placeMarkerLabels();
    void addMarker(const QPointF& at, const QString& text);
    void clearMarkers();
    void refreshLegend();
    // The chart's own text items, in colours from the palette (a theme switch repaints them).
    void recolourLabels();
    QColor markerTextColour() const;
    // cost_chart_hover.cpp
    void showHover(const QPointF& point, bool state);
    // Screen distance from `at` (chart item coordinates) to `series`' drawn line.
    double distanceToLine(QLineSeries* series, const QPointF& at);

    QValueAxis* m_xAxis = nullptr;
    QAbstractAxis* m_yAxis = nullptr;
    bool m_log = false;
    QLineSeries* m_train = nullptr;
    QLineSeries* m_validation = nullptr;
    QLineSeries* m_baseline = nullptr;
    QScatterSeries* m_markerSeries = nullptr;
    QGraphicsSimpleTextItem* m_baselineLabel = nullptr;
    QGraphicsSimpleTextItem* m_emptyHint = nullptr;
    MinMaxSeries m_trainCurve, m_validationCurve;
    Range m_range;
    double m_baselineLoss = kNaN;
    QString m_dataKey;
    std::optional<Task> m_task;       // of the current curve
    bool m_currentComparable = true;  // the current curve is on m_dataKey's data
    std::optional<LiveHyperparameters> m_lastLive;
    std::deque<EarlierRun> m_earlier;
    std::vector<QLineSeries*> m_comparison;
    void clearComparison();
    std::vector<Marker> m_markers;
    int m_drawnBudget = 0;  // the budget of the last redraw
    QString m_hoverText;
    RedrawThrottle* m_throttle;
};

// What changed between two sets of live hyperparameters, e.g. "lr 0.01 → 0.1, batch 256 → 64".
QString describeLiveChange(const LiveHyperparameters& before, const LiveHyperparameters& after);

}  // namespace bps
