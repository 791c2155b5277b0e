#include "ui/panels/class_balance_view.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalBarSeries>
#include <QLocale>
#include <QValueAxis>

#include "core/data/dataset.h"
#include "ui/charts/chart_palette.h"

namespace bps {

QString groupedCount(std::int64_t count) {
    // The user's digit grouping; the C locale (CI, many terminals) has none, so English's.
    QLocale locale;
    if (locale.language() == QLocale::C) locale = QLocale(QLocale::English);
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale.toString(static_cast<qlonglong>(count));
}

ClassBalanceView::ClassBalanceView(QWidget* parent) : QChartView(new QChart, parent) {
    setRenderHint(QPainter::Antialiasing);
    chart()->legend()->hide();
    chart()->setAnimationOptions(QChart::NoAnimation);
    setMinimumSize(180, 150);
    followPalette(this);
}

void ClassBalanceView::showColumn(const LoadedDataPtr& data, int column) {
    QChart* c = chart();
    c->removeAllSeries();
    for (QAbstractAxis* axis : c->axes()) {
        c->removeAxis(axis);
        delete axis;
    }
    m_classes = 0;
    if (!data || column < 0) {
        c->setTitle(tr("No target column"));
        return;
    }
    const CsvColumn& col = data->table.columns[static_cast<std::size_t>(column)];
    const auto counts = classBalance(col, kMaxClasses);
    const QString name = QString::fromStdString(col.name);
    if (counts.empty()) {
        c->setTitle(tr("“%1” has more than %2 distinct values: a regression target")
                        .arg(name)
                        .arg(kMaxClasses));
        return;
    }
    m_classes = static_cast<int>(counts.size());
    std::int64_t total = 0;
    for (const ClassCount& cc : counts) total += cc.count;
    auto* set = new QBarSet(tr("Rows"));
    set->setColor(QColor(31, 119, 180));
    QStringList categories;
    double most = 0;
    for (const ClassCount& cc : counts) {
        *set << static_cast<double>(cc.count);
        most = std::max(most, static_cast<double>(cc.count));
        // The count in the label, digit-grouped: a bar's own value label would read 1.81592e+06.
        categories << tr("%1: %2 (%3%)")
                          .arg(cc.label, groupedCount(cc.count))
                          .arg(100.0 * static_cast<double>(cc.count) /
                                   std::max<std::int64_t>(total, 1),
                               0, 'f', 1);
    }
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    c->addSeries(series);
    auto* classes = new QBarCategoryAxis;
    classes->append(categories);
    c->addAxis(classes, Qt::AlignLeft);
    auto* rows = new QValueAxis;
    rows->setRange(0, most);
    rows->setLabelFormat("%.0f");
    rows->setTitleText(tr("Rows"));
    rows->applyNiceNumbers();
    rows->setTickCount(3);
    c->addAxis(rows, Qt::AlignBottom);
    series->attachAxis(classes);
    series->attachAxis(rows);
    c->setTitle(tr("Class balance of “%1”").arg(name));
    applyChartPalette(c, palette());  // the new axes
}

}  // namespace bps
