#include "ui/charts/roc_chart.h"

#include <QChart>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <cmath>

#include "ui/charts/chart_palette.h"

namespace bps {

namespace {
// A validation set of 100k rows has up to 100k distinct scores; a few thousand points draw the
// same curve.
constexpr std::size_t kMaxRocPoints = 4000;
}  // namespace

RocChart::RocChart(QWidget* parent) : QChartView(new QChart, parent) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(220, 300);  // narrow enough for the Results tab beside both docks
    QChart* c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->legend()->setAlignment(Qt::AlignBottom);
    auto* x = new QValueAxis;
    x->setRange(0, 1);
    x->setTitleText(tr("False positive rate"));
    x->setLabelFormat("%.1f");
    x->setTickCount(6);
    auto* y = new QValueAxis;
    y->setRange(0, 1);
    y->setTitleText(tr("True positive rate (recall)"));
    y->setLabelFormat("%.1f");
    y->setTickCount(6);
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);

    auto* chance = new QLineSeries;
    chance->setName(tr("Chance"));
    chance->setPen(QPen(QColor(140, 140, 140), 1.2, Qt::DashLine));
    chance->append({QPointF(0, 0), QPointF(1, 1)});
    m_curve = new QLineSeries;
    m_curve->setName(tr("ROC"));
    m_curve->setPen(QPen(QColor(31, 119, 180), 2));
    m_threshold = new QScatterSeries;
    m_threshold->setName(tr("Threshold"));
    m_threshold->setMarkerSize(11);
    m_threshold->setColor(QColor(230, 115, 0));
    m_threshold->setBorderColor(Qt::white);
    for (QAbstractSeries* s :
         {static_cast<QAbstractSeries*>(chance), static_cast<QAbstractSeries*>(m_curve),
          static_cast<QAbstractSeries*>(m_threshold)}) {
        c->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    // The dashed diagonal needs no legend entry (every ROC plot has it), and the legend then
    // fits the chart's narrowest width.
    c->legend()->markers(chance).front()->setVisible(false);
    followPalette(this);
    clear();
}

void RocChart::setCurve(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels, double auc) {
    const std::vector<RocPoint> curve = rocCurve(scores, labels);
    const std::size_t step = curve.size() / kMaxRocPoints + 1;
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(curve.size() / step) + 2);
    for (std::size_t i = 0; i < curve.size(); i += step)
        points.append(QPointF(curve[i].falsePositiveRate, curve[i].truePositiveRate));
    if (!curve.empty() && (curve.size() - 1) % step != 0)
        points.append(QPointF(curve.back().falsePositiveRate, curve.back().truePositiveRate));
    m_curve->replace(points);
    if (std::isfinite(auc))
        chart()->setTitle(tr("ROC curve (AUC %1)").arg(auc, 0, 'f', 4));
    else if (scores.array().isNaN().any())
        chart()->setTitle(tr("ROC curve (no AUC: some outputs are NaN)"));
    else
        chart()->setTitle(tr("ROC curve (needs both classes in validation)"));
}

void RocChart::setThresholdPoint(double falsePositiveRate, double truePositiveRate) {
    m_threshold->replace({QPointF(falsePositiveRate, truePositiveRate)});
}

void RocChart::clear() {
    m_curve->clear();
    m_threshold->clear();
    chart()->setTitle(tr("ROC curve (after training)"));
}

int RocChart::pointCount() const { return static_cast<int>(m_curve->count()); }

}  // namespace bps
