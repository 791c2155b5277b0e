#pragma once
// A value on a logarithmic scale (the learning rate): a slider across the decades plus an
// editable box for an exact number. Dragging shows the value as it goes but commits once, on
// release, so a drag is one change for the trainer and one marker on the chart.

#include <QWidget>

class QLineEdit;
class QSlider;

namespace bps {

class LogValueControl : public QWidget {
    Q_OBJECT
public:
    LogValueControl(double minimum, double maximum, QWidget* parent = nullptr);

    double value() const { return m_value; }
    // Clamped to the range; emits valueChanged when the value changes.
    void setValue(double value);
    QSlider* slider() const { return m_slider; }
    QLineEdit* editor() const { return m_edit; }

signals:
    void valueChanged(double value);

private:
    static constexpr int kSteps = 1000;
    double fromSlider(int position) const;
    int toSlider(double value) const;
    void show(double value);

    double m_min, m_max;
    double m_value;
    QSlider* m_slider;
    QLineEdit* m_edit;
};

}  // namespace bps
