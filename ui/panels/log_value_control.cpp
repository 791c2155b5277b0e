#include "ui/panels/log_value_control.h"

#include <QDoubleValidator>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSlider>
#include <algorithm>
#include <cmath>

namespace bps {

namespace {
// Two significant digits: the slider's 1000 steps would otherwise give values like 0.0123027.
double roundToTwoDigits(double v) {
    const double scale = std::pow(10.0, std::floor(std::log10(v)) - 1);
    return std::round(v / scale) * scale;
}
}  // namespace

LogValueControl::LogValueControl(double minimum, double maximum, QWidget* parent)
    : QWidget(parent), m_min(minimum), m_max(maximum), m_value(minimum) {
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, kSteps);
    m_slider->setTracking(false);
    m_slider->setPageStep(kSteps / 24);  // a page is about a third of a decade
    m_edit = new QLineEdit(this);
    auto* validator = new QDoubleValidator(minimum, maximum, 10, m_edit);
    validator->setNotation(QDoubleValidator::ScientificNotation);
    validator->setLocale(QLocale::c());
    m_edit->setValidator(validator);
    m_edit->setMaximumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0.000001")) + 16);
    m_edit->setAlignment(Qt::AlignRight);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_edit);

    connect(m_slider, &QSlider::sliderMoved, this, [this](int position) {
        m_edit->setText(QString::number(fromSlider(position), 'g', 3));
    });
    connect(m_slider, &QSlider::valueChanged, this,
            [this](int position) { setValue(fromSlider(position)); });
    connect(m_edit, &QLineEdit::editingFinished, this, [this] {
        bool ok = false;
        const double v = QLocale::c().toDouble(m_edit->text(), &ok);
        if (ok && v > 0)
            setValue(v);
        else
            show(m_value);
    });
    show(m_value);
}

double LogValueControl::fromSlider(int position) const {
    const double lo = std::log10(m_min), hi = std::log10(m_max);
    const double v = std::pow(10.0, lo + (hi - lo) * position / kSteps);
    return std::clamp(roundToTwoDigits(v), m_min, m_max);
}

int LogValueControl::toSlider(double value) const {
    const double lo = std::log10(m_min), hi = std::log10(m_max);
    return static_cast<int>(std::lround((std::log10(value) - lo) / (hi - lo) * kSteps));
}

void LogValueControl::setValue(double value) {
    if (!(value > 0) || !std::isfinite(value)) return;
    value = std::clamp(value, m_min, m_max);
    show(value);
    if (value == m_value) return;
    m_value = value;
    emit valueChanged(value);
}

void LogValueControl::show(double value) {
    const QSignalBlocker block(m_slider);
    m_slider->setValue(toSlider(value));
    m_edit->setText(QString::number(value, 'g', 3));
}

}  // namespace bps
