#pragma once
// A value on a logarithmic scale (the learning rate): a slider across the decades plus an
// editable box for an exact number. Dragging shows the value as it goes but commits once, on
// release, so a drag is one change for the trainer and one marker on the chart. The slider sits
// on its own row, at least kMinPixelsPerDecade wide per decade, so a pixel of travel changes the
// value by at most 10^(1/kMinPixelsPerDecade); the box above it shows and takes exact values.

#include <QWidget>

class QLabel;
class QLineEdit;
class QSlider;

namespace bps {

class LogValueControl : public QWidget {
    Q_OBJECT
public:
    static constexpr int kSteps = 1000;
    static constexpr int kMinPixelsPerDecade = 20;
    // One arrow-key step of the slider: a twentieth of a decade (a factor of 10^0.05 at most).
    static constexpr double kDecadesPerStep = 0.05;

    LogValueControl(double minimum, double maximum, QWidget* parent = nullptr);

    double value() const { return m_value; }
    // Clamped to the range; emits valueChanged when the value changes.
    void setValue(double value);
    QSlider* slider() const { return m_slider; }
    QLineEdit* editor() const { return m_edit; }
    double decades() const;

signals:
    void valueChanged(double value);

private:
    double fromSlider(int position) const;
    int toSlider(double value) const;
    void show(double value);

    double m_min, m_max;
    double m_value;
    QSlider* m_slider;
    QLineEdit* m_edit;
};

}  // namespace bps
