#include "ui/panels/marked_slider.h"

#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QStyleOptionSlider>

namespace bps {

MarkedSlider::MarkedSlider(QWidget* parent) : QSlider(Qt::Horizontal, parent) {
    // Room under the groove for the mark.
    setMinimumHeight(sizeHint().height() + 8);
}

void MarkedSlider::setMark(std::optional<int> value, const QColor& colour) {
    m_mark = value;
    m_colour = colour;
    update();
}

void MarkedSlider::paintEvent(QPaintEvent* event) {
    QSlider::paintEvent(event);
    if (!m_mark) return;
    QStyleOptionSlider option;
    initStyleOption(&option);
    const QRect handle =
        style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, this);
    const QRect groove =
        style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderGroove, this);
    // The handle's centre when the slider sits at the mark.
    const int span = groove.width() - handle.width();
    const int x = groove.left() + handle.width() / 2 +
                  QStyle::sliderPositionFromValue(minimum(), maximum(), *m_mark, span);
    const int y = height() - 1;
    QPainterPath triangle;
    triangle.moveTo(x, y - 7);
    triangle.lineTo(x - 5, y);
    triangle.lineTo(x + 5, y);
    triangle.closeSubpath();
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillPath(triangle, m_colour);
}

}  // namespace bps
