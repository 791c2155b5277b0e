#include "ui/validation/parallel_coordinates.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/charts/chart_palette.h"
#include "ui/validation/sweep_results_model.h"

namespace bps {

namespace {
constexpr double kAxisGrabPx = 12;  // a press this close to an axis brushes it
constexpr double kClickPx = 4;      // a drag shorter than this is a click
constexpr double kHoverPx = 5;
const QColor kBest(0x1f, 0x77, 0xb4);   // the charts' train blue
const QColor kWorst(0xff, 0x7f, 0x0e);  // the charts' validation orange

bool categorical(SweepParameter p) {
    return p == SweepParameter::Hidden || p == SweepParameter::Activation ||
           p == SweepParameter::Optimizer;
}

QColor mix(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

double distanceToSegment(const QPointF& p, const QPointF& a, const QPointF& b) {
    const QPointF ab = b - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0;
    const QPointF d = p - (a + t * ab);
    return std::hypot(d.x(), d.y());
}
}  // namespace

ParallelCoordinates::ParallelCoordinates(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    setToolTip({});  // tooltips come from event()
}

void ParallelCoordinates::setSpace(const SweepSpace& space) {
    m_axes.clear();
    for (const SweepDimension& d : space.dimensions) {
        Axis axis;
        axis.parameter = d.parameter;
        axis.name = QString::fromUtf8(sweepParameterName(d.parameter).data());
        if (categorical(d.parameter)) {
            axis.kind = Axis::Kind::Categorical;
            for (const std::string& v : d.values) axis.categories << QString::fromStdString(v);
        } else if (d.range) {
            axis.kind = d.range->log ? Axis::Kind::Log : Axis::Kind::Linear;
            axis.low = d.range->low;
            axis.high = d.range->high;
        } else {
            std::vector<double> values;
            for (const std::string& v : d.values)
                values.push_back(sweepValueNumber(d.parameter, v));
            axis.low = *std::min_element(values.begin(), values.end());
            axis.high = *std::max_element(values.begin(), values.end());
            axis.kind =
                axis.low > 0 && axis.high / axis.low >= 100 ? Axis::Kind::Log : Axis::Kind::Linear;
        }
        m_axes.push_back(axis);
    }
    Axis score;
    score.name = tr("score");
    m_axes.push_back(score);
    m_trials.clear();
    m_slot.clear();
    m_highlighted.clear();
    const bool hadBrush = hasBrush();
    m_brushes.clear();
    update();
    if (hadBrush) emit brushChanged();
}

void ParallelCoordinates::upsert(const SweepTrial& trial) {
    const auto it = m_slot.constFind(trial.index);
    if (it != m_slot.constEnd()) {
        m_trials[std::size_t(*it)] = trial;
    } else {
        m_slot.insert(trial.index, int(m_trials.size()));
        m_trials.push_back(trial);
    }
    updateScoreAxis();
    update();
}

void ParallelCoordinates::updateScoreAxis() {
    Axis& score = m_axes.back();
    double low = INFINITY, high = -INFINITY;
    for (const SweepTrial& t : m_trials)
        if (std::isfinite(t.score)) {
            low = std::min(low, t.score);
            high = std::max(high, t.score);
        }
    score.low = std::isfinite(low) ? low : 0;
    score.high = std::isfinite(high) ? high : 1;
    // One diverged or hopeless trial would squash every good one against the bottom: a log axis
    // once the scores span a factor of 3.
    score.kind =
        score.low > 0 && score.high / score.low >= 3 ? Axis::Kind::Log : Axis::Kind::Linear;
    // Colours by rank, so they spread over the trials whatever the scores' spread.
    std::vector<const SweepTrial*> ranked;
    for (const SweepTrial& t : m_trials)
        if (std::isfinite(t.score)) ranked.push_back(&t);
    std::sort(ranked.begin(), ranked.end(),
              [](const SweepTrial* a, const SweepTrial* b) { return a->score < b->score; });
    m_rank.clear();
    for (std::size_t i = 0; i < ranked.size(); ++i)
        m_rank.insert(ranked[i]->index,
                      ranked.size() > 1 ? double(i) / double(ranked.size() - 1) : 0);
}

void ParallelCoordinates::setHighlighted(const QSet<int>& trialIndices) {
    m_highlighted = trialIndices;
    update();
}

void ParallelCoordinates::setBrush(int axis, double low, double high) {
    if (axis < 0 || axis >= int(m_axes.size())) return;
    m_brushes.insert(axis, {std::min(low, high), std::max(low, high)});
    update();
    emit brushChanged();
}

void ParallelCoordinates::clearBrush(int axis) {
    if (m_brushes.remove(axis) == 0) return;
    update();
    emit brushChanged();
}

void ParallelCoordinates::clearBrushes() {
    if (m_brushes.isEmpty()) return;
    m_brushes.clear();
    update();
    emit brushChanged();
}

std::optional<ParallelCoordinates::Brush> ParallelCoordinates::brush(int axis) const {
    const auto it = m_brushes.constFind(axis);
    if (it == m_brushes.constEnd()) return std::nullopt;
    return *it;
}

double ParallelCoordinates::valueOn(int axis, const SweepTrial& trial) const {
    const Axis& a = m_axes[std::size_t(axis)];
    if (!a.parameter) return trial.score;
    for (const auto& [p, v] : trial.values.values)
        if (p == *a.parameter) {
            if (a.kind == Axis::Kind::Categorical) {
                const int level = int(a.categories.indexOf(QString::fromStdString(v)));
                return level >= 0 ? level : kNaN;
            }
            return sweepValueNumber(p, v);
        }
    return kNaN;
}

bool ParallelCoordinates::passes(const SweepTrial& trial) const {
    for (auto it = m_brushes.constBegin(); it != m_brushes.constEnd(); ++it) {
        const double v = valueOn(it.key(), trial);
        // A brush's ends are where the mouse went: a level (or a list value) counts as inside
        // when it lies within them, with a little slack for rounding in the pixel conversion.
        const double slack = 1e-9 * std::max(1.0, std::abs(v));
        if (!(v >= it->low - slack && v <= it->high + slack)) return false;
    }
    return true;
}

QSet<int> ParallelCoordinates::brushedTrials() const {
    QSet<int> out;
    for (const SweepTrial& t : m_trials)
        if (passes(t)) out.insert(t.index);
    return out;
}

QRectF ParallelCoordinates::plotRect() const {
    const QFontMetricsF fm(font());
    // Room for the axis names above, the level and number labels beside each axis.
    const double side = fm.horizontalAdvance(QStringLiteral("0.0001")) + 12;
    return QRectF(side, fm.height() * 2 + 6, std::max(10.0, width() - 2 * side),
                  std::max(10.0, height() - fm.height() * 4 - 12));
}

double ParallelCoordinates::axisX(int axis) const {
    const QRectF r = plotRect();
    const int n = int(m_axes.size());
    return n <= 1 ? r.center().x() : r.left() + r.width() * axis / (n - 1);
}

int ParallelCoordinates::axisNear(double x) const {
    for (int i = 0; i < int(m_axes.size()); ++i)
        if (std::abs(axisX(i) - x) <= kAxisGrabPx) return i;
    return -1;
}

double ParallelCoordinates::position(int axis, double value) const {
    const Axis& a = m_axes[std::size_t(axis)];
    if (std::isnan(value)) return kNaN;
    if (a.kind == Axis::Kind::Categorical) {
        const int n = int(a.categories.size());
        return n <= 1 ? 0.5 : value / (n - 1);
    }
    double lo = a.low, hi = a.high, v = value;
    if (a.kind == Axis::Kind::Log) {
        if (v <= 0) return kNaN;
        lo = std::log10(lo), hi = std::log10(hi), v = std::log10(v);
    }
    return hi > lo ? (v - lo) / (hi - lo) : 0.5;
}

double ParallelCoordinates::valueAt(int axis, double pos) const {
    const Axis& a = m_axes[std::size_t(axis)];
    if (a.kind == Axis::Kind::Categorical) {
        const int n = int(a.categories.size());
        return n <= 1 ? 0 : pos * (n - 1);
    }
    if (a.high <= a.low) return a.low + (pos - 0.5);  // a single value: +-half a unit around it
    if (a.kind == Axis::Kind::Log)
        return std::pow(10.0, std::log10(a.low) + pos * (std::log10(a.high) - std::log10(a.low)));
    return a.low + pos * (a.high - a.low);
}

QPointF ParallelCoordinates::pointOf(int axis, double value) const {
    const QRectF r = plotRect();
    return {axisX(axis), r.bottom() - position(axis, value) * r.height()};
}

QString ParallelCoordinates::label(int axis, double value) const {
    const Axis& a = m_axes[std::size_t(axis)];
    if (a.kind == Axis::Kind::Categorical) return a.categories.value(int(std::lround(value)));
    return QString::number(value, 'g', 3);
}

std::vector<QPointF> ParallelCoordinates::polyline(const SweepTrial& trial) const {
    std::vector<QPointF> points;
    for (int i = 0; i < int(m_axes.size()); ++i) points.push_back(pointOf(i, valueOn(i, trial)));
    return points;
}

int ParallelCoordinates::trialAt(const QPointF& pos) const {
    int best = -1;
    double bestDistance = kHoverPx;
    for (const SweepTrial& t : m_trials) {
        const auto points = polyline(t);
        for (std::size_t i = 1; i < points.size(); ++i) {
            if (std::isnan(points[i - 1].y()) || std::isnan(points[i].y())) continue;
            const double d = distanceToSegment(pos, points[i - 1], points[i]);
            if (d <= bestDistance) bestDistance = d, best = t.index;
        }
    }
    return best;
}

void ParallelCoordinates::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    painter.fillRect(rect(), pal.base());
    const QRectF r = plotRect();
    const QFontMetricsF fm(font());
    const QColor muted = mutedText(pal);
    if (m_axes.empty()) return;

