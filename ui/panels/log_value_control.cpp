#include "ui/panels/log_value_control.h"

#include <QDoubleValidator>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace bps {

namespace {
// Two significant digits: the slider's 1000 steps would otherwise give values like 0.0123027.
// Through the text, so the double is the one "0.011" parses to and the box shows no 1e-17 tail.
double roundToTwoDigits(double v) { return QString::number(v, 'g', 2).toDouble(); }
// Every digit the value has, and no more: 0.0123456 stays 0.0123456, 0.01 stays 0.01.
QString exact(double v) {
    return QString::number(v, 'g', QLocale::FloatingPointShortest)
        .replace(QStringLiteral("e-0"), QStringLiteral("e-"));
}
}  // namespace

LogValueControl::LogValueControl(double minimum, double maximum, QWidget* parent)
    : QWidget(parent), m_min(minimum), m_max(maximum), m_value(minimum) {
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, kSteps);
    m_slider->setTracking(false);
    const double stepsPerDecade = kSteps / decades();
    m_slider->setSingleStep(std::max(1, static_cast<int>(stepsPerDecade * kDecadesPerStep)));
    m_slider->setPageStep(std::max(1, static_cast<int>(stepsPerDecade / 2)));  // half a decade
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setTickInterval(std::max(1, static_cast<int>(std::lround(stepsPerDecade))));
    // Wide enough for fine control: the slider's travel is its width less the handle.
    const int handle = style()->pixelMetric(QStyle::PM_SliderLength, nullptr, m_slider);
    m_slider->setMinimumWidth(static_cast<int>(std::ceil(decades() * kMinPixelsPerDecade)) +
                              handle + 4);
    m_edit = new QLineEdit(this);
    auto* validator = new QDoubleValidator(minimum, maximum, 10, m_edit);
    validator->setNotation(QDoubleValidator::ScientificNotation);
    validator->setLocale(QLocale::c());
    m_edit->setValidator(validator);
    m_edit->setMaximumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0.0000001")) + 16);
    m_edit->setAlignment(Qt::AlignRight);
    auto* range =
        new QLabel(tr("%1 to %2, one tick a decade").arg(exact(minimum), exact(maximum)), this);
    range->setForegroundRole(QPalette::PlaceholderText);

    auto* top = new QHBoxLayout;
    top->addWidget(m_edit);
    top->addWidget(range, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_slider);

    connect(m_slider, &QSlider::sliderMoved, this,
            [this](int position) { m_edit->setText(exact(fromSlider(position))); });
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

double LogValueControl::decades() const { return std::log10(m_max) - std::log10(m_min); }

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
    m_edit->setText(exact(value));
}

}  // namespace bps
