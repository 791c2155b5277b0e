#include "ui/validation/cv_chart.h"

#include <QAreaSeries>
#include <QChart>
#include <QCursor>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "ui/charts/chart_palette.h"
#include "ui/charts/round_ticks.h"
#include "ui/charts/series_thinning.h"

namespace bps {

namespace {
// The cost chart's train blue and validation orange: the same meaning in both windows.
const QColor kTrainColour(31, 119, 180);
const QColor kValidationColour(230, 115, 0);
const QColor kMajorityColour(120, 120, 120);
const QColor kLinearColour(140, 60, 160);

// Fold i of n in the accent's family: lighter and darker shades around it, a little
// transparent, so single folds recede behind the bold mean.
QColor familyShade(const QColor& accent, int i, int n) {
    const int factor = n <= 1 ? 100 : 70 + 60 * i / (n - 1);  // 70 .. 130 %
    QColor c = accent.lighter(factor);
    c.setAlpha(150);
    return c;
}

// What a series draws of a long curve: the full points stay here, the means use them all.
QList<QPointF> drawn(const QList<QPointF>& points) {
    if (points.size() <= CvChart::kPointBudget) return points;
    return thinMinMax(std::span(points.constData(), std::size_t(points.size())),
                      CvChart::kPointBudget);
}

QString costTitle(Task task) {
    return task == Task::Regression ? QObject::tr("Cost (squared error, standardised target)")
                                    : QObject::tr("Cost (cross-entropy)");
}
}  // namespace

CvChart::CvChart(QWidget* parent) : QChartView(new QChart, parent) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(420, 260);
    QChart* c = chart();
    c->setTitle(tr("Cost per epoch, every fold"));
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setAnimationOptions(QChart::NoAnimation);
    m_xAxis = new QValueAxis;
    m_xAxis->setTitleText(tr("Epoch"));
    m_xAxis->setLabelFormat("%g");
    c->addAxis(m_xAxis, Qt::AlignBottom);
    auto* y = new QValueAxis;
    y->setLabelFormat("%.3g");
    c->addAxis(y, Qt::AlignLeft);
    m_yAxis = y;
    m_yAxis->setTitleText(costTitle(m_task));
    m_meanTrain = addMean(tr("Train, mean ± sd"), kTrainColour);
    m_meanValidation = addMean(tr("Validation, mean ± sd"), kValidationColour);
    const auto dashed = [this](const QString& name, const QColor& colour) {
        auto* s = new QLineSeries;
        s->setName(name);
        s->setPen(QPen(colour, 1.5, Qt::DashLine));
        attach(s);
        return s;
    };
    m_majority = dashed(tr("Majority baseline"), kMajorityColour);
    m_linear = dashed(tr("Linear baseline"), kLinearColour);
    for (QLineSeries* s : {m_meanTrain.mean, m_meanValidation.mean})
        connect(s, &QLineSeries::hovered, this, [this, s](const QPointF& p, bool state) {
            if (!state) {
                m_hoverText.clear();
                QToolTip::hideText();
                return;
            }
            const MeanCurve& curve = s == m_meanTrain.mean ? m_meanTrain : m_meanValidation;
            const int epoch = static_cast<int>(std::lround(p.x()));
            const auto at = std::find_if(curve.means.begin(), curve.means.end(),
                                         [&](const QPointF& q) { return q.x() == epoch; });
            if (at == curve.means.end()) return;
            const std::size_t i = std::size_t(at - curve.means.begin());
            m_hoverText = tr("Epoch %1: %2 %3 ± %4")
                              .arg(epoch)
                              .arg(s == m_meanTrain.mean ? tr("train") : tr("validation"))
                              .arg(at->y(), 0, 'g', 4)
                              .arg(curve.sd[i].y(), 0, 'g', 2);
            QToolTip::showText(QCursor::pos(), m_hoverText, this);
        });
    followPalette(this);
    recolour();
    updateRanges();
}

CvChart::MeanCurve CvChart::addMean(const QString& name, const QColor& colour) {
    MeanCurve curve;
    curve.upper = new QLineSeries(this);
    curve.lower = new QLineSeries(this);
    curve.band = new QAreaSeries(curve.upper, curve.lower);
    curve.band->setName(name);
    QColor fill = colour;
    fill.setAlpha(55);
    curve.band->setBrush(fill);
    curve.band->setPen(Qt::NoPen);
    attach(curve.band);
    curve.mean = new QLineSeries;
    curve.mean->setName(name);
    curve.mean->setPen(QPen(colour, 3));
    attach(curve.mean);
    // One legend entry per mean: the band shares its colour and name.
    chart()->legend()->markers(curve.band).front()->setVisible(false);
    return curve;
}

