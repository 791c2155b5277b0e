#include "ui/explain/dependence_chart.h"

#include <QCategoryAxis>
#include <QChart>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>

#include "ui/charts/chart_palette.h"
#include "ui/charts/chart_setup.h"
#include "ui/charts/round_ticks.h"

namespace bps {

namespace {
const QColor kIce(31, 119, 180);
const QColor kMean(230, 115, 0);
}  // namespace

DependenceChart::DependenceChart(QWidget* parent) : QChartView(new QChart, parent) {
    setUpCompactChart(this, QSize(280, 200));
    chart()->legend()->setAlignment(Qt::AlignBottom);
}

void DependenceChart::clear() {
    QChart* c = chart();
    clearChart(c);
    m_meanLine = nullptr;
    m_meanPoints = nullptr;
    m_iceCount = 0;
}

QList<QPointF> DependenceChart::meanPoints() const {
    if (m_meanLine) return m_meanLine->points();
    if (m_meanPoints) return m_meanPoints->points();
    return {};
}

void DependenceChart::setCurves(const PartialDependence& pd) {
    clear();
    const auto points = static_cast<Eigen::Index>(pd.grid.size());
    if (points == 0 || pd.ice.rows() == 0) return;
    QChart* c = chart();
    QColor thin = kIce;
    thin.setAlphaF(0.25);
    const QString iceName = tr("Each row (ICE, %L1 rows)").arg(pd.ice.rows());
    const QString meanName = tr("Mean (partial dependence)");
    const auto x = [&](Eigen::Index j) { return pd.grid[static_cast<std::size_t>(j)]; };

    QAbstractSeries* ice = nullptr;
    QAbstractSeries* mean = nullptr;
    // Filled in last, once the series is on its axes: adding or attaching a series of 10,000
    // points recomputes its geometry each time (25 ms of UI thread); replace() does it once.
    QList<QPointF> icePoints;
    if (pd.categorical) {
        auto* dots = new QScatterSeries;
        dots->setMarkerSize(5);
        dots->setColor(thin);
        dots->setBorderColor(Qt::transparent);
        QList<QPointF> all;
        for (Eigen::Index i = 0; i < pd.ice.rows(); ++i)
            for (Eigen::Index j = 0; j < points; ++j) all.append(QPointF(x(j), pd.ice(i, j)));
        icePoints = std::move(all);
        auto* means = new QScatterSeries;
        means->setMarkerSize(13);
        means->setColor(kMean);
        means->setBorderColor(kMean.darker(130));
        for (Eigen::Index j = 0; j < points; ++j) means->append(x(j), pd.mean(j));
        m_meanPoints = means;
        ice = dots;
        mean = means;
    } else {
        // All ICE curves as one series, left to right then back right to left, the joins
        // made outside the axis range, where the plot area clips them away: one series of
        // 200 x 50 points draws far faster than 200 series.
        auto* lines = new QLineSeries;
        lines->setPen(QPen(thin, 1));
        QList<QPointF> all;
        all.reserve(static_cast<qsizetype>(pd.ice.size() + 2 * pd.ice.rows()));
        const double span = x(points - 1) - x(0) + 1;
        for (Eigen::Index i = 0; i < pd.ice.rows(); ++i) {
            const bool forward = i % 2 == 0;
            for (Eigen::Index k = 0; k < points; ++k) {
                const Eigen::Index j = forward ? k : points - 1 - k;
                all.append(QPointF(x(j), pd.ice(i, j)));
            }
            if (i + 1 < pd.ice.rows()) {
                const Eigen::Index edge = forward ? points - 1 : 0;
                const double outside = forward ? x(edge) + span : x(edge) - span;
                all.append(QPointF(outside, pd.ice(i, edge)));
                all.append(QPointF(outside, pd.ice(i + 1, edge)));
            }
        }
        icePoints = std::move(all);
        auto* line = new QLineSeries;
        line->setPen(QPen(kMean, 3));
        for (Eigen::Index j = 0; j < points; ++j) line->append(x(j), pd.mean(j));
        m_meanLine = line;
        ice = lines;
        mean = line;
    }
    ice->setName(iceName);
    mean->setName(meanName);
    m_iceCount = static_cast<int>(pd.ice.rows());
    c->addSeries(ice);
    c->addSeries(mean);

    QAbstractAxis* xAxis = nullptr;
    if (pd.categorical) {
        auto* levels = new QCategoryAxis;
        levels->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        for (Eigen::Index j = 0; j < points; ++j)
            levels->append(QString::fromStdString(pd.labels[static_cast<std::size_t>(j)]), x(j));
        levels->setRange(-0.5, static_cast<double>(points) - 0.5);
        xAxis = levels;
    } else {
        auto* values = new QValueAxis;
        if (points > 1)
            setRoundTicks(values, x(0), x(points - 1));
        else
            values->setRange(x(0) - 1, x(0) + 1);
        xAxis = values;
    }
    xAxis->setTitleText(QString::fromStdString(pd.column));
    auto* yAxis = new QValueAxis;
    double low = pd.ice.minCoeff(), high = pd.ice.maxCoeff();
    if (high <= low) {
        low -= 0.5;
        high += 0.5;
    }
    const double pad = 0.04 * (high - low);
    setRoundTicks(yAxis, low - pad, high + pad);
    yAxis->setTitleText(QString::fromStdString(pd.output));
    c->addAxis(xAxis, Qt::AlignBottom);
    c->addAxis(yAxis, Qt::AlignLeft);
    for (QAbstractSeries* s : {ice, mean}) {
        s->attachAxis(xAxis);
        s->attachAxis(yAxis);
    }
    applyChartPalette(c, palette());
    static_cast<QXYSeries*>(ice)->replace(icePoints);
}

}  // namespace bps
