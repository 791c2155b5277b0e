#include "ui/charts/cost_chart.h"

#include <QChart>
#include <QCursor>
#include <QGraphicsSimpleTextItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "ui/charts/chart_palette.h"
#include "ui/training/redraw_throttle.h"

namespace bps {

namespace {
const QColor kTrainColor(31, 119, 180);
const QColor kValidationColor(230, 115, 0);
const QColor kBaselineColor(120, 120, 120);
const QColor kMarkerColor(160, 30, 120);
// Older markers keep their point but lose their text, so labels never pile up.
constexpr std::size_t kMaxMarkerLabels = 10;

QColor faded(QColor color) {
    color.setAlpha(80);
    return color;
}

QString costTitle(Task task) {
    return task == Task::Regression ? QObject::tr("Cost (squared error, standardised target)")
                                    : QObject::tr("Cost (cross-entropy)");
}

QString number(double v) { return std::isfinite(v) ? QString::number(v, 'g', 4) : "–"; }

// Sets [0 or lo, hi] rounded out to a step of 1, 2, 2.5 or 5 times a power of ten, with about
// five intervals: readable ticks that do not jump at every update the way applyNiceNumbers() does.
void setNiceRange(QValueAxis* axis, double lo, double hi, double minimumStep) {
    const double raw = std::max((hi - lo) / 5, minimumStep);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude * 10;
    for (double m : {1.0, 2.0, 2.5, 5.0})
        if (raw <= m * magnitude) {
            step = m * magnitude;
            break;
        }
    const double first = std::floor(lo / step) * step;
    const double last = std::max(std::ceil(hi / step) * step, first + step);
    axis->setRange(first, last);
    axis->setTickCount(static_cast<int>(std::lround((last - first) / step)) + 1);
}
}  // namespace

void CostChart::Range::include(const QPointF& p) {
    if (!std::isfinite(p.y())) return;
    xMax = std::max(xMax, p.x());
    yMin = std::min(yMin, p.y());
    yMax = std::max(yMax, p.y());
    if (p.y() > 0) yMinPositive = std::min(yMinPositive, p.y());
}

CostChart::CostChart(QWidget* parent)
    : QChartView(new QChart, parent), m_throttle(new RedrawThrottle(this, [this] { redraw(); })) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(300, 180);  // both docks and the tabs fit 800 x 500
    QChart* c = chart();
    c->setTitle(tr("Cost per epoch"));
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setAnimationOptions(QChart::NoAnimation);  // animations would lag behind live data

    m_xAxis = new QValueAxis;
    m_xAxis->setTitleText(tr("Epoch"));
    m_xAxis->setLabelFormat("%g");
    c->addAxis(m_xAxis, Qt::AlignBottom);
    auto* y = new QValueAxis;
    y->setTitleText(costTitle(Task::Binary));
    y->setLabelFormat("%.3g");
    c->addAxis(y, Qt::AlignLeft);
    m_yAxis = y;

    m_baseline = addCurve(tr("Baseline (always predict the class prior)"), kBaselineColor);
    m_baseline->setPen(QPen(kBaselineColor, 1.5, Qt::DashLine));
    disconnect(m_baseline, nullptr, this, nullptr);
    // Labelled on the line itself too: a curve lying on it has learnt nothing.
    m_baselineLabel = new QGraphicsSimpleTextItem(c);
    m_emptyHint = new QGraphicsSimpleTextItem(
        tr("Press Start (Ctrl+R) to train: the cost of every epoch appears here."), c);
    m_train = addCurve(tr("Train"), kTrainColor);
    m_validation = addCurve(tr("Validation"), kValidationColor);
    m_markerSeries = new QScatterSeries;
    m_markerSeries->setName(tr("Live hyperparameter change"));
    m_markerSeries->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    m_markerSeries->setMarkerSize(11);
    m_markerSeries->setColor(kMarkerColor);
    m_markerSeries->setBorderColor(Qt::white);
    attach(m_markerSeries);
    connect(m_markerSeries, &QScatterSeries::hovered, this, [this](const QPointF& p, bool state) {
        const auto it = std::find_if(m_markers.begin(), m_markers.end(),
                                     [&](const Marker& m) { return m.at == p; });
        if (state && it != m_markers.end())
            QToolTip::showText(QCursor::pos(), tr("Epoch %1: %2").arg(p.x()).arg(it->text), this);
        else
            QToolTip::hideText();
    });
    connect(c, &QChart::plotAreaChanged, this, &CostChart::placeMarkerLabels);
    // A wider plot draws more points, a narrower one fewer (the axes do not depend on them).
    connect(c, &QChart::plotAreaChanged, this, [this] {
        if (!m_trainCurve.empty() && drawnPointBudget() != m_drawnBudget) m_throttle->request();
    });
    followPalette(this);
    recolourLabels();
    updateRanges();
    refreshLegend();
}

