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
#include "ui/explain/ice_curves_item.h"

namespace bps {

namespace {
const QColor kIce(31, 119, 180);
const QColor kMean(230, 115, 0);
constexpr double kIceDot = 5;  // diameter of a row's dot at a level, in pixels
}  // namespace

DependenceChart::DependenceChart(QWidget* parent) : QChartView(new QChart, parent) {
    setUpCompactChart(this, QSize(280, 200));
    m_ice = new IceCurvesItem(chart());
    chart()->legend()->setAlignment(Qt::AlignBottom);
}

void DependenceChart::clear() {
    QChart* c = chart();
    m_ice->setReference(nullptr);
    m_ice->setCurves({}, IceCurvesItem::Style::Lines, {});
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

    // The legend's entry for the rows: an empty series with their look; the item paints them.
    QAbstractSeries* ice = nullptr;
    QAbstractSeries* mean = nullptr;
    std::vector<QPolygonF> rows(static_cast<std::size_t>(pd.ice.rows()));
    for (Eigen::Index i = 0; i < pd.ice.rows(); ++i) {
        QPolygonF& row = rows[static_cast<std::size_t>(i)];
        row.reserve(static_cast<qsizetype>(points));
        for (Eigen::Index j = 0; j < points; ++j) row.append(QPointF(x(j), pd.ice(i, j)));
    }
    if (pd.categorical) {
        auto* dots = new QScatterSeries;
        dots->setMarkerSize(kIceDot);
        dots->setColor(thin);
        dots->setBorderColor(Qt::transparent);
        auto* means = new QScatterSeries;
        means->setMarkerSize(13);
        means->setColor(kMean);
        means->setBorderColor(kMean.darker(130));
        for (Eigen::Index j = 0; j < points; ++j) means->append(x(j), pd.mean(j));
        m_meanPoints = means;
        ice = dots;
        mean = means;
    } else {
        auto* lines = new QLineSeries;
        lines->setPen(QPen(thin, 1));
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
    m_ice->setCurves(std::move(rows),
                     pd.categorical ? IceCurvesItem::Style::Dots : IceCurvesItem::Style::Lines,
                     QPen(thin, pd.categorical ? kIceDot : 1));
    m_ice->setReference(mean);
}

}  // namespace bps
