#include "ui/charts/importance_chart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QGraphicsLayout>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "ui/charts/chart_palette.h"
#include "ui/charts/chart_setup.h"
#include "ui/charts/round_ticks.h"

namespace bps {

namespace {
const QColor kBar(31, 119, 180);
constexpr double kCap = 0.15;  // half the height of an error bar's end, in bar slots
}  // namespace

ImportanceChart::ImportanceChart(QWidget* parent) : QChartView(new QChart, parent) {
    setUpCompactChart(this, QSize(280, 200));
    chart()->legend()->hide();
}

void ImportanceChart::clear() {
    QChart* c = chart();
    clearChart(c);
    m_bars = nullptr;
    setMinimumHeight(200);
    m_columns.clear();
    m_means.clear();
    m_errorBars = 0;
}

void ImportanceChart::setResult(const ImportanceResult& result) {
    clear();
    const std::vector<ColumnImportance> sorted = sortedByImportance(result);
    if (sorted.empty()) return;
    QChart* c = chart();
    // The bar series fills its categories bottom to top: the least important goes first.
    auto* set = new QBarSet(tr("Mean drop"));
    set->setColor(kBar);
    set->setBorderColor(kBar);
    QStringList categories;
    double low = 0, high = 0;
    for (auto it = sorted.rbegin(); it != sorted.rend(); ++it) {
        set->append(it->mean);
        categories << QString::fromStdString(it->column);
        const double sd = std::isfinite(it->sd) ? it->sd : 0;
        low = std::min(low, it->mean - sd);
        high = std::max(high, it->mean + sd);
    }
    for (const auto& col : sorted) {
        m_columns << QString::fromStdString(col.column);
        m_means.push_back(col.mean);
    }
    // Room for every column's name: squeezed, the axis elides the names to "...".
    setMinimumHeight(90 + 24 * static_cast<int>(sorted.size()));
    m_bars = new QHorizontalBarSeries;
    m_bars->append(set);
    m_bars->setBarWidth(0.6);
    c->addSeries(m_bars);

    auto* names = new QBarCategoryAxis;
    names->append(categories);
    auto* values = new QValueAxis;
    const std::size_t repeats = sorted.front().drops.size();
    values->setTitleText(
        tr("%1 in %2 (mean ± sd of %3 %4)")
            .arg(higherIsBetter(result.score) ? tr("Drop") : tr("Rise"))
            .arg(QString::fromUtf8(scoreLabel(result.score).data(),
                                   static_cast<qsizetype>(scoreLabel(result.score).size())))
            .arg(repeats)
            .arg(repeats == 1 ? tr("shuffle") : tr("shuffles")));
    if (high <= low) high = low + 1;
    const double pad = 0.04 * (high - low);
    setRoundTicks(values, low < 0 ? low - pad : 0, high + pad, 4);
    c->addAxis(values, Qt::AlignBottom);
    c->addAxis(names, Qt::AlignLeft);
    m_bars->attachAxis(values);
    m_bars->attachAxis(names);

    // |--| from mean - sd to mean + sd at each bar's centre, in the palette's text colour so
    // that it reads over the bar and beside it on light and dark themes.
    const QColor ink = palette().color(QPalette::WindowText);
    for (int i = 0; i < categories.size(); ++i) {
        const ColumnImportance& col = sorted[sorted.size() - 1 - static_cast<std::size_t>(i)];
        if (!(std::isfinite(col.sd) && col.sd > 0)) continue;
        const double l = col.mean - col.sd, r = col.mean + col.sd;
        auto* bar = new QLineSeries;
        bar->append({QPointF(l, i - kCap), QPointF(l, i + kCap), QPointF(l, i), QPointF(r, i),
                     QPointF(r, i + kCap), QPointF(r, i - kCap)});
        bar->setPen(QPen(ink, 1.4));
        c->addSeries(bar);
        bar->attachAxis(values);
        bar->attachAxis(names);
        ++m_errorBars;
    }
    applyChartPalette(c, palette());
}

}  // namespace bps
