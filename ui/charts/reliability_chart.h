#pragma once
// The reliability diagram (core/evaluation/calibration.h): each bin's mean predicted probability
// against the observed frequency of the positive class, the diagonal a calibrated model follows,
// and the rows per bin as bars on a second axis (a point on few rows says little).

#include <QChartView>

#include "core/evaluation/calibration.h"

class QAreaSeries;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace bps {

class ReliabilityChart : public QChartView {
    Q_OBJECT
public:
    explicit ReliabilityChart(QWidget* parent = nullptr);

    // `subject` names what the probabilities are of (a class), for the title.
    void setReliability(const Reliability& reliability, const QString& subject);
    void clear(const QString& title);
    const Reliability& reliability() const { return m_reliability; }
    int pointCount() const;
    // One line per bin: bin,lower,upper,rows,positives,mean_predicted,observed_frequency,
    // wilson_low,wilson_high (empty cells for an empty bin).
    QByteArray csv() const;

private:
    Reliability m_reliability;
    QLineSeries* m_observed;
    QScatterSeries* m_points;
    QLineSeries* m_countOutline;
    QAreaSeries* m_counts;
    QValueAxis* m_countAxis;
};

}  // namespace bps
