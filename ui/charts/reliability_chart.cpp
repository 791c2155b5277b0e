#include "ui/charts/reliability_chart.h"

#include <QAreaSeries>
#include <QChart>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "ui/charts/chart_palette.h"
#include "ui/charts/chart_setup.h"

namespace bps {

ReliabilityChart::ReliabilityChart(QWidget* parent) : QChartView(new QChart, parent) {
    setUpResultChart(this, QSize(300, 280));
    QChart* c = chart();
    auto* x = unitAxis(tr("Predicted probability"));
    auto* y = unitAxis(tr("Observed frequency"));
    m_countAxis = new QValueAxis;
    m_countAxis->setLabelFormat("%.0f");
    m_countAxis->setTitleText(tr("Rows"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    c->addAxis(m_countAxis, Qt::AlignRight);

    // Bars first, so the points are drawn over them.
    m_countOutline = new QLineSeries(this);
    m_counts = new QAreaSeries(m_countOutline);
    m_counts->setName(tr("Rows"));
    m_counts->setColor(QColor(150, 150, 150, 70));
    m_counts->setBorderColor(QColor(150, 150, 150, 150));
    auto* diagonal = new QLineSeries;
    diagonal->setName(tr("Calibrated"));
    diagonal->setPen(QPen(QColor(140, 140, 140), 1.2, Qt::DashLine));
    diagonal->append({QPointF(0, 0), QPointF(1, 1)});
    m_observed = new QLineSeries;
    m_observed->setName(tr("Model"));
    m_observed->setPen(QPen(QColor(31, 119, 180), 2));
    m_points = new QScatterSeries;
    m_points->setMarkerSize(8);
    m_points->setColor(QColor(31, 119, 180));
    m_points->setBorderColor(Qt::white);
    c->addSeries(m_counts);
    m_counts->attachAxis(x);
    m_counts->attachAxis(m_countAxis);
    for (QAbstractSeries* s :
         {static_cast<QAbstractSeries*>(diagonal), static_cast<QAbstractSeries*>(m_observed),
          static_cast<QAbstractSeries*>(m_points)}) {
        c->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    c->legend()->markers(m_points).front()->setVisible(false);
    followPalette(this);
    clear(tr("Reliability (after training)"));
}

void ReliabilityChart::setReliability(const Reliability& reliability, const QString& subject) {
    m_reliability = reliability;
    QList<QPointF> points, outline;
    std::int64_t most = 0;
    for (const ReliabilityBin& b : reliability.bins) {
        most = std::max(most, b.count);
        // Bars on the bin's extent (uniform: its edges; quantile: its lowest to highest score).
        const auto n = static_cast<double>(b.count);
        outline << QPointF(b.lower, 0) << QPointF(b.lower, n) << QPointF(b.upper, n)
                << QPointF(b.upper, 0);
        if (b.count > 0) points << QPointF(b.meanPredicted, b.observedFrequency);
    }
    m_countOutline->replace(outline);
    m_observed->replace(points);
    m_points->replace(points);
    // Headroom above the tallest bar keeps the bars in the chart's lower part, under the points.
    m_countAxis->setRange(0, std::max<double>(1, static_cast<double>(most) * 2.5));
    chart()->setTitle(std::isfinite(reliability.brier)
                          ? tr("Reliability of P(%1): Brier %2, ECE %3")
                                .arg(subject)
                                .arg(reliability.brier, 0, 'f', 4)
                                .arg(reliability.ece, 0, 'f', 4)
                          : tr("Reliability of P(%1): no rows with a probability").arg(subject));
}

void ReliabilityChart::clear(const QString& title) {
    m_reliability = Reliability{};
    m_countOutline->clear();
    m_observed->clear();
    m_points->clear();
    m_countAxis->setRange(0, 1);
    chart()->setTitle(title);
}

int ReliabilityChart::pointCount() const { return static_cast<int>(m_points->count()); }

QByteArray ReliabilityChart::csv() const {
    QByteArray out =
        "bin,lower,upper,rows,positives,mean_predicted,observed_frequency,wilson_low,"
        "wilson_high\n";
    for (std::size_t i = 0; i < m_reliability.bins.size(); ++i) {
        const ReliabilityBin& b = m_reliability.bins[i];
        out += QByteArray::number(static_cast<qulonglong>(i + 1)) + ',' + csvNumber(b.lower) + ',' +
               csvNumber(b.upper) + ',' + QByteArray::number(static_cast<qlonglong>(b.count)) +
               ',' + QByteArray::number(static_cast<qlonglong>(b.positives)) + ',' +
               csvNumber(b.meanPredicted) + ',' + csvNumber(b.observedFrequency) + ',' +
               csvNumber(b.wilsonLow) + ',' + csvNumber(b.wilsonHigh) + '\n';
    }
    return out;
}

}  // namespace bps
