#include "ui/panels/data_panel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/charts/chart_palette.h"
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
    m_missingPolicy = new QComboBox;
    m_missingPolicy->addItem(tr("Impute (median, most frequent level)"),
                             static_cast<int>(MissingPolicy::Impute));
    m_missingPolicy->addItem(tr("Missing as a category"),
                             static_cast<int>(MissingPolicy::Category));
    m_missingPolicy->addItem(tr("Drop rows"), static_cast<int>(MissingPolicy::Drop));
    // Narrow windows (800 px with both docks) must still fit the row: the box may elide.
    m_missingPolicy->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_missingPolicy->setMinimumContentsLength(16);
    m_missingPolicy->setToolTip(
        tr("What a missing cell in a feature becomes. Impute keeps the row: numbers take the "
           "median of the training rows (plus an input that says the cell was missing), text "
           "the most frequent level. Missing as a category gives text columns a level "
           "'missing' of its own. Drop rows leaves out every row with a missing feature cell."));
    auto* policyLabel = new QLabel(tr("&Missing cells in features:"));
    policyLabel->setBuddy(m_missingPolicy);
    // Word-wrapped and selectable: the columns and rows left out stay readable at any width.
    m_notice = new QLabel;
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->setMargin(6);
    m_notice->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_notice->setVisible(false);
    m_balance = new ClassBalanceView;
    m_targetHistogram = new TargetHistogram;
    m_targetHistogram->hide();
    m_model = new DataTableModel(this);
    m_model->setMissingColour(missingCellText(palette()));
    m_rows = new QTableView;
    m_rows->setModel(m_model);
    m_rows->setAlternatingRowColors(true);
    // Fixed row heights keep a million-row table cheap: no per-row size queries.
    m_rows->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_rows->verticalHeader()->setDefaultSectionSize(m_rows->fontMetrics().height() + 6);
    m_rows->horizontalHeader()->setDefaultSectionSize(120);

    // The roles table has the most to say (role, inputs, kind and why): it gets the whole
    // width; the class balance (or the target's histogram) sits beside the rows, which scroll
    // sideways anyway.
    auto* bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(m_rows);
    bottom->addWidget(m_balance);
    bottom->addWidget(m_targetHistogram);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);
    bottom->setStretchFactor(2, 1);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_roles);
    split->addWidget(bottom);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    auto* policyRow = new QHBoxLayout;
    policyRow->addWidget(policyLabel);
    policyRow->addWidget(m_missingPolicy);
    policyRow->addStretch(1);
    layout->addLayout(policyRow);
    layout->addWidget(m_notice);
    layout->addWidget(split, 1);

    connect(m_missingPolicy, &QComboBox::currentIndexChanged, this, [this] {
        m_roles->setMissingPolicy(
            static_cast<MissingPolicy>(m_missingPolicy->currentData().toInt()));
    });

    connect(m_roles, &ColumnRolesView::selectionChanged, this, [this] {
        showTarget();
        updateNotice();
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

namespace bps {

void DataPanel::updateNotice() {
    if (!m_data) return;
    const int target = m_roles->targetColumn();
    const QString targetName =
        target >= 0
            ? QString::fromStdString(m_data->table.columns[static_cast<std::size_t>(target)].name)
            : QString();
    const QStringList lines = m_roles->plan().notice(targetName, m_roles->missingPolicy());
    // One bullet per fact, so that a long list of left-out columns does not hide the rows.
    m_notice->setText(QStringLiteral("• ") + lines.join(QStringLiteral("\n• ")));
    m_notice->setVisible(!lines.isEmpty());
}

void DataPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_model->setMissingColour(missingCellText(palette()));
}

}  // namespace bps