    // Brushes under everything: a band along the axis.
    for (auto it = m_brushes.constBegin(); it != m_brushes.constEnd(); ++it) {
        const QPointF a = pointOf(it.key(), it->low), b = pointOf(it.key(), it->high);
        const double top = std::max(r.top() - 2, std::min(a.y(), b.y()));
        const double bottom = std::min(r.bottom() + 2, std::max(a.y(), b.y()));
        QColor band = pal.highlight().color();
        band.setAlpha(70);
        painter.fillRect(QRectF(a.x() - 7, top, 14, std::max(2.0, bottom - top)), band);
    }

    // Lines: outside the brush faint, then inside it, worst first so the best lie on top.
    std::vector<const SweepTrial*> order;
    for (const SweepTrial& t : m_trials) order.push_back(&t);
    std::sort(order.begin(), order.end(), [](const SweepTrial* a, const SweepTrial* b) {
        const double sa = std::isnan(a->score) ? INFINITY : a->score;
        const double sb = std::isnan(b->score) ? INFINITY : b->score;
        return sa > sb;
    });
    for (int pass = 0; pass < 2; ++pass)
        for (const SweepTrial* t : order) {
            const bool inside = passes(*t);
            if (inside != (pass == 1)) continue;
            const auto points = polyline(*t);
            QPainterPath path;
            bool pen = false;
            for (const QPointF& p : points) {
                if (std::isnan(p.y())) {
                    pen = false;
                    continue;
                }
                pen ? path.lineTo(p) : path.moveTo(p);
                pen = true;
            }
            QColor colour = muted;
            if (inside && m_rank.contains(t->index))
                colour = readable(mix(kBest, kWorst, m_rank.value(t->index)), pal);
            if (!inside) colour.setAlpha(60);
            const bool thick = m_highlighted.contains(t->index);
            painter.setPen(QPen(colour, thick ? 3.0 : 1.5));
            painter.drawPath(path);
        }

