#include "ui/charts/gains_chart.h"

#include <QChart>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "ui/charts/chart_palette.h"
#include "ui/charts/chart_setup.h"

namespace bps {

namespace {
// As the ROC chart: a few thousand points draw the same curve as 100k.
constexpr std::size_t kMaxPoints = 4000;

}  // namespace

GainsChart::GainsChart(Mode mode, QWidget* parent) : QChartView(new QChart, parent), m_mode(mode) {
    setUpResultChart(this, QSize(300, 260));
    QChart* c = chart();
    auto* x = unitAxis(tr("Share of rows, highest scores first"));
    m_y = new QValueAxis;
    m_y->setRange(0, 1);
    m_y->setTickCount(6);
    m_y->setLabelFormat(mode == Mode::Gains ? "%.1f" : "%.1f");
    m_y->setTitleText(mode == Mode::Gains ? tr("Share of positives") : tr("Lift"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    m_baseline = new QLineSeries;
    m_baseline->setName(tr("Random"));
    m_baseline->setPen(QPen(QColor(140, 140, 140), 1.2, Qt::DashLine));
    m_series = new QLineSeries;
    m_series->setName(tr("Model"));
    m_series->setPen(QPen(QColor(31, 119, 180), 2));
    for (QLineSeries* s : {m_baseline, m_series}) {
        c->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(m_y);
    }
    followPalette(this);
    clear();
}

void GainsChart::setScores(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels) {
    m_curve = cumulativeGains(scores, labels);
    m_deciles = gainsByGroup(scores, labels, 10);  // for the title
    const std::size_t step = m_curve.size() / kMaxPoints + 1;
    QList<QPointF> points;
    double top = 1;
    for (std::size_t i = 0; i < m_curve.size(); i += step) {
        const GainsPoint& p = m_curve[i];
        const double y = m_mode == Mode::Gains ? p.fractionCaptured : p.lift;
        if (!std::isfinite(y)) continue;  // lift at the origin
        points << QPointF(p.fractionTargeted, y);
        top = std::max(top, y);
    }
    if (!m_curve.empty()) {
        const GainsPoint& last = m_curve.back();
        const double y = m_mode == Mode::Gains ? last.fractionCaptured : last.lift;
        if (std::isfinite(y) && (points.isEmpty() || points.back().x() != last.fractionTargeted))
            points << QPointF(last.fractionTargeted, y);
    }
    m_series->replace(points);
    if (m_mode == Mode::Gains) {
        m_baseline->replace({QPointF(0, 0), QPointF(1, 1)});
        m_y->setRange(0, 1);
    } else {
        m_baseline->replace({QPointF(0, 1), QPointF(1, 1)});
        m_y->setRange(0, std::ceil(top * 1.05));
    }
    const GainsGroup* first = m_deciles.empty() ? nullptr : &m_deciles.front();
    if (m_mode == Mode::Gains)
        chart()->setTitle(first && std::isfinite(first->cumulativeGain)
                              ? tr("Cumulative gains: top 10% of rows, %1% of positives")
                                    .arg(100 * first->cumulativeGain, 0, 'f', 1)
                              : tr("Cumulative gains (needs positives in validation)"));
    else
        chart()->setTitle(first && std::isfinite(first->lift)
                              ? tr("Lift: top 10% of rows, %1 × random").arg(first->lift, 0, 'f', 2)
                              : tr("Lift (needs positives in validation)"));
}

void GainsChart::clear() {
    m_curve.clear();
    m_deciles.clear();
    m_series->clear();
    m_baseline->clear();
    chart()->setTitle(m_mode == Mode::Gains ? tr("Cumulative gains (after training)")
                                            : tr("Lift (after training)"));
}

int GainsChart::pointCount() const { return static_cast<int>(m_series->count()); }

QByteArray GainsChart::csv() const {
    QByteArray out = "fraction_targeted,fraction_captured,lift,lowest_score\n";
    for (const GainsPoint& p : m_curve)
        out += csvNumber(p.fractionTargeted) + ',' + csvNumber(p.fractionCaptured) + ',' +
               csvNumber(p.lift) + ',' +
               (std::isinf(p.threshold) ? QByteArray() : csvNumber(p.threshold)) + '\n';
    return out;
}

}  // namespace bps
