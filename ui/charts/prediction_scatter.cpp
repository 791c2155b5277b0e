#include "ui/charts/prediction_scatter.h"

#include <QChart>
#include <QEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "ui/charts/chart_palette.h"
#include "ui/charts/round_ticks.h"

namespace bps {

PredictionScatter::PredictionScatter(QWidget* parent) : QChartView(new QChart, parent) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(260, 260);
    QChart* c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->legend()->setAlignment(Qt::AlignBottom);
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    m_points = new QScatterSeries;
    m_points->setName(tr("Validation rows"));
    m_points->setMarkerSize(6);
    m_identity = new QLineSeries;
    m_identity->setName(tr("y = x"));
    for (QAbstractSeries* s :
         {static_cast<QAbstractSeries*>(m_points), static_cast<QAbstractSeries*>(m_identity)}) {
        c->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    applyColors();
    followPalette(this);  // background, text, axes and grid
    clear();
}

void PredictionScatter::applyColors() {
    // Palette colours, so a dark theme recolours them: the accent for the rows, the text colour
    // for the reference line.
    QColor dot = palette().color(QPalette::Highlight);
    dot.setAlpha(150);
    m_points->setColor(dot);
    m_points->setBorderColor(dot);
    m_identity->setPen(QPen(palette().color(QPalette::Text), 1.2, Qt::DashLine));
}

void PredictionScatter::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) applyColors();
    QChartView::changeEvent(event);
}

void PredictionScatter::clear() {
    m_points->clear();
    m_identity->clear();
    chart()->setTitle(tr("Predicted vs actual (after training)"));
}

void PredictionScatter::setPredictions(const Eigen::VectorXd& actual,
                                       const Eigen::VectorXd& predicted, const QString& target) {
    const Eigen::Index n = std::min(actual.size(), predicted.size());
    const Eigen::Index step = n / kMaxPoints + 1;
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(n / step + 1));
    double low = std::numeric_limits<double>::infinity(), high = -low;
    for (Eigen::Index i = 0; i < n; i += step) {
        const double a = actual(i), p = predicted(i);
        points.append(QPointF(a, p));
        for (double v : {a, p}) {
            if (!std::isfinite(v)) continue;
            low = std::min(low, v);
            high = std::max(high, v);
        }
    }
    m_points->replace(points);
    if (!(high >= low)) {  // no finite value at all
        m_identity->clear();
        chart()->setTitle(tr("Predicted vs actual (no finite predictions)"));
        return;
    }
    if (high == low) {
        low -= 0.5;
        high += 0.5;
    }
    // The same range on both axes, so the y = x line is the diagonal and the spread reads true.
    m_identity->replace({QPointF(low, low), QPointF(high, high)});
    const double pad = 0.03 * (high - low);
    for (QAbstractAxis* axis : chart()->axes()) {
        auto* value = static_cast<QValueAxis*>(axis);
        setRoundTicks(value, low - pad, high + pad);
        value->setTitleText(axis->orientation() == Qt::Horizontal ? tr("Actual %1").arg(target)
                                                                  : tr("Predicted %1").arg(target));
    }
    chart()->setTitle(step == 1 ? tr("Predicted vs actual “%1”").arg(target)
                                : tr("Predicted vs actual “%1” (every %2th of %L3 rows)")
                                      .arg(target)
                                      .arg(step)
                                      .arg(static_cast<qint64>(n)));
}

}  // namespace bps