    // Axes, their names and labels.
    painter.setPen(QPen(pal.text().color(), 1));
    for (int i = 0; i < int(m_axes.size()); ++i) {
        const Axis& a = m_axes[std::size_t(i)];
        const double x = axisX(i);
        painter.setPen(QPen(pal.text().color(), 1));
        painter.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()));
        QString name = a.name;
        if (a.kind == Axis::Kind::Log) name += tr(" (log)");
        QFont bold = font();
        bold.setBold(true);
        painter.setFont(bold);
        const double nameWidth = QFontMetricsF(bold).horizontalAdvance(name);
        painter.drawText(
            QPointF(std::clamp(x - nameWidth / 2, 2.0, width() - nameWidth - 2), fm.ascent() + 2),
            name);
        painter.setFont(font());
        painter.setPen(muted);
        std::vector<double> ticks;
        if (a.kind == Axis::Kind::Categorical)
            for (int k = 0; k < int(a.categories.size()); ++k) ticks.push_back(k);
        else if (a.high > a.low)
            ticks = {a.low, valueAt(i, 0.5), a.high};
        else
            ticks = {a.low};
        for (double v : ticks) {
            const QPointF p = pointOf(i, v);
            painter.drawLine(QPointF(x - 3, p.y()), QPointF(x + 3, p.y()));
            const QString text = label(i, v);
            // Labels to the right of every axis but the last, which has them on its left.
            const bool left = i == int(m_axes.size()) - 1 && m_axes.size() > 1;
            const double w = fm.horizontalAdvance(text);
            // On a backing of the base colour, so the lines never hide a label.
            const QRectF box(left ? x - 8 - w : x + 4, p.y() - fm.height() / 2, w + 4, fm.height());
            QColor backing = pal.base().color();
            backing.setAlpha(210);
            painter.fillRect(box, backing);
            painter.drawText(box, Qt::AlignCenter, text);
        }
    }
    painter.setPen(muted);
    const QString hint = m_trials.empty()
                             ? tr("Each trial will be a line here as it finishes.")
                             : tr("Drag along an axis to keep a range; click an axis to clear "
                                  "its range, beside the axes to clear all.");
    painter.drawText(QRectF(0, r.bottom() + fm.height() * 0.9, width(), fm.height() * 1.5),
                     Qt::AlignHCenter | Qt::AlignTop, hint);
}

