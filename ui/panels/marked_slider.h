#pragma once
// A horizontal slider that can show one marked value under its groove: the Results tab marks the
// threshold with the lowest expected cost on the decision-threshold slider.

#include <QSlider>
#include <optional>

namespace bps {

class MarkedSlider : public QSlider {
    Q_OBJECT
public:
    explicit MarkedSlider(QWidget* parent = nullptr);
    // A value in the slider's range, or none.
    void setMark(std::optional<int> value, const QColor& colour = QColor(44, 160, 44));
    std::optional<int> mark() const { return m_mark; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::optional<int> m_mark;
    QColor m_colour;
};

}  // namespace bps
