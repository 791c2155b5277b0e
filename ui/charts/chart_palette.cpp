#include "ui/charts/chart_palette.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLegend>
#include <algorithm>

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

QColor confusionShade(bool correct, double share, const QPalette& palette) {
    static const QColor kCorrect(46, 139, 87);  // sea green
    static const QColor kMiss(200, 70, 60);     // brick red
    // At most 55% of the accent on a light base, 45% on a dark one: black text on the deepest
    // light shade and white text on the brightest dark shade both keep their contrast.
    const double most = isDark(palette) ? 0.45 : 0.55;
    const double amount = 0.06 + (most - 0.06) * std::clamp(share, 0.0, 1.0);
    return mix(palette.color(QPalette::Base), correct ? kCorrect : kMiss, amount);
}

QColor missingCellText(const QPalette& palette) { return readable(QColor(170, 60, 60), palette); }

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
