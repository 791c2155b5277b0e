#pragma once
// The Cross-validate window's chart: every fold's train and validation cost per epoch as thin
// lines in two colour families (blues, oranges), their means across folds as bold lines with a
// +-1 sd band (QAreaSeries) around each, and the baselines' mean validation cost as dashed
// horizontal lines. Each fold's points are kept here; an update recomputes the means in one pass
// over them and calls replace() once per changed series with at most kPointBudget points.

#include <QChartView>
#include <QList>
#include <QPointF>
#include <vector>

#include "core/base/types.h"
#include "ui/validation/cv_runner.h"

class QAbstractAxis;
class QAreaSeries;
class QLineSeries;
class QValueAxis;

namespace bps {

class CvChart : public QChartView {
    Q_OBJECT
public:
    // Points a series draws at most (series_thinning.h): long runs redraw as fast as short ones.
    static constexpr int kPointBudget = 1000;

    explicit CvChart(QWidget* parent = nullptr);

    // Drops every curve and prepares `folds` empty fold curves.
    void beginRun(int folds);
    // Names the cost on the y axis (known once the data set is prepared).
    void setTask(Task task);
    void appendEpochs(const QList<CvEpoch>& epochs);
    // The baselines' mean validation cost (NaN: no line).
    void setBaselines(double majorityLoss, double linearLoss);
    void clear();
    void setLogScale(bool on);
    bool logScale() const { return m_log; }

    // For tests.
    int foldCount() const { return static_cast<int>(m_folds.size()); }
    QLineSeries* foldTrain(int fold) const { return m_folds[std::size_t(fold)].train; }
    QLineSeries* foldValidation(int fold) const { return m_folds[std::size_t(fold)].validation; }
    QLineSeries* meanTrain() const { return m_meanTrain.mean; }
    QLineSeries* meanValidation() const { return m_meanValidation.mean; }
    QAreaSeries* trainBand() const { return m_meanTrain.band; }
    QAreaSeries* validationBand() const { return m_meanValidation.band; }
    QLineSeries* majorityLine() const { return m_majority; }
    QLineSeries* linearLine() const { return m_linear; }
    QString hoverText() const { return m_hoverText; }

private:
    struct FoldCurves {
        QLineSeries* train = nullptr;
        QLineSeries* validation = nullptr;
        QList<QPointF> trainPoints, validationPoints;
    };
    struct MeanCurve {
        QLineSeries* mean = nullptr;
        QLineSeries* upper = nullptr;
        QLineSeries* lower = nullptr;
        QAreaSeries* band = nullptr;
        // Every epoch's (epoch, mean) and (epoch, sd), unthinned, for the read-out.
        std::vector<QPointF> means, sd;
    };

    MeanCurve addMean(const QString& name, const QColor& colour);
    void attach(QAbstractSeries* series);
    void updateMean(MeanCurve& curve, QList<QPointF> FoldCurves::*points);
    void updateBaselineLines();
    void updateRanges();
    void recolour();
    // Re-lays the legend out after markers were shown or hidden (Qt Charts otherwise draws the
    // visible ones on top of each other).
    void refreshLegend();

    QValueAxis* m_xAxis = nullptr;
    QAbstractAxis* m_yAxis = nullptr;
    bool m_log = false;
    Task m_task = Task::Binary;
    std::vector<FoldCurves> m_folds;
    MeanCurve m_meanTrain, m_meanValidation;
    QLineSeries* m_majority = nullptr;
    QLineSeries* m_linear = nullptr;
    double m_majorityLoss = kNaN, m_linearLoss = kNaN;
    double m_lastEpoch = 0;
    QString m_hoverText;
};

}  // namespace bps
