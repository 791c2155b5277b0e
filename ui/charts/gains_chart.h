#pragma once
// Cumulative gains or lift of a binary score (core/evaluation/gains.h): target the rows the
// model scores highest first. Gains: the share of all positives found against the share of rows
// targeted, over the diagonal of picking at random; lift: how many times better than random.

#include <QChartView>
#include <vector>

#include "core/evaluation/gains.h"

class QLineSeries;
class QValueAxis;

namespace bps {

class GainsChart : public QChartView {
    Q_OBJECT
public:
    enum class Mode { Gains, Lift };
    explicit GainsChart(Mode mode, QWidget* parent = nullptr);

    void setScores(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels);
    void clear();
    int pointCount() const;
    // The full curve (not thinned), one line per distinct score: fraction_targeted,
    // fraction_captured,lift,lowest_score.
    QByteArray csv() const;

private:
    Mode m_mode;
    std::vector<GainsPoint> m_curve;
    std::vector<GainsGroup> m_deciles;
    QLineSeries* m_series;
    QLineSeries* m_baseline;
    QValueAxis* m_y;
};

}  // namespace bps
