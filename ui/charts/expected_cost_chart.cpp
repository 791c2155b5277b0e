#include "ui/charts/expected_cost_chart.h"

#include <QChart>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "ui/charts/chart_palette.h"
#include "ui/charts/chart_setup.h"

namespace bps {

namespace {
constexpr std::size_t kMaxPoints = 4000;
}

ExpectedCostChart::ExpectedCostChart(QWidget* parent) : QChartView(new QChart, parent) {
    setUpResultChart(this, QSize(300, 240));
    QChart* c = chart();
    auto* x = unitAxis(tr("Decision threshold"));
    m_y = new QValueAxis;
    m_y->setTitleText(tr("Cost per row"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    m_curve = new QLineSeries;
    m_curve->setName(tr("Expected cost"));
    m_curve->setPen(QPen(QColor(31, 119, 180), 2));
    m_current = new QLineSeries;
    m_current->setName(tr("Current threshold"));
    m_current->setPen(QPen(QColor(140, 140, 140), 1.2, Qt::DashLine));
    m_best = new QScatterSeries;
    m_best->setName(tr("Lowest cost"));
    m_best->setMarkerSize(11);
    m_best->setColor(QColor(44, 160, 44));
    m_best->setBorderColor(Qt::white);
    for (QAbstractSeries* s :
         {static_cast<QAbstractSeries*>(m_curve), static_cast<QAbstractSeries*>(m_current),
          static_cast<QAbstractSeries*>(m_best)}) {
        c->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(m_y);
    }
    followPalette(this);
    clear();
}

void ExpectedCostChart::setCurve(std::vector<CostPoint> curve, const CostPoint& best) {
    m_points = std::move(curve);
    // One point per candidate threshold (the cost holds from there to the next distinct score).
    const std::size_t step = m_points.size() / kMaxPoints + 1;
    QList<QPointF> points;
    double low = 0, high = 0;
    for (std::size_t i = 0; i < m_points.size(); i += step) {
        points << QPointF(m_points[i].threshold, m_points[i].expectedCost);
        low = std::min(low, m_points[i].expectedCost);
        high = std::max(high, m_points[i].expectedCost);
    }
    m_curve->replace(points);
    const double pad = std::max(1e-9, (high - low) * 0.05);
    m_y->setRange(low - (low < 0 ? pad : 0), high + pad);
    if (std::isfinite(best.expectedCost)) {
        m_best->replace({QPointF(best.threshold, best.expectedCost)});
        chart()->setTitle(tr("Expected cost: lowest %1 per row, at %2")
                              .arg(best.expectedCost, 0, 'g', 4)
                              .arg(best.threshold, 0, 'f', 3));
    } else {
        m_best->clear();
        chart()->setTitle(tr("Expected cost (no threshold in (0, 1) to choose)"));
    }
}

void ExpectedCostChart::setCurrentThreshold(double threshold) {
    if (m_points.empty()) return m_current->clear();
    m_current->replace({QPointF(threshold, m_y->min()), QPointF(threshold, m_y->max())});
}

void ExpectedCostChart::clear() {
    m_points.clear();
    m_curve->clear();
    m_best->clear();
    m_current->clear();
    m_y->setRange(0, 1);
    chart()->setTitle(tr("Expected cost (after training)"));
}

int ExpectedCostChart::pointCount() const { return static_cast<int>(m_curve->count()); }

QByteArray ExpectedCostChart::csv() const {
    QByteArray out =
        "threshold,true_positives,false_positives,true_negatives,false_negatives,expected_cost\n";
    for (const CostPoint& p : m_points)
        out += QByteArray::number(p.threshold, 'g', 17) + ',' +
               QByteArray::number(static_cast<qlonglong>(p.truePositives)) + ',' +
               QByteArray::number(static_cast<qlonglong>(p.falsePositives)) + ',' +
               QByteArray::number(static_cast<qlonglong>(p.trueNegatives)) + ',' +
               QByteArray::number(static_cast<qlonglong>(p.falseNegatives)) + ',' +
               QByteArray::number(p.expectedCost, 'g', 17) + '\n';
    return out;
}

}  // namespace bps