void ParallelCoordinates::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
    m_pressAt = event->position();
    m_dragAxis = axisNear(event->position().x());
    const QRectF r = plotRect();
    m_dragFrom = std::clamp((r.bottom() - event->position().y()) / r.height(), 0.0, 1.0);
}

void ParallelCoordinates::mouseMoveEvent(QMouseEvent* event) {
    if (m_dragAxis >= 0 && (event->buttons() & Qt::LeftButton) &&
        std::abs(event->position().y() - m_pressAt.y()) >= kClickPx) {
        const QRectF r = plotRect();
        const double to = std::clamp((r.bottom() - event->position().y()) / r.height(), 0.0, 1.0);
        setBrush(m_dragAxis, valueAt(m_dragAxis, m_dragFrom), valueAt(m_dragAxis, to));
    }
    QWidget::mouseMoveEvent(event);
}

void ParallelCoordinates::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mouseReleaseEvent(event);
    const bool click = std::abs(event->position().y() - m_pressAt.y()) < kClickPx;
    if (click) {
        if (m_dragAxis >= 0)
            clearBrush(m_dragAxis);
        else
            clearBrushes();
    } else if (m_dragAxis >= 0) {
        const QRectF r = plotRect();
        const double to = std::clamp((r.bottom() - event->position().y()) / r.height(), 0.0, 1.0);
        setBrush(m_dragAxis, valueAt(m_dragAxis, m_dragFrom), valueAt(m_dragAxis, to));
    }
    m_dragAxis = -1;
}

bool ParallelCoordinates::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int trial = trialAt(help->pos());
        if (trial < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const SweepTrial& t = m_trials[std::size_t(m_slot.value(trial))];
        QToolTip::showText(help->globalPos(),
                           tr("Trial %1: %2\nscore %3, %4 epochs%5")
                               .arg(t.index + 1)
                               .arg(QString::fromStdString(t.values.describe()))
                               .arg(QString::number(t.score, 'g', 4))
                               .arg(t.epochs)
                               .arg(t.pruned ? tr(" (pruned)") : QString()),
                           this);
        return true;
    }
    return QWidget::event(event);
}

}  // namespace bps
