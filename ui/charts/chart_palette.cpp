#include "ui/charts/chart_palette.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLegend>

namespace bps {

namespace {
QColor mix(const QColor& a, const QColor& b, double share) {
    const auto m = [share](int x, int y) { return static_cast<int>(x + (y - x) * share + 0.5); };
    return QColor(m(a.red(), b.red()), m(a.green(), b.green()), m(a.blue(), b.blue()));
}

// Re-applies the palette when the view's palette changes; a child of the view.
class PaletteFollower : public QObject {
public:
    explicit PaletteFollower(QChartView* view) : QObject(view), m_view(view) {}
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched == m_view && event->type() == QEvent::PaletteChange)
            applyChartPalette(m_view->chart(), m_view->palette());
        return false;
    }

private:
    QChartView* m_view;
};
}  // namespace

bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() <
           palette.color(QPalette::WindowText).lightness();
}

QColor mutedText(const QPalette& palette) {
    return mix(palette.color(QPalette::WindowText), palette.color(QPalette::Window), 0.35);
}

QColor tinted(const QColor& accent, const QPalette& palette) {
    return mix(palette.color(QPalette::Base), accent, isDark(palette) ? 0.35 : 0.15);
}

QColor readable(const QColor& accent, const QPalette& palette) {
    return isDark(palette) ? accent.lighter(160) : accent;
}

QString cssColour(const QColor& colour) {
    return QStringLiteral("rgba(%1, %2, %3, %4)")
        .arg(colour.red())
        .arg(colour.green())
        .arg(colour.blue())
        .arg(colour.alpha());
}

void applyChartPalette(QChart* chart, const QPalette& palette) {
    const QColor window = palette.color(QPalette::Window);
    const QColor text = palette.color(QPalette::WindowText);
    const QColor grid = mix(window, text, 0.18);
    chart->setBackgroundBrush(window);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setPlotAreaBackgroundBrush(palette.color(QPalette::Base));
    chart->setPlotAreaBackgroundVisible(true);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(mix(window, text, 0.5));
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(mix(window, text, 0.08));
    }
}

void followPalette(QChartView* view) {
    view->installEventFilter(new PaletteFollower(view));
    applyChartPalette(view->chart(), view->palette());
}

}  // namespace bps