void CvChart::attach(QAbstractSeries* series) {
    chart()->addSeries(series);
    series->attachAxis(m_xAxis);
    series->attachAxis(m_yAxis);
}

void CvChart::clear() {
    for (FoldCurves& f : m_folds) {
        chart()->removeSeries(f.train);
        chart()->removeSeries(f.validation);
        delete f.train;
        delete f.validation;
    }
    m_folds.clear();
    for (MeanCurve* m : {&m_meanTrain, &m_meanValidation}) {
        m->mean->clear();
        m->upper->clear();
        m->lower->clear();
        m->sd.clear();
        m->means.clear();
    }
    m_majorityLoss = m_linearLoss = kNaN;
    m_lastEpoch = 0;
    updateBaselineLines();
    updateRanges();
}

void CvChart::setTask(Task task) {
    m_task = task;
    m_yAxis->setTitleText(costTitle(task));
}

void CvChart::beginRun(int folds) {
    clear();
    for (int i = 0; i < folds; ++i) {
        FoldCurves f;
        f.train = new QLineSeries;
        f.validation = new QLineSeries;
        f.train->setName(tr("Train, each fold"));
        f.validation->setName(tr("Validation, each fold"));
        f.train->setPen(QPen(familyShade(kTrainColour, i, folds), 1));
        f.validation->setPen(QPen(familyShade(kValidationColour, i, folds), 1));
        attach(f.train);
        attach(f.validation);
        if (i > 0) {
            chart()->legend()->markers(f.train).front()->setVisible(false);
            chart()->legend()->markers(f.validation).front()->setVisible(false);
        }
        m_folds.push_back(f);
    }
    // Qt Charts draws series in the order they were added: move the means and bands on top.
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{
             m_meanTrain.band, m_meanValidation.band, m_meanTrain.mean, m_meanValidation.mean}) {
        chart()->removeSeries(s);
        attach(s);
    }
    chart()->legend()->markers(m_meanTrain.band).front()->setVisible(false);
    chart()->legend()->markers(m_meanValidation.band).front()->setVisible(false);
    recolour();
    refreshLegend();
}

void CvChart::appendEpochs(const QList<CvEpoch>& epochs) {
    std::vector<bool> changed(m_folds.size(), false);
    for (const CvEpoch& e : epochs) {
        if (e.fold < 0 || e.fold >= foldCount()) continue;
        FoldCurves& f = m_folds[std::size_t(e.fold)];
        if (std::isfinite(e.trainLoss)) f.trainPoints.append(QPointF(e.epoch, e.trainLoss));
        if (std::isfinite(e.validationLoss))
            f.validationPoints.append(QPointF(e.epoch, e.validationLoss));
        changed[std::size_t(e.fold)] = true;
        m_lastEpoch = std::max(m_lastEpoch, double(e.epoch));
    }
    for (std::size_t i = 0; i < m_folds.size(); ++i)
        if (changed[i]) {
            m_folds[i].train->replace(drawn(m_folds[i].trainPoints));
            m_folds[i].validation->replace(drawn(m_folds[i].validationPoints));
        }
    updateMean(m_meanTrain, &FoldCurves::trainPoints);
    updateMean(m_meanValidation, &FoldCurves::validationPoints);
    updateBaselineLines();
    updateRanges();
}

// Mean and sample sd across the folds that reached each epoch (early stopping ends some
// sooner); one fold alone has no band.
void CvChart::updateMean(MeanCurve& curve, QList<QPointF> FoldCurves::*points) {
    std::vector<double> sum, sumSq;
    std::vector<int> count;
    for (const FoldCurves& f : m_folds)
        for (const QPointF& p : f.*points) {
            const auto e = static_cast<std::size_t>(p.x());
            if (e >= sum.size()) {
                sum.resize(e + 1, 0);
                sumSq.resize(e + 1, 0);
                count.resize(e + 1, 0);
            }
            sum[e] += p.y();
            sumSq[e] += p.y() * p.y();
            ++count[e];
        }
    QList<QPointF> mean, upper, lower;
    curve.sd.clear();
    curve.means.clear();
    for (std::size_t e = 0; e < sum.size(); ++e) {
        if (count[e] == 0) continue;
        const double m = sum[e] / count[e];
        const double var =
            count[e] > 1 ? std::max(0.0, (sumSq[e] - count[e] * m * m) / (count[e] - 1)) : 0.0;
        const double sd = std::sqrt(var);
        mean.append(QPointF(double(e), m));
        upper.append(QPointF(double(e), m + sd));
        // A log axis cannot draw 0 or less: the band's foot stays just above 0.
        lower.append(QPointF(double(e), m_log ? std::max(m - sd, m * 1e-3) : m - sd));
        curve.sd.push_back(QPointF(double(e), sd));
        curve.means.push_back(QPointF(double(e), m));
    }
    curve.mean->replace(drawn(mean));
    curve.upper->replace(drawn(upper));
    curve.lower->replace(drawn(lower));
}

