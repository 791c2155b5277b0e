#include "ui/charts/histogram_chart.h"

#include <QAreaSeries>
#include <QChart>
#include <QEvent>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "ui/charts/chart_palette.h"
#include "ui/charts/round_ticks.h"

namespace bps {

HistogramChart::HistogramChart(QWidget* parent) : QChartView(new QChart, parent) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(260, 200);
    QChart* c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->legend()->hide();
    m_outline = new QLineSeries(this);
    m_area = new QAreaSeries(m_outline);
    c->addSeries(m_area);
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    y->setLabelFormat("%.0f");
    y->setTitleText(tr("Rows"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    m_area->attachAxis(x);
    m_area->attachAxis(y);
    applyColors();
    followPalette(this);  // background, text, axes and grid
    clear(QString());
}

void HistogramChart::applyColors() {
    // The palette's accent, so a dark theme recolours it; translucent so the grid shows through.
    QColor fill = palette().color(QPalette::Highlight);
    QPen pen(fill, 1.5);
    fill.setAlpha(110);
    m_area->setBrush(fill);
    m_area->setPen(pen);
}

void HistogramChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) applyColors();
    QChartView::changeEvent(event);
}

void HistogramChart::clear(const QString& title) {
    m_bins = {};
    m_outline->clear();
    chart()->setTitle(title);
}

void HistogramChart::setValues(const std::vector<double>& values, const QString& title,
                               const QString& valueTitle) {
    m_bins = histogramBins(values);
    chart()->setTitle(title);
    auto* x = static_cast<QValueAxis*>(chart()->axes(Qt::Horizontal).front());
    auto* y = static_cast<QValueAxis*>(chart()->axes(Qt::Vertical).front());
    x->setTitleText(valueTitle);
    const std::size_t n = m_bins.counts.size();
    if (n == 0) {
        m_outline->clear();
        return;
    }
    // Each bin a bar of its own (down to the axis between bins), so neighbours of equal height
    // still read as separate bins.
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(4 * n));
    const double high = m_bins.low + m_bins.width * static_cast<double>(n);
    std::int64_t most = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double left = m_bins.low + m_bins.width * static_cast<double>(i);
        const auto count = static_cast<double>(m_bins.counts[i]);
        points.append(QPointF(left, 0));
        points.append(QPointF(left, count));
        points.append(QPointF(left + m_bins.width, count));
        points.append(QPointF(left + m_bins.width, 0));
        most = std::max(most, m_bins.counts[i]);
    }
    m_outline->replace(points);
    setRoundTicks(x, m_bins.low, high);  // ticks on round values, not on the bins' edges
    y->setRange(0, static_cast<double>(most));
    y->applyNiceNumbers();
}

}  // namespace bps