QLineSeries* CostChart::addCurve(const QString& name, const QColor& color) {
    auto* series = new QLineSeries;
    series->setName(name);
    series->setPen(QPen(color, 2));
    attach(series);
    return series;
}

void CostChart::attach(QAbstractSeries* series) {
    chart()->addSeries(series);
    series->attachAxis(m_xAxis);
    series->attachAxis(m_yAxis);
}

void CostChart::setDataKey(const QString& key) {
    if (key == m_dataKey) return;
    m_dataKey = key;
    m_currentComparable = false;
    clearEarlierRuns();
}

void CostChart::beginRun(Task task, double baselineLoss) {
    const bool comparable = m_currentComparable && m_task == task;
    if (!comparable) clearEarlierRuns();  // another loss or data: no common scale
    m_currentComparable = true;
    m_task = task;
    if (!m_trainCurve.empty() && comparable) {
        // The current curves become an earlier run; new ones are added on top of them.
        EarlierRun run{m_train, m_validation};
        for (QLineSeries* s : {run.train, run.validation}) {
            disconnect(s, nullptr, this, nullptr);
            s->setPen(QPen(faded(s->pen().color()), 1.5));
            s->setName(tr("Earlier runs (faded)"));
        }
        m_earlier.push_back(run);
        while (m_earlier.size() > static_cast<std::size_t>(kMaxEarlierRuns)) {
            for (QLineSeries* s : {m_earlier.front().train, m_earlier.front().validation}) {
                chart()->removeSeries(s);
                delete s;
            }
            m_earlier.pop_front();
        }
        m_train = addCurve(tr("Train"), kTrainColor);
        m_validation = addCurve(tr("Validation"), kValidationColor);
        chart()->removeSeries(m_markerSeries);  // keep the markers drawn last
        attach(m_markerSeries);
    }
    m_trainCurve.clear();
    m_validationCurve.clear();
    m_range = {};
    m_lastLive.reset();
    clearMarkers();
    m_baselineLoss = baselineLoss;
    m_yAxis->setTitleText(costTitle(task));
    m_baseline->setName(std::isfinite(baselineLoss)
                            ? tr("Baseline %1 (%2)")
                                  .arg(number(baselineLoss))
                                  .arg(task == Task::Regression ? tr("mean") : tr("class prior"))
                            : tr("Baseline"));
    refreshLegend();
    redraw();
}

void CostChart::appendEpochs(std::span<const EpochReport> reports, int epochOffset) {
    for (const EpochReport& r : reports) {
        const double x = r.epoch + epochOffset;
        const QPointF train(x, r.trainLoss), validation(x, r.validationLoss);
        m_trainCurve.append(train);
        m_validationCurve.append(validation);
        m_range.include(train);
        m_range.include(validation);
        if (m_lastLive && r.live != *m_lastLive && std::isfinite(r.trainLoss))
            addMarker(train, describeLiveChange(*m_lastLive, r.live));
        m_lastLive = r.live;
    }
    m_throttle->request();
}

void CostChart::flushRedraw() { m_throttle->flush(); }