void CvChart::setBaselines(double majorityLoss, double linearLoss) {
    m_majorityLoss = majorityLoss;
    m_linearLoss = linearLoss;
    updateBaselineLines();
    updateRanges();
}

void CvChart::updateBaselineLines() {
    const double x1 = std::max(m_lastEpoch, 1.0);
    for (auto [series, loss] : {std::pair{m_majority, m_majorityLoss}, {m_linear, m_linearLoss}}) {
        if (std::isfinite(loss) && (!m_log || loss > 0))
            series->replace(QList<QPointF>{{1, loss}, {x1, loss}});
        else
            series->clear();
        QLegendMarker* marker = chart()->legend()->markers(series).front();
        if (marker->isVisible() != (series->count() > 0)) {
            marker->setVisible(series->count() > 0);
            refreshLegend();
        }
    }
}

void CvChart::updateRanges() {
    double lo = INFINITY, hi = -INFINITY, loPositive = INFINITY;
    const auto include = [&](const QList<QPointF>& points) {
        for (const QPointF& p : points) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
            if (p.y() > 0) loPositive = std::min(loPositive, p.y());
        }
    };
    for (const FoldCurves& f : m_folds) {
        include(f.trainPoints);
        include(f.validationPoints);
    }
    for (QLineSeries* s : {m_meanTrain.upper, m_majority, m_linear}) include(s->points());
    include(m_meanValidation.upper->points());
    // Whole epochs only: a short run gets one tick per epoch, not 1.5 and 2.5.
    const double last = std::max(m_lastEpoch, 2.0);
    setRoundTicks(m_xAxis, 1, last, std::clamp(int(last), 2, 6));
    if (!std::isfinite(hi)) {
        m_yAxis->setRange(m_log ? 0.01 : 0, 1);
        return;
    }
    if (m_log) {
        auto* axis = static_cast<QLogValueAxis*>(m_yAxis);
        const double top = hi * 1.2, bottom = loPositive / 1.2;
        // As the cost chart: labels sit at powers of the base only, so over less than two
        // decades base 2 (0.125, 0.25, 0.5, ...) labels more than one line.
        const bool narrow = std::log10(top / bottom) < 2;
        axis->setBase(narrow ? 2.0 : 10.0);
        axis->setMinorTickCount(narrow ? 0 : 8);
        axis->setRange(bottom, top);
    } else {
        // Costs are never negative: from 0 keeps the picture honest (the cost chart does so).
        setRoundTicks(static_cast<QValueAxis*>(m_yAxis), 0, hi * 1.05);
    }
}

void CvChart::setLogScale(bool on) {
    if (on == m_log) return;
    m_log = on;
    QChart* c = chart();
    // As CostChart does: the new axis first, every series moved over, then the old one removed
    // (removing it while series still use it leaves its labels and grid drawn).
    QAbstractAxis* old = m_yAxis;
    if (on) {
        auto* axis = new QLogValueAxis;
        axis->setLabelFormat("%g");
        m_yAxis = axis;
    } else {
        auto* axis = new QValueAxis;
        axis->setLabelFormat("%.3g");
        m_yAxis = axis;
    }
    m_yAxis->setTitleText(old->titleText());
    c->addAxis(m_yAxis, Qt::AlignLeft);
    applyChartPalette(c, palette());
    for (QAbstractSeries* s : c->series()) {
        s->detachAxis(old);
        s->attachAxis(m_yAxis);
    }
    c->removeAxis(old);
    delete old;
    updateMean(m_meanTrain, &FoldCurves::trainPoints);
    updateMean(m_meanValidation, &FoldCurves::validationPoints);
    updateBaselineLines();
    updateRanges();
}

void CvChart::recolour() { applyChartPalette(chart(), palette()); }

void CvChart::refreshLegend() {
    QLegend* legend = chart()->legend();
    legend->hide();
    legend->show();
}

}  // namespace bps
