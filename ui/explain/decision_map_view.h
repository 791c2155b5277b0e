#pragma once
// The decision map itself: the grid's colours as an image scaled into the plot rectangle, axes
// in the two columns' own units (level names for a categorical column), the validation points
// on top in their true class's colour (misclassified ones ringed), and a legend of the colours.

#include <QImage>
#include <QWidget>

#include "ui/explain/decision_map_colours.h"
#include "ui/explain/decision_map_worker.h"

namespace bps {

class DecisionMapView : public QWidget {
    Q_OBJECT
public:
    explicit DecisionMapView(QWidget* parent = nullptr);

    void setResult(DecisionMapResultPtr result);
    // The output (the default) or one hidden unit's activation.
    void setShown(const MapLayer& what);
    void setThreshold(double threshold);
    void clear();

    DecisionMapResultPtr result() const { return m_result; }
    // The picture drawn now, one pixel per cell (null without a map).
    const QImage& image() const { return m_image; }
    const MapLayer& shown() const { return m_shown; }
    // Where the plot is, in widget coordinates (for tests and screenshots).
    QRect plotRect() const;

    // Every how many-th validation row is drawn (enough to see where the classes lie; more
    // would hide the map under them).
    static Eigen::Index pointStride(Eigen::Index rows);

    QSize sizeHint() const override { return {560, 460}; }
    QSize minimumSizeHint() const override { return {240, 240}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void rebuildImage();
    void paintAxes(QPainter& p, const QRect& plot) const;
    void paintPoints(QPainter& p, const QRect& plot) const;
    void paintLegend(QPainter& p, const QRect& area) const;
    QString title() const;

    DecisionMapResultPtr m_result;
    MapLayer m_shown;
    double m_threshold = 0.5;
    QImage m_image;
};

}  // namespace bps
