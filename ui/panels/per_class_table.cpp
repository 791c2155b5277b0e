#include "ui/panels/per_class_table.h"

#include <QHeaderView>

#include "ui/panels/class_balance_view.h"

namespace bps {

PerClassTable::PerClassTable(QWidget* parent) : QTableWidget(parent) {
    setColumnCount(5);
    setHorizontalHeaderLabels(
        {tr("Class"), tr("Precision"), tr("Recall"), tr("F1"), tr("Support")});
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setAlternatingRowColors(true);
    setFocusPolicy(Qt::NoFocus);
    // As tall as its rows (a few classes leave no blank block under them); the Results tab
    // scrolls when there are many.
    setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(ClassColumn, QHeaderView::ResizeToContents);
    horizontalHeaderItem(PrecisionColumn)
        ->setToolTip(tr("Of the rows predicted as this class, the share that are"));
    horizontalHeaderItem(RecallColumn)->setToolTip(tr("Of this class's rows, the share found"));
    horizontalHeaderItem(SupportColumn)->setToolTip(tr("Validation rows of this class"));
}

void PerClassTable::clearClasses() { setRowCount(0); }

void PerClassTable::setClasses(const std::vector<ClassMetrics>& metrics,
                               const QStringList& classes) {
    setRowCount(static_cast<int>(metrics.size()));
    for (int r = 0; r < rowCount(); ++r) {
        const ClassMetrics& m = metrics[static_cast<std::size_t>(r)];
        const QString name = r < classes.size() ? classes[r] : QString::number(r);
        const QStringList cells = {name, QString::number(m.precision, 'f', 4),
                                   QString::number(m.recall, 'f', 4), QString::number(m.f1, 'f', 4),
                                   groupedCount(m.support)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* cell = new QTableWidgetItem(cells[c]);
            cell->setTextAlignment(c == ClassColumn ? Qt::AlignLeft | Qt::AlignVCenter
                                                    : Qt::AlignRight | Qt::AlignVCenter);
            setItem(r, c, cell);
        }
    }
}

}  // namespace bps
