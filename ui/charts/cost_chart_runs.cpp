// CostChart's runs as a project file keeps them (core/io/project_file.h): saved from the drawn
// curves, restored through beginRun() so that the faded-run rules are the live ones.

#include <QLineSeries>

#include "ui/charts/cost_chart.h"

namespace bps {

namespace {
std::vector<CurvePoint> curveOf(const QList<QPointF>& points) {
    std::vector<CurvePoint> curve;
    for (const QPointF& p : points) curve.push_back({p.x(), p.y()});
    return curve;
}
}  // namespace

std::vector<ProjectRun> CostChart::runs() const {
    std::vector<ProjectRun> out;
    for (const EarlierRun& run : m_earlier)
        out.push_back({curveOf(run.train->points()), curveOf(run.validation->points())});
    // The current run from its stored curves, as the next redraw will draw them (a throttled
    // redraw may not have happened yet).
    if (!m_trainCurve.empty())
        out.push_back({curveOf(m_trainCurve.thinned(kPointBudget)),
                       curveOf(m_validationCurve.thinned(kPointBudget))});
    return out;
}

void CostChart::restoreRuns(Task task, double baselineLoss, const std::vector<ProjectRun>& runs) {
    for (const ProjectRun& run : runs) {
        beginRun(task, baselineLoss);
        for (const CurvePoint& p : run.train) {
            m_trainCurve.append(QPointF(p.epoch, p.loss));
            m_range.include(QPointF(p.epoch, p.loss));
        }
        for (const CurvePoint& p : run.validation) {
            m_validationCurve.append(QPointF(p.epoch, p.loss));
            m_range.include(QPointF(p.epoch, p.loss));
        }
        redraw();
    }
}

}  // namespace bps
