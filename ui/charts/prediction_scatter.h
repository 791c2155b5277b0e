#pragma once
// A regression's predicted value against the actual value of each validation row, in the
// target's units, with the y = x line a perfect model would sit on.

#include <Eigen/Core>
#include <QChartView>

class QLineSeries;
class QScatterSeries;

namespace bps {

class PredictionScatter : public QChartView {
    Q_OBJECT
public:
    explicit PredictionScatter(QWidget* parent = nullptr);

    // One point per row (every n-th row above kMaxPoints, which the title then says);
    // `target` names both axes.
    void setPredictions(const Eigen::VectorXd& actual, const Eigen::VectorXd& predicted,
                        const QString& target);
    void clear();
    QScatterSeries* points() const { return m_points; }
    QLineSeries* identityLine() const { return m_identity; }

    // A QScatterSeries draws each marker itself; beyond this many it gets slow and no clearer.
    static constexpr Eigen::Index kMaxPoints = 20000;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColors();

    QScatterSeries* m_points;
    QLineSeries* m_identity;
};

}  // namespace bps
