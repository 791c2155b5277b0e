#include "ui/charts/chart_setup.h"

#include <QAbstractAxis>
#include <QChart>
#include <QGraphicsLayout>
#include <QLegend>
#include <QValueAxis>
#include <cmath>

#include "ui/charts/chart_palette.h"

namespace bps {

void setUpResultChart(QChartView* view, const QSize& minimum) {
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(minimum);
    view->chart()->setAnimationOptions(QChart::NoAnimation);
    view->chart()->legend()->setAlignment(Qt::AlignRight);
}

void setUpCompactChart(QChartView* view, const QSize& minimum) {
    setUpResultChart(view, minimum);
    QChart* chart = view->chart();
    chart->setMargins(QMargins(2, 2, 6, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setBackgroundRoundness(0);
    followPalette(view);
}

QValueAxis* unitAxis(const QString& title) {
    auto* axis = new QValueAxis;
    axis->setRange(0, 1);
    axis->setTickCount(6);
    axis->setLabelFormat("%.1f");
    axis->setTitleText(title);
    return axis;
}

void clearChart(QChart* chart) {
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

QByteArray csvNumber(double value) {
    return std::isfinite(value) ? QByteArray::number(value, 'g', 17) : QByteArray();
}

}  // namespace bps
