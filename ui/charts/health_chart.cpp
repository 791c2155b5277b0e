#include "ui/charts/health_chart.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "ui/charts/chart_palette.h"
#include "ui/charts/min_max_series.h"
#include "ui/training/health_batch.h"
#include "ui/training/redraw_throttle.h"

namespace bps {

namespace {
QString layerName(int index, int layers) {
    return index + 1 == layers ? QObject::tr("output") : QObject::tr("layer %1").arg(index + 1);
}
}  // namespace

double healthAxisEnd(double xMax) {
    const double step =
        std::max(2.0, std::pow(10.0, std::floor(std::log10(std::max(xMax, 1.0)))) / 5);
    return step * std::ceil(xMax / step);
}

QColor layerColor(int index) {
    // Tableau 10: distinct and readable on white; layers beyond ten reuse them.
    static const QColor colours[] = {
        {31, 119, 180}, {255, 127, 14},  {44, 160, 44},   {214, 39, 40},  {148, 103, 189},
        {140, 86, 75},  {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};
    return colours[index % 10];
}

HealthCharts::HealthCharts(QWidget* parent)
    : QWidget(parent), m_throttle(new RedrawThrottle(this, [this] { redrawAll(); })) {
    m_gradient = makePanel(tr("Gradient norm"), tr("|gradient|"), true);
    m_ratio = makePanel(tr("Update / weight"), tr("|Δw| / |w|"), true);
    m_units = makePanel(tr("Saturated ─ dead ┄"), tr("fraction of units"), false);
    m_units.linearY->setRange(0, 1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    for (Panel* p : {&m_gradient, &m_ratio, &m_units}) layout->addWidget(p->view, 1);
    m_gradient.view->setToolTip(
        tr("Mean norm of each layer's gradient per epoch. A first layer far below the output "
           "layer: vanishing gradients."));
    m_ratio.view->setToolTip(
        tr("How much each step changes a layer's weights relative to their size. About 1e-3 "
           "is healthy; below 1e-4 the weights hardly move; near 1e-1 they are thrown around."));
    m_units.view->setToolTip(
        tr("Solid: share of saturated activations (tanh, sigmoid), where learning stalls. "
           "Dashed: share of (leaky) relu units never active on the validation rows."));
}

HealthCharts::Panel HealthCharts::makePanel(const QString& title, const QString& yTitle,
                                            bool logarithmic) {
    Panel p;
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignBottom);
    QFont small = chart->legend()->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    chart->legend()->setFont(small);
    p.x = new QValueAxis;
    p.x->setTitleText(tr("Epoch"));
    p.x->setLabelFormat("%.0f");  // epochs are whole; %g wrote 1e+06
    p.x->setLabelsFont(small);
    p.x->setTickCount(3);
    chart->addAxis(p.x, Qt::AlignBottom);
    QAbstractAxis* y = nullptr;
    if (logarithmic) {
        p.logY = new QLogValueAxis;
        p.logY->setLabelFormat("%.0e");
        p.logY->setRange(1e-6, 1);
        y = p.logY;
    } else {
        p.linearY = new QValueAxis;
        p.linearY->setLabelFormat("%.1f");
        p.linearY->setTickCount(3);
        y = p.linearY;
    }
    y->setTitleText(yTitle);
    y->setLabelsFont(small);
    QFont titleFont = small;
    y->setTitleFont(titleFont);
    p.x->setTitleFont(titleFont);
    chart->addAxis(y, Qt::AlignLeft);
    p.view = new QChartView(chart);
    p.view->setRenderHint(QPainter::Antialiasing);
    p.view->setMinimumSize(100, 110);  // three side by side in an 800 x 500 window
    followPalette(p.view);
    return p;
}

QLineSeries* HealthCharts::addSeries(Panel& panel, const QString& name, const QColor& color,
                                     Qt::PenStyle style) {
    auto* s = new QLineSeries;
    s->setName(name);
    s->setPen(QPen(color, 1.8, style));
    panel.view->chart()->addSeries(s);
    for (QAbstractAxis* axis : panel.view->chart()->axes()) s->attachAxis(axis);
    panel.series.push_back(s);
    panel.points.emplace_back();
    return s;
}

void HealthCharts::beginRun() {
    for (Panel* p : {&m_gradient, &m_ratio, &m_units}) {
        p->view->chart()->removeAllSeries();
        p->series.clear();
        p->points.clear();
        p->lowest = INFINITY;
        p->highest = 0;
    }
    m_layers = -1;
    m_epochs = 0;
    m_stride = 1;
}

void HealthCharts::setLayers(int layers) {
    m_layers = layers;
    for (int i = 0; i < layers; ++i) {
        addSeries(m_gradient, layerName(i, layers), layerColor(i), Qt::SolidLine);
        addSeries(m_ratio, layerName(i, layers), layerColor(i), Qt::SolidLine);
    }
    // Saturation and dead units are measured on the hidden layers only.
    // One legend entry per layer: the title says which line style is which.
    for (int i = 0; i + 1 < layers; ++i) {
        addSeries(m_units, layerName(i, layers), layerColor(i), Qt::SolidLine);
        QLineSeries* dead = addSeries(m_units, tr("%1 dead").arg(layerName(i, layers)),
                                      layerColor(i), Qt::DashLine);
        for (QLegendMarker* m : m_units.view->chart()->legend()->markers(dead))
            m->setVisible(false);
    }
}

void HealthCharts::store(Panel& panel, std::size_t index, QPointF point) {
    // Zero or non-finite values have no place on a log axis; thinning leaves non-finite out.
    if (panel.logY && !(point.y() > 0)) point.setY(NAN);
    panel.points[index].append(point);
    if (std::isfinite(point.y()) && point.y() > 0) {
        panel.lowest = std::min(panel.lowest, point.y());
        panel.highest = std::max(panel.highest, point.y());
    }
}

void HealthCharts::appendEpochs(std::span<const EpochReport> reports) {
    appendEpochs(reports, HealthBatch::of(reports));
}

void HealthCharts::appendEpochs(std::span<const EpochReport> reports, const HealthBatch& health) {
    const std::size_t count = std::min(reports.size(), health.epochs());
    for (std::size_t e = 0; e < count; ++e) {
        const std::span<const LayerHealth> layers = health.epoch(e);
        if (layers.empty()) continue;
        if (m_layers < 0) setLayers(static_cast<int>(layers.size()));
        if (static_cast<int>(layers.size()) != m_layers) continue;
        if (m_epochs++ % static_cast<std::size_t>(m_stride) != 0) continue;
        const double x = reports[e].epoch;
        for (std::size_t i = 0; i < layers.size(); ++i) {
            const LayerHealth& h = layers[i];
            store(m_gradient, i, {x, h.gradientNorm});
            store(m_ratio, i, {x, h.updateRatio});
            if (i + 1 < layers.size()) {
                store(m_units, 2 * i, {x, h.saturatedFraction});
                store(m_units, 2 * i + 1, {x, h.deadFraction});
            }
        }
    }
    // Bounded memory for runs of millions of epochs: halve the stored history, double the stride.
    if (!m_gradient.points.empty() && m_gradient.points[0].size() > kMaxStored) {
        for (Panel* p : {&m_gradient, &m_ratio, &m_units})
            for (MinMaxSeries& series : p->points) {
                std::vector<QPointF> kept;
                kept.reserve(series.size() / 2 + 1);
                for (std::size_t i = 0; i < series.size(); i += 2)
                    kept.push_back(series.points()[i]);
                series.clear();
                for (const QPointF& point : kept) series.append(point);
            }
        m_stride *= 2;
    }
    m_throttle->request();
}

void HealthCharts::flushRedraw() { m_throttle->flush(); }

void HealthCharts::redrawAll() {
    for (Panel* p : {&m_gradient, &m_ratio, &m_units}) redraw(*p);
}

void HealthCharts::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    if (m_epochs > 0) m_throttle->request();  // the point budget follows the plots' width
}

int HealthCharts::pointBudget(const Panel& panel) {
    // Two points (a bucket's lowest and highest) per pixel column of the plot are exact on the
    // screen; more only cost each redraw (the end of a run's was 11 ms of 6 x 600 points).
    const int width = static_cast<int>(panel.view->chart()->plotArea().width());
    return width > 0 ? std::clamp(2 * width, kMinPointBudget, kPointBudget) : kPointBudget;
}

void HealthCharts::redraw(Panel& panel) {
    const int budget = pointBudget(panel);
    double xMax = 1;
    for (std::size_t i = 0; i < panel.series.size(); ++i) {
        const MinMaxSeries& v = panel.points[i];
        panel.series[i]->replace(v.thinned(budget));
        if (!v.empty()) xMax = std::max(xMax, v.points().back().x());
    }
    const double lo = panel.lowest, hi = panel.highest;
    // Three ticks: an even end puts the middle one on a whole epoch (4353 read "2176.5"). The
    // end is rounded up to a fifth of xMax's power of ten (4353 -> 4400), so the axis moves every
    // few hundred epochs, not at every redraw: each move re-lays out the axis and recomputes
    // every series' outline (a third of the charts' cost when it moved each time).
    panel.x->setRange(0, healthAxisEnd(xMax));
    if (panel.logY && std::isfinite(lo)) {
        // Whole decades, at least two: the labels are powers of ten.
        const double a = std::pow(10.0, std::floor(std::log10(lo)));
        const double b = std::pow(10.0, std::max(std::ceil(std::log10(hi)), std::log10(a) + 2));
        // Just beyond the decades, so that their labels are drawn at both ends.
        panel.logY->setRange(a * 0.999, b * 1.001);
    }
}

}  // namespace bps
