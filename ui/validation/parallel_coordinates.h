#pragma once
// A parallel-coordinates plot of a sweep: one vertical axis per swept parameter plus the score,
// one polyline per trial coloured by its score's rank (best blue, worst orange, readable on the
// palette).
// Log axes for log ranges, lists spanning 100x or more and scores spanning 3x or more; categorical
// axes (evenly spaced levels) for hidden, activation and optimizer. Dragging along an axis brushes
// a range of it; brushes on several axes combine with AND; a click on an axis clears its brush, a
// click beside the axes clears them all. Lines outside the brush are drawn faint; brushChanged()
// lets the table filter to the same trials. Hovering a line shows the trial's values.

#include <QHash>
#include <QSet>
#include <QStringList>
#include <QWidget>
#include <optional>
#include <vector>

#include "core/validation/sweep.h"

namespace bps {

class ParallelCoordinates : public QWidget {
    Q_OBJECT
public:
    struct Axis {
        enum class Kind { Linear, Log, Categorical };
        QString name;
        Kind kind = Kind::Linear;
        std::optional<SweepParameter> parameter;  // empty: the score
        QStringList categories;                   // Categorical: the levels, bottom to top
        double low = 0, high = 1;                 // Linear and Log: the span shown
    };
    struct Brush {
        double low = 0, high = 0;  // in the axis' values (Categorical: level numbers)
    };

    explicit ParallelCoordinates(QWidget* parent = nullptr);

    // Axes for the space's dimensions (as they come, the ranges' and lists' spans) and the score;
    // forgets the trials and brushes.
    void setSpace(const SweepSpace& space);
    // Adds the trial's line or moves it (a trial that went on to a later rung).
    void upsert(const SweepTrial& trial);
    // Draws these trials' lines thicker (the table's selection).
    void setHighlighted(const QSet<int>& trialIndices);

    const std::vector<Axis>& axes() const { return m_axes; }
    void setBrush(int axis, double low, double high);
    void clearBrush(int axis);
    void clearBrushes();
    std::optional<Brush> brush(int axis) const;
    bool hasBrush() const { return !m_brushes.isEmpty(); }
    // Inside every brush (all trials without one).
    bool passes(const SweepTrial& trial) const;
    QSet<int> brushedTrials() const;

    // The trial's value on `axis` in the axis' units (NaN when it has none).
    double valueOn(int axis, const SweepTrial& trial) const;
    // Where `value` of `axis` is drawn, in widget pixels; tests drag between such points.
    QPointF pointOf(int axis, double value) const;
    // The trial whose line passes within a few pixels of `pos`, or -1.
    int trialAt(const QPointF& pos) const;

    QSize sizeHint() const override { return {640, 260}; }
    QSize minimumSizeHint() const override { return {320, 180}; }

signals:
    void brushChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    QRectF plotRect() const;
    double axisX(int axis) const;
    int axisNear(double x) const;
    // 0 (bottom) .. 1 (top) for a value of `axis`, and back.
    double position(int axis, double value) const;
    double valueAt(int axis, double position) const;
    QString label(int axis, double value) const;
    void updateScoreAxis();
    std::vector<QPointF> polyline(const SweepTrial& trial) const;

    std::vector<Axis> m_axes;
    std::vector<SweepTrial> m_trials;
    QHash<int, int> m_slot;     // trial index -> place in m_trials
    QHash<int, double> m_rank;  // trial index -> 0 (best score) .. 1 (worst)
    QHash<int, Brush> m_brushes;
    QSet<int> m_highlighted;
    int m_dragAxis = -1;
    double m_dragFrom = 0;  // position (0..1) where the drag began
    QPointF m_pressAt;
};

}  // namespace bps
