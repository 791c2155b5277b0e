#include "ui/explain/network_diagram.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "ui/charts/chart_palette.h"

namespace bps {

namespace {
constexpr int kMaxDrawn = 24;    // units drawn per layer; the rest are counted under it
constexpr int kLabelWidth = 84;  // the input names left of the first column
// A thumbnail is at most 34 pixels wide: every 3rd cell of a 100 x 100 map is plenty, and keeps
// 16 thumbnails per map cheap on the UI thread.
constexpr int kThumbnailStride = 3;
}  // namespace

NetworkDiagram::NetworkDiagram(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
}

void NetworkDiagram::setResult(DecisionMapResultPtr result) {
    m_result = std::move(result);
    m_thumbnails.clear();
    if (m_result && m_result->error.isEmpty()) {
        const DecisionGrid& g = m_result->grid;
        for (std::size_t l = 0; l < g.hidden.size(); ++l) {
            std::vector<QImage> images;
            for (Eigen::Index u = 0; u < g.hidden[l].cols() && u < kMaxDrawn; ++u)
                images.push_back(mapImage(g, m_result->model->task, 2, 0.5,
                                          {static_cast<int>(l), static_cast<int>(u)}, palette(),
                                          kThumbnailStride));
            m_thumbnails.push_back(std::move(images));
        }
        m_output =
            mapImage(g, m_result->model->task, static_cast<int>(m_result->model->classes.size()),
                     0.5, {}, palette(), kThumbnailStride);
    } else {
        m_output = QImage();
    }
    layout();
    update();
}

void NetworkDiagram::clear() { setResult(nullptr); }

int NetworkDiagram::nodeSize() const {
    int most = 1;
    for (const auto& nodes : m_nodes) most = std::max(most, static_cast<int>(nodes.size()));
    // Room between the columns for the edges to be seen: at most half the spacing.
    const int columns = std::max(static_cast<int>(m_nodes.size()) - 1, 1);
    const int across = (width() - kLabelWidth - 56) / columns / 2;
    return std::clamp(std::min((height() - 44) / most - 6, across), 8, 34);
}

void NetworkDiagram::layout() {
    m_nodes.clear();
    m_hidden.clear();
    if (!m_result || !m_result->error.isEmpty()) return;
    const Model& m = *m_result->model;
    std::vector<int> counts{m.inputCount()};
    for (const DenseLayer& l : m.layers) counts.push_back(static_cast<int>(l.weights.cols()));
    const int columns = static_cast<int>(counts.size());
    const double left = kLabelWidth + 30, right = width() - 26.0;
    const double top = 2 * QFontMetrics(font()).height() + 10, bottom = height() - 22.0;
    for (int c = 0; c < columns; ++c) {
        const int drawn = std::min(counts[static_cast<std::size_t>(c)], kMaxDrawn);
        m_hidden.push_back(counts[static_cast<std::size_t>(c)] - drawn);
        std::vector<Node> nodes;
        const double x = columns == 1 ? left : left + (right - left) * c / (columns - 1);
        const double step = (bottom - top) / std::max(drawn, 1);
        for (int u = 0; u < drawn; ++u) nodes.push_back({QPointF(x, top + step * (u + 0.5)), c, u});
        m_nodes.push_back(std::move(nodes));
    }
}

void NetworkDiagram::changeEvent(QEvent* event) {
    // The thumbnails' neutral colour is the palette's base: redrawn in a new theme.
    if (event->type() == QEvent::PaletteChange && m_result) setResult(m_result);
    QWidget::changeEvent(event);
}

void NetworkDiagram::resizeEvent(QResizeEvent* event) {
    layout();
    QWidget::resizeEvent(event);
}

QPoint NetworkDiagram::unitCentre(int layer, int unit) const {
    if (layer < 0 || layer >= static_cast<int>(m_nodes.size()) || unit < 0 ||
        unit >= static_cast<int>(m_nodes[static_cast<std::size_t>(layer)].size()))
        return {-1, -1};
    return m_nodes[static_cast<std::size_t>(layer)][static_cast<std::size_t>(unit)]
        .centre.toPoint();
}

void NetworkDiagram::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Window));
    if (m_nodes.empty()) return;
    const Model& m = *m_result->model;
    const int size = nodeSize();
    double biggest = 1e-12;
    for (const DenseLayer& l : m.layers)
        biggest = std::max(biggest, l.weights.cwiseAbs().maxCoeff());
    // Edges first, the weak ones faint, so the strong paths read at a glance.
    for (std::size_t l = 0; l + 1 < m_nodes.size(); ++l) {
        const Eigen::MatrixXd& w = m.layers[l].weights;
        for (const Node& from : m_nodes[l])
            for (const Node& to : m_nodes[l + 1]) {
                const double v = w(from.unit, to.unit), s = std::abs(v) / biggest;
                QColor c = classColour(v < 0 ? 0 : 1, 2);
                c.setAlphaF(float(0.15 + 0.75 * s));
                p.setPen(QPen(c, 0.4 + 3.6 * s));
                p.drawLine(from.centre + QPointF(size / 2.0, 0),
                           to.centre - QPointF(size / 2.0, 0));
            }
    }
    const QFontMetrics fm(font());
    const std::vector<std::string> inputs = m.inputNames();
    const QColor frame = mutedText(pal);
    // The inputs of the map's two columns stand out: they are what the axes vary.
    const auto onAxis = [&](int input) {
        for (int c : {m_result->xColumn, m_result->yColumn}) {
            const ColumnInputs& col = m_result->context->columns[static_cast<std::size_t>(c)];
            if (input >= col.first && input < col.first + col.count) return true;
        }
        return false;
    };
    QFont bold = font();
    bold.setBold(true);
    for (std::size_t l = 0; l < m_nodes.size(); ++l) {
        const bool hidden = l > 0 && l + 1 < m_nodes.size();
        for (const Node& n : m_nodes[l]) {
            const QRectF box(n.centre.x() - size / 2.0, n.centre.y() - size / 2.0, size, size);
            if (hidden && l - 1 < m_thumbnails.size() &&
                static_cast<std::size_t>(n.unit) < m_thumbnails[l - 1].size()) {
                p.drawImage(box, m_thumbnails[l - 1][static_cast<std::size_t>(n.unit)]);
            } else if (l + 1 == m_nodes.size() && !m_output.isNull()) {
                p.drawImage(box, m_output);
            } else {
                p.fillRect(box, l == 0 && onAxis(n.unit)
                                    ? tinted(pal.color(QPalette::Highlight), pal)
                                    : pal.color(QPalette::Base));
            }
            const bool hovered = hidden && m_hover.layer == int(l) - 1 && m_hover.unit == n.unit;
            p.setPen(QPen(hovered ? pal.color(QPalette::Highlight) : frame, hovered ? 2.5 : 1));
            p.setBrush(Qt::NoBrush);
            p.drawRect(box);
            if (l == 0) {
                p.setPen(pal.color(QPalette::Text));
                p.setFont(onAxis(n.unit) ? bold : font());
                const QString name =
                    QString::fromStdString(inputs[static_cast<std::size_t>(n.unit)]);
                p.drawText(QRectF(4, n.centre.y() - fm.height() / 2.0, kLabelWidth, fm.height()),
                           Qt::AlignRight | Qt::AlignVCenter,
                           QFontMetrics(p.font()).elidedText(name, Qt::ElideMiddle, kLabelWidth));
                p.setFont(font());
            }
        }
        p.setPen(mutedText(pal));
        const double x = m_nodes[l].empty() ? 0 : m_nodes[l].front().centre.x();
        // Short captions when the columns are close together, so neighbours never overlap.
        const bool narrow = m_nodes.size() > 1 && std::abs(m_nodes[1].front().centre.x() -
                                                           m_nodes[0].front().centre.x()) <
                                                      fm.horizontalAdvance(tr("hidden")) + 8;
        const QString caption = l == 0                    ? (narrow ? tr("in") : tr("inputs"))
                                : l + 1 == m_nodes.size() ? (narrow ? tr("out") : tr("output"))
                                : narrow                  ? QString::number(l)
                                                          : tr("hidden\n%1").arg(l);
        // Captions no wider than the gap between columns, so that neighbours never overlap.
        const double room =
            m_nodes.size() > 1
                ? std::abs(m_nodes[1].front().centre.x() - m_nodes[0].front().centre.x())
                : 80.0;
        const QRectF slot(x - room / 2 + 2, 0, room - 4, 2 * fm.height() + 2);
        p.drawText(slot, Qt::AlignHCenter | Qt::AlignBottom, caption);
        if (m_hidden[l] > 0)
            p.drawText(QRectF(slot.left(), height() - 18, slot.width(), 18), Qt::AlignCenter,
                       tr("+%1").arg(m_hidden[l]));
    }
}

void NetworkDiagram::mouseMoveEvent(QMouseEvent* event) {
    MapLayer found{-1, 0};
    const double half = nodeSize() / 2.0 + 2;
    for (std::size_t l = 1; l + 1 < m_nodes.size(); ++l)
        for (const Node& n : m_nodes[l]) {
            const QPointF d = event->position() - n.centre;
            if (std::abs(d.x()) <= half && std::abs(d.y()) <= half)
                found = {static_cast<int>(l) - 1, n.unit};
        }
    if (found.layer == m_hover.layer && found.unit == m_hover.unit) return;
    m_hover = found;
    update();
    if (found.layer >= 0)
        emit unitHovered(found);
    else
        emit unitLeft();
}

void NetworkDiagram::leaveEvent(QEvent* event) {
    if (m_hover.layer >= 0) {
        m_hover = {-1, 0};
        update();
        emit unitLeft();
    }
    QWidget::leaveEvent(event);
}

}  // namespace bps
