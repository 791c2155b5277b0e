#include "ui/charts/roc_chart.h"

#include <QChart>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <cmath>

#include "ui/charts/chart_palette.h"

namespace bps {

namespace {
// A validation set of 100k rows has up to 100k distinct scores; a few thousand points draw the
// same curve.
constexpr std::size_t kMaxRocPoints = 4000;

QList<QPointF> thinnedCurve(const std::vector<RocPoint>& curve) {
    const std::size_t step = curve.size() / kMaxRocPoints + 1;
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(curve.size() / step) + 2);
    for (std::size_t i = 0; i < curve.size(); i += step)
        points.append(QPointF(curve[i].falsePositiveRate, curve[i].truePositiveRate));
    if (!curve.empty() && (curve.size() - 1) % step != 0)
        points.append(QPointF(curve.back().falsePositiveRate, curve.back().truePositiveRate));
    return points;
}
}  // namespace

RocChart::RocChart(QWidget* parent) : QChartView(new QChart, parent) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(220, 300);  // narrow enough for the Results tab beside both docks
    QChart* c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->legend()->setAlignment(Qt::AlignBottom);
    auto* x = new QValueAxis;
    x->setRange(0, 1);
    x->setTitleText(tr("False positive rate"));
    x->setLabelFormat("%.1f");
    x->setTickCount(6);
    auto* y = new QValueAxis;
    y->setRange(0, 1);
    y->setTitleText(tr("True positive rate (recall)"));
    y->setLabelFormat("%.1f");
    y->setTickCount(6);
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);

    auto* chance = new QLineSeries;
    chance->setName(tr("Chance"));
    chance->setPen(QPen(QColor(140, 140, 140), 1.2, Qt::DashLine));
    chance->append({QPointF(0, 0), QPointF(1, 1)});
    m_curve = new QLineSeries;
    m_curve->setName(tr("ROC"));
    m_curve->setPen(QPen(QColor(31, 119, 180), 2));
    m_threshold = new QScatterSeries;
    m_threshold->setName(tr("Threshold"));
    m_threshold->setMarkerSize(11);
    m_threshold->setColor(QColor(230, 115, 0));
    m_threshold->setBorderColor(Qt::white);
    m_cost = new QScatterSeries;
    m_cost->setName(tr("Lowest cost"));
    m_cost->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_cost->setMarkerSize(10);
    m_cost->setColor(QColor(44, 160, 44));
    m_cost->setBorderColor(Qt::white);
    for (QAbstractSeries* s :
         {static_cast<QAbstractSeries*>(chance), static_cast<QAbstractSeries*>(m_curve),
          static_cast<QAbstractSeries*>(m_cost), static_cast<QAbstractSeries*>(m_threshold)}) {
        c->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    // The dashed diagonal needs no legend entry (every ROC plot has it), and the legend then
    // fits the chart's narrowest width.
    c->legend()->markers(chance).front()->setVisible(false);
    followPalette(this);
    clear();
}

void RocChart::setCurve(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels, double auc) {
    removeClassCurves();
    showBinaryLegend(true);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    const QList<QPointF> points = thinnedCurve(rocCurve(scores, labels));
    m_curve->replace(points);
    if (std::isfinite(auc))
        chart()->setTitle(tr("ROC curve (AUC %1)").arg(auc, 0, 'f', 4));
    else if (scores.array().isNaN().any())
        chart()->setTitle(tr("ROC curve (no AUC: some outputs are NaN)"));
    else
        chart()->setTitle(tr("ROC curve (needs both classes in validation)"));
}

void RocChart::setOneVsRest(const Eigen::MatrixXd& probabilities, const Eigen::VectorXd& labels,
                            const QStringList& classes) {
    removeClassCurves();
    m_curve->clear();
    m_threshold->clear();
    m_cost->clear();
    showBinaryLegend(false);
    QChart* c = chart();
    const QList<QAbstractAxis*> axes = c->axes();
    for (Eigen::Index k = 0; k < probabilities.cols(); ++k) {
        const Eigen::VectorXd isClass =
            (labels.array() == static_cast<double>(k)).cast<double>().matrix();
        const Eigen::VectorXd scores = probabilities.col(k);
        const double auc = rocAuc(scores, isClass);
        const QString name =
            k < classes.size() ? classes[static_cast<qsizetype>(k)] : QString::number(k);
        auto* series = new QLineSeries;
        // Colours from the chart theme's series colours (the theme follows the app's palette).
        // Short legend entries (the title says they are AUCs), so three fit a narrow chart.
        series->setName(std::isfinite(auc) ? tr("%1 %2").arg(name).arg(auc, 0, 'f', 3)
                                           : tr("%1 (no AUC)").arg(name));
        series->replace(thinnedCurve(rocCurve(scores, isClass)));
        c->addSeries(series);
        for (QAbstractAxis* axis : axes) series->attachAxis(axis);
        QPen pen = series->pen();
        pen.setWidthF(2);
        series->setPen(pen);
        m_classCurves.append(series);
    }
    // Beyond three classes a row of entries no longer fits under a plot beside both docks: a
    // column beside it.
    c->legend()->setAlignment(probabilities.cols() > 3 ? Qt::AlignRight : Qt::AlignBottom);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    c->legend()->setFont(small);
    c->setTitle(tr("ROC, each class against the rest (AUC)"));
}

void RocChart::removeClassCurves() {
    for (QLineSeries* series : m_classCurves) {
        chart()->removeSeries(series);
        delete series;
    }
    m_classCurves.clear();
}

void RocChart::showBinaryLegend(bool shown) {
    if (shown) chart()->legend()->setFont(font());
    for (QAbstractSeries* s :
         {static_cast<QAbstractSeries*>(m_curve), static_cast<QAbstractSeries*>(m_threshold)})
        for (QLegendMarker* marker : chart()->legend()->markers(s)) marker->setVisible(shown);
    for (QLegendMarker* marker : chart()->legend()->markers(m_cost))
        marker->setVisible(shown && m_cost->count() > 0);
}

void RocChart::setThresholdPoint(double falsePositiveRate, double truePositiveRate) {
    m_threshold->replace({QPointF(falsePositiveRate, truePositiveRate)});
}

void RocChart::setCostPoint(double falsePositiveRate, double truePositiveRate) {
    if (std::isfinite(falsePositiveRate) && std::isfinite(truePositiveRate))
        m_cost->replace({QPointF(falsePositiveRate, truePositiveRate)});
    else
        m_cost->clear();
    for (QLegendMarker* marker : chart()->legend()->markers(m_cost))
        marker->setVisible(m_cost->count() > 0);
}

int RocChart::costPointCount() const { return static_cast<int>(m_cost->count()); }

void RocChart::clear() {
    removeClassCurves();
    chart()->legend()->setAlignment(Qt::AlignBottom);
    showBinaryLegend(true);
    m_curve->clear();
    m_threshold->clear();
    setCostPoint(kNaN, kNaN);
    chart()->setTitle(tr("ROC curve (after training)"));
}

int RocChart::pointCount() const { return static_cast<int>(m_curve->count()); }

}  // namespace bps