int CostChart::drawnPointBudget() const {
    const int width = static_cast<int>(chart()->plotArea().width());
    return width > 0 ? std::clamp(2 * width, kMinPointBudget, kPointBudget) : kPointBudget;
}

void CostChart::redraw() {
    m_drawnBudget = drawnPointBudget();
    m_train->replace(m_trainCurve.thinned(m_drawnBudget));
    m_validation->replace(m_validationCurve.thinned(m_drawnBudget));
    updateRanges();
}

void CostChart::updateRanges() {
    // The current run alone sets the axes: a long or high earlier run is clipped, so it never
    // squeezes the curve being watched.
    Range all = m_range;
    if (m_trainCurve.empty())  // nothing of its own yet: the comparison curves set the axes
        for (const QLineSeries* s : m_comparison)
            for (const QPointF& p : s->points()) all.include(p);
    if (std::isfinite(m_baselineLoss)) all.include(QPointF(0, m_baselineLoss));

    setNiceRange(m_xAxis, 0, std::max(all.xMax, 10.0), 1.0);
    if (m_log) {
        auto* axis = static_cast<QLogValueAxis*>(m_yAxis);
        const bool any = std::isfinite(all.yMinPositive);
        const double lo = any ? all.yMinPositive / 1.25 : 0.01;
        const double hi = any ? all.yMax * 1.25 : 1.0;
        // Labels sit at powers of the base only: over less than two decades base 10 would label
        // one line or none, so use powers of two there (0.0625, 0.125, 0.25, ...).
        const bool narrow = std::log10(hi / lo) < 2;
        axis->setBase(narrow ? 2.0 : 10.0);
        axis->setMinorTickCount(narrow ? 0 : 8);
        axis->setRange(lo, hi);
    } else {
        auto* axis = static_cast<QValueAxis*>(m_yAxis);
        const bool any = std::isfinite(all.yMax);
        // Costs are never negative: starting at 0 keeps the picture honest; log scale is there
        // for the detail near convergence.
        const double lo = any ? std::min(0.0, all.yMin) : 0.0;
        const double hi = any ? all.yMax : 1.0;
        setNiceRange(axis, lo, hi > lo ? hi : lo + 1, 1e-12);
    }
    if (std::isfinite(m_baselineLoss))
        m_baseline->replace(
            {QPointF(m_xAxis->min(), m_baselineLoss), QPointF(m_xAxis->max(), m_baselineLoss)});
    else
        m_baseline->clear();
    placeMarkerLabels();
}

void CostChart::setLogScale(bool on) {
    if (on == m_log) return;
    m_log = on;
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
    chart()->addAxis(m_yAxis, Qt::AlignLeft);
    applyChartPalette(chart(), palette());  // the new axis' labels and grid
    for (QAbstractSeries* s : chart()->series()) {
        s->detachAxis(old);
        s->attachAxis(m_yAxis);
    }
    chart()->removeAxis(old);
    delete old;
    updateRanges();
}

void CostChart::clearEarlierRuns() {
    for (const EarlierRun& run : m_earlier) {
        for (QLineSeries* s : {run.train, run.validation}) {
            chart()->removeSeries(s);
            delete s;
        }
    }
    m_earlier.clear();
    clearComparison();
    refreshLegend();
    updateRanges();
}

void CostChart::addMarker(const QPointF& at, const QString& text) {
    Marker marker{at, text, nullptr};
    marker.label = new QGraphicsSimpleTextItem(text, chart());
    marker.label->setBrush(markerTextColour());
    QFont font = marker.label->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    marker.label->setFont(font);
    m_markers.push_back(marker);
    if (m_markers.size() > kMaxMarkerLabels) {
        Marker& old = m_markers[m_markers.size() - kMaxMarkerLabels - 1];
        delete old.label;
        old.label = nullptr;
    }
    QList<QPointF> points;
    for (const Marker& m : m_markers) points.append(m.at);
    m_markerSeries->replace(points);
    refreshLegend();
}

