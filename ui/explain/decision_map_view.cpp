#include "ui/explain/decision_map_view.h"

#include <QEvent>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "ui/charts/chart_palette.h"
#include "ui/charts/round_ticks.h"

namespace bps {

namespace {
constexpr Eigen::Index kMaxPoints = 2500;

// A categorical axis puts a row's points at its level index, spread a little so that they do
// not all sit on one line; the spread is fixed per row, so the picture does not flicker.
double jitter(Eigen::Index row) {
    const auto h = static_cast<std::uint32_t>(row) * 2654435761u;
    return ((h >> 8) % 1000) / 1000.0 * 0.6 - 0.3;
}
}  // namespace

DecisionMapView::DecisionMapView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

Eigen::Index DecisionMapView::pointStride(Eigen::Index rows) {
    return std::max<Eigen::Index>(1, (rows + kMaxPoints - 1) / kMaxPoints);
}

void DecisionMapView::setResult(DecisionMapResultPtr result) {
    m_result = std::move(result);
    rebuildImage();
}

void DecisionMapView::setShown(const MapLayer& what) {
    m_shown = what;
    rebuildImage();
}

void DecisionMapView::setThreshold(double threshold) {
    m_threshold = threshold;
    rebuildImage();
}

void DecisionMapView::clear() {
    m_result.reset();
    m_shown = {};
    rebuildImage();
}

void DecisionMapView::rebuildImage() {
    m_image = QImage();
    if (m_result && m_result->error.isEmpty()) {
        const DecisionGrid& g = m_result->grid;
        if (m_shown.layer >= static_cast<int>(g.hidden.size()) ||
            (m_shown.layer >= 0 &&
             m_shown.unit >= g.hidden[static_cast<std::size_t>(m_shown.layer)].cols()))
            m_shown = {};
        m_image =
            mapImage(g, m_result->model->task, static_cast<int>(m_result->model->classes.size()),
                     m_threshold, m_shown, palette());
    }
    update();
}

void DecisionMapView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) rebuildImage();
    QWidget::changeEvent(event);
}

QRect DecisionMapView::plotRect() const {
    const QFontMetrics fm(font());
    const int left = fm.horizontalAdvance(QStringLiteral("-0000.00")) + fm.height() + 12;
    const int top = fm.height() + 12;
    const int bottom = 2 * fm.height() + 16 + fm.height() + 22;  // ticks, title, legend
    return QRect(left, top, std::max(width() - left - 16, 10),
                 std::max(height() - top - bottom, 10));
}

QString DecisionMapView::title() const {
    if (!m_result || !m_result->error.isEmpty()) return {};
    const Model& m = *m_result->model;
    if (m_shown.layer >= 0)
        return tr("Hidden layer %1, unit %2: its activation")
            .arg(m_shown.layer + 1)
            .arg(m_shown.unit + 1);
    if (m.task == Task::Binary)
        return tr("P(%1 = %2), the model's output")
            .arg(QString::fromStdString(m.target), QString::fromStdString(m.classes[1]));
    if (m.task == Task::Multiclass) return tr("The predicted class and its probability");
    return tr("Predicted %1").arg(QString::fromStdString(m.target));
}

