#include "ui/panels/data_panel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/data/data_table_model.h"
#include "ui/panels/class_balance_view.h"
#include "ui/panels/target_histogram.h"

namespace bps {

DataPanel::DataPanel(QWidget* parent) : QWidget(parent) {
    m_title = new QLabel(tr("No data loaded"));
    QFont font = m_title->font();
    font.setBold(true);
    m_title->setFont(font);
    m_roles = new ColumnRolesView;
    m_balance = new ClassBalanceView;
    m_targetHistogram = new TargetHistogram;
    m_targetHistogram->hide();
    m_model = new DataTableModel(this);
    m_rows = new QTableView;
    m_rows->setModel(m_model);
    m_rows->setAlternatingRowColors(true);
    // Fixed row heights keep a million-row table cheap: no per-row size queries.
    m_rows->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_rows->verticalHeader()->setDefaultSectionSize(m_rows->fontMetrics().height() + 6);
    m_rows->horizontalHeader()->setDefaultSectionSize(120);

    auto* top = new QSplitter(Qt::Horizontal);
    top->addWidget(m_roles);
    top->addWidget(m_balance);
    top->addWidget(m_targetHistogram);
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 1);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(m_rows);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(split, 1);

    connect(m_roles, &ColumnRolesView::selectionChanged, this, [this] {
        showTarget();
        emit selectionChanged();
    });
}

void DataPanel::showTarget() {
    const int target = m_roles->targetColumn();
    const bool regression =
        m_data && target >= 0 &&
        TargetHistogram::isRegressionTarget(m_data->table.columns[static_cast<std::size_t>(target)],
                                            selection().task);
    m_balance->setVisible(!regression);
    m_targetHistogram->setVisible(regression);
    if (regression)
        m_targetHistogram->showColumn(m_data, target);
    else
        m_balance->showColumn(m_data, target);
}

void DataPanel::setData(LoadedDataPtr data) {
    m_data = std::move(data);
    m_title->setText(tr("%1: %L2 rows × %L3 columns")
                         .arg(m_data->displayName)
                         .arg(static_cast<qint64>(m_data->table.rows))
                         .arg(static_cast<qint64>(m_data->table.columns.size())));
    m_model->setTable(m_data);
    m_roles->setData(m_data);  // emits selectionChanged, which redraws the class balance
}

}  // namespace bps