void CostChart::clearMarkers() {
    for (Marker& m : m_markers) delete m.label;
    m_markers.clear();
    m_markerSeries->clear();
}

void CostChart::placeMarkerLabels() {
    const QRectF area = chart()->plotArea();
    m_emptyHint->setVisible(m_trainCurve.empty() && m_earlier.empty());
    m_emptyHint->setPos(area.center() - m_emptyHint->boundingRect().center());
    m_baselineLabel->setVisible(std::isfinite(m_baselineLoss));
    if (std::isfinite(m_baselineLoss)) {
        m_baselineLabel->setText(
            tr("baseline %1: no better than guessing").arg(number(m_baselineLoss)));
        const QPointF end =
            chart()->mapToPosition(QPointF(m_xAxis->max(), m_baselineLoss), m_baseline);
        const QRectF box = m_baselineLabel->boundingRect();
        m_baselineLabel->setPos(end.x() - box.width() - 6, end.y() - box.height() - 2);
    }
    int n = 0;
    for (Marker& m : m_markers) {
        if (!m.label) continue;
        const QPointF p = chart()->mapToPosition(m.at, m_markerSeries);
        // Alternate heights so labels of nearby changes do not print over each other.
        QPointF pos = p + QPointF(6, (n++ % 2 == 0) ? -22 : -38);
        // Near the right edge the text goes to the marker's left, so it is never cut off.
        const double width = m.label->boundingRect().width();
        if (pos.x() + width > area.right()) pos.setX(p.x() - 6 - width);
        m.label->setPos(pos);
        m.label->setVisible(area.contains(p));
    }
}

QRectF CostChart::newestMarkerLabel() const {
    if (m_markers.empty() || !m_markers.back().label) return {};
    const QGraphicsSimpleTextItem* label = m_markers.back().label;
    return label->mapRectToParent(label->boundingRect());
}

QColor CostChart::markerTextColour() const {
    return isDark(palette()) ? kMarkerColor.lighter(170) : kMarkerColor;
}

void CostChart::recolourLabels() {
    m_baselineLabel->setBrush(mutedText(palette()));
    m_emptyHint->setBrush(mutedText(palette()));
    for (Marker& m : m_markers)
        if (m.label) m.label->setBrush(markerTextColour());
}

void CostChart::changeEvent(QEvent* event) {
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) recolourLabels();
}

void CostChart::refreshLegend() {
    QLegend* legend = chart()->legend();
    for (std::size_t i = 0; i < m_earlier.size(); ++i) {
        const bool newest = i + 1 == m_earlier.size();
        for (QLegendMarker* m : legend->markers(m_earlier[i].train)) m->setVisible(newest);
        for (QLegendMarker* m : legend->markers(m_earlier[i].validation)) m->setVisible(false);
    }
    for (QLegendMarker* m : legend->markers(m_markerSeries)) m->setVisible(!m_markers.empty());
    for (QLegendMarker* m : legend->markers(m_baseline))
        m->setVisible(std::isfinite(m_baselineLoss));
}

QString describeLiveChange(const LiveHyperparameters& before, const LiveHyperparameters& after) {
    QStringList parts;
    const auto g = [](double v) { return QString::number(v, 'g', 3); };
    const auto batch = [](int b) { return b == 0 ? QObject::tr("full") : QString::number(b); };
    if (before.learningRate != after.learningRate)
        parts << QObject::tr("lr %1 → %2").arg(g(before.learningRate), g(after.learningRate));
    if (before.momentum != after.momentum)
        parts << QObject::tr("momentum %1 → %2").arg(g(before.momentum), g(after.momentum));
    if (before.l2 != after.l2) parts << QObject::tr("L2 %1 → %2").arg(g(before.l2), g(after.l2));
    if (before.batchSize != after.batchSize)
        parts << QObject::tr("batch %1 → %2").arg(batch(before.batchSize), batch(after.batchSize));
    return parts.join(QStringLiteral(", "));
}

}  // namespace bps