void DecisionMapView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Window));
    if (!m_result || m_image.isNull()) {
        p.setPen(mutedText(pal));
        const QString text =
            m_result ? tr("No decision map: %1").arg(m_result->error)
                     : tr("Train a model, or open one, to see what it learnt: its output over "
                          "two input columns, with the validation rows on top.");
        p.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, text);
        return;
    }
    const QRect plot = plotRect();
    const auto& cols = m_result->context->columns;
    const bool blocky = cols[static_cast<std::size_t>(m_result->xColumn)].categorical ||
                        cols[static_cast<std::size_t>(m_result->yColumn)].categorical;
    p.setRenderHint(QPainter::SmoothPixmapTransform, !blocky);
    p.drawImage(plot, m_image);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(QRect(plot.left(), 4, plot.width(), plot.top() - 6),
               Qt::AlignLeft | Qt::AlignVCenter, title());
    paintPoints(p, plot);
    p.setPen(QPen(mutedText(pal), 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(plot);
    paintAxes(p, plot);
    const QFontMetrics fm(font());
    paintLegend(p, QRect(plot.left(), height() - fm.height() - 14, plot.width(), fm.height() + 8));
}

void DecisionMapView::paintAxes(QPainter& p, const QRect& plot) const {
    const QPalette& pal = palette();
    const QFontMetrics fm(font());
    const DecisionGrid& g = m_result->grid;
    const auto& columns = m_result->context->columns;
    const ColumnInputs& cx = columns[static_cast<std::size_t>(m_result->xColumn)];
    const ColumnInputs& cy = columns[static_cast<std::size_t>(m_result->yColumn)];
    const AxisRange rx = m_result->context->ranges[static_cast<std::size_t>(m_result->xColumn)];
    const AxisRange ry = m_result->context->ranges[static_cast<std::size_t>(m_result->yColumn)];
    const auto px = [&](double v) {
        return plot.left() + (v - rx.low) / (rx.high - rx.low) * plot.width();
    };
    const auto py = [&](double v) {
        return plot.bottom() - (v - ry.low) / (ry.high - ry.low) * plot.height();
    };
    p.setPen(pal.color(QPalette::Text));
    // x ticks
    std::vector<std::pair<double, QString>> xt, yt;
    if (cx.categorical) {
        for (int k = 0; k < g.columns; ++k)
            xt.emplace_back(k, QString::fromStdString(cx.levels[static_cast<std::size_t>(k)]));
    } else {
        for (double v : roundTicks(rx.low, rx.high, std::max(3, plot.width() / 90)))
            xt.emplace_back(v, QString::number(v, 'g', 6));
    }
    if (cy.categorical) {
        for (int k = 0; k < g.rows; ++k)
            yt.emplace_back(k, QString::fromStdString(cy.levels[static_cast<std::size_t>(k)]));
    } else {
        for (double v : roundTicks(ry.low, ry.high, std::max(3, plot.height() / 60)))
            yt.emplace_back(v, QString::number(v, 'g', 6));
    }
    const int slot = xt.empty() ? plot.width() : plot.width() / static_cast<int>(xt.size());
    for (const auto& [v, label] : xt) {
        const int x = static_cast<int>(std::lround(px(v)));
        p.drawLine(x, plot.bottom(), x, plot.bottom() + 4);
        p.drawText(QRect(x - slot / 2, plot.bottom() + 5, slot, fm.height()), Qt::AlignCenter,
                   fm.elidedText(label, Qt::ElideRight, slot - 4));
    }
    const int yLabelWidth = plot.left() - fm.height() - 10;
    for (const auto& [v, label] : yt) {
        const int y = static_cast<int>(std::lround(py(v)));
        p.drawLine(plot.left() - 4, y, plot.left(), y);
        p.drawText(QRect(fm.height() + 4, y - fm.height() / 2, yLabelWidth, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(label, Qt::ElideRight, yLabelWidth));
    }
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRect(plot.left(), plot.bottom() + fm.height() + 8, plot.width(), fm.height() + 2),
               Qt::AlignCenter, QString::fromStdString(cx.name));
    p.save();
    p.translate(2, plot.center().y());
    p.rotate(-90);
    p.drawText(QRect(-plot.height() / 2, 0, plot.height(), fm.height() + 2), Qt::AlignCenter,
               QString::fromStdString(cy.name));
    p.restore();
    p.setFont(font());
}

void DecisionMapView::paintPoints(QPainter& p, const QRect& plot) const {
    const DecisionMapContext& ctx = *m_result->context;
    const Model& model = *m_result->model;
    const ColumnInputs& cx = ctx.columns[static_cast<std::size_t>(m_result->xColumn)];
    const ColumnInputs& cy = ctx.columns[static_cast<std::size_t>(m_result->yColumn)];
    const AxisRange rx = ctx.ranges[static_cast<std::size_t>(m_result->xColumn)];
    const AxisRange ry = ctx.ranges[static_cast<std::size_t>(m_result->yColumn)];
    const Eigen::Index n = ctx.validation.rows();
    if (n == 0) return;
    const Eigen::Index stride = pointStride(n);
    const Eigen::VectorXi predicted =
        model.task == Task::Regression
            ? Eigen::VectorXi()
            : Model::decide(model.task, m_result->pointOutputs, m_threshold);
    const ColourScale scale = colourScale(m_result->grid, model.task, {});
    const int classes = static_cast<int>(model.classes.size());
    const double r = 3.2;
    const QColor ring = palette().color(QPalette::Text);
    const QColor edge = palette().color(QPalette::Base);
    // Each point is a small pre-drawn sprite blitted into place: stroking thousands of
    // antialiased ellipses costs tens of milliseconds on the UI thread, a blit almost nothing.
    const qreal dpr = devicePixelRatioF();
    const int side = static_cast<int>(std::ceil(2 * (r + 2.5)));
    QHash<quint64, QImage> sprites;
    const auto sprite = [&](const QColor& fill, bool wrong) -> const QImage& {
        const quint64 key = (quint64(fill.rgb()) << 1) | (wrong ? 1 : 0);
        auto it = sprites.find(key);
        if (it != sprites.end()) return *it;
        QImage image(QSize(side, side) * dpr, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(dpr);
        image.fill(Qt::transparent);
        QPainter sp(&image);
        sp.setRenderHint(QPainter::Antialiasing);
        sp.setBrush(fill);
        sp.setPen(wrong ? QPen(ring, 1.6) : QPen(edge, 0.8));
        const double radius = wrong ? r + 0.8 : r;
        sp.drawEllipse(QPointF(side / 2.0, side / 2.0), radius, radius);
        return *sprites.insert(key, image);
    };
    p.save();
    p.setClipRect(plot);
    // Correct points first, misclassified ones over them, so the mistakes are never hidden.
    for (int pass = 0; pass < 2; ++pass)
        for (Eigen::Index i = 0; i < n; i += stride) {
            double vx = axisValue(cx, ctx.validation, i), vy = axisValue(cy, ctx.validation, i);
            if (vx < -0.5 && cx.categorical) continue;
            if (vy < -0.5 && cy.categorical) continue;
            if (cx.categorical) vx += jitter(i);
            if (cy.categorical) vy += jitter(i + n);
            const QPointF at(plot.left() + (vx - rx.low) / (rx.high - rx.low) * plot.width(),
                             plot.bottom() - (vy - ry.low) / (ry.high - ry.low) * plot.height());
            QColor fill;
            bool wrong = false;
            if (model.task == Task::Regression) {
                // 64 shades: enough for the eye, and few sprites.
                const double t = (ctx.targets(i) - scale.low) / (scale.high - scale.low);
                fill = sequentialColour(std::round(std::clamp(t, 0.0, 1.0) * 63) / 63);
            } else {
                const int truth = static_cast<int>(ctx.targets(i));
                fill = classColour(truth, classes);
                wrong = predicted(i) != truth;
            }
            if (wrong != (pass == 1)) continue;
            p.drawImage(at - QPointF(side / 2.0, side / 2.0), sprite(fill, wrong));
        }
    p.restore();
}

void DecisionMapView::paintLegend(QPainter& p, const QRect& area) const {
    const Model& model = *m_result->model;
    const QPalette& pal = palette();
    const QFontMetrics fm(font());
    int x = area.left();
    const int cy = area.center().y();
    const auto swatch = [&](const QColor& c, const QString& label, bool ringed = false) {
        p.setBrush(c);
        p.setPen(ringed ? QPen(pal.color(QPalette::Text), 1.6) : QPen(pal.color(QPalette::Base)));
        p.drawEllipse(QPointF(x + 5, cy), 4.5, 4.5);
        p.setPen(pal.color(QPalette::Text));
        const int w = fm.horizontalAdvance(label);
        p.drawText(QRect(x + 13, area.top(), w + 2, area.height()), Qt::AlignVCenter, label);
        x += 13 + w + 14;
    };
    // The class swatches keep their room; the colour bar takes what is left, within reason.
    int swatches = 13 + fm.horizontalAdvance(tr("misclassified")) + 14;
    if (model.task != Task::Regression)
        for (const std::string& c : model.classes)
            swatches += 13 + fm.horizontalAdvance(QString::fromStdString(c)) + 14;
    const int barWidth =
        std::clamp(area.width() - swatches - 4 * fm.horizontalAdvance('0') - 60, 50, 140);
    const auto gradient = [&](const QString& low, const QString& high, auto colourAt) {
        const int w = barWidth;
        p.setPen(pal.color(QPalette::Text));
        const int lw = fm.horizontalAdvance(low);
        p.drawText(QRect(x, area.top(), lw + 2, area.height()), Qt::AlignVCenter, low);
        x += lw + 6;
        for (int i = 0; i < w; ++i) {
            p.setPen(colourAt(double(i) / (w - 1)));
            p.drawLine(x + i, cy - 6, x + i, cy + 6);
        }
        x += w + 6;
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(x, area.top(), fm.horizontalAdvance(high) + 2, area.height()),
                   Qt::AlignVCenter, high);
        x += fm.horizontalAdvance(high) + 18;
    };
    const int classes = static_cast<int>(model.classes.size());
    if (m_shown.layer >= 0) {
        const ColourScale s = colourScale(m_result->grid, model.task, m_shown);
        gradient(QString::number(s.low, 'g', 3), QString::number(s.high, 'g', 3), [&](double t) {
            return towards(t < 0.5 ? classColour(0, 2) : classColour(1, 2),
                           0.8 * std::abs(2 * t - 1), pal);
        });
    } else if (model.task == Task::Binary) {
        gradient(QStringLiteral("0"), QStringLiteral("1"), [&](double t) {
            return t < m_threshold
                       ? towards(classColour(0, 2), 0.8 * (m_threshold - t) / m_threshold, pal)
                       : towards(classColour(1, 2), 0.8 * (t - m_threshold) / (1 - m_threshold),
                                 pal);
        });
    } else if (model.task == Task::Regression) {
        const ColourScale s = colourScale(m_result->grid, model.task, {});
        gradient(QString::number(s.low, 'g', 4), QString::number(s.high, 'g', 4),
                 [](double t) { return sequentialColour(t); });
    }
    if (model.task != Task::Regression) {
        for (int k = 0; k < classes && x < area.right() - 60; ++k)
            swatch(classColour(k, classes), QString::fromStdString(model.classes[k]));
        swatch(pal.color(QPalette::Base), tr("misclassified"), true);
    } else {
        p.setPen(mutedText(pal));
        p.drawText(QRect(x, area.top(), area.right() - x, area.height()), Qt::AlignVCenter,
                   tr("points: the validation rows' %1").arg(QString::fromStdString(model.target)));
    }
}

}  // namespace bps
