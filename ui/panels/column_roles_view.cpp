#include "ui/panels/column_roles_view.h"

#include <QComboBox>
#include <QHeaderView>
#include <QSignalBlocker>
#include <QStandardItemModel>
#include <algorithm>
#include <cmath>

namespace bps {

namespace {
enum Column { kName, kRole, kType, kMin, kMax, kMean, kMissing, kColumnCount };
constexpr int kMaxNameWidth = 120;

QTableWidgetItem* makeItem(const QString& text, bool number = false) {
    auto* it = new QTableWidgetItem(text);
    it->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (number) it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return it;
}

QString shortNumber(double v) { return std::isnan(v) ? QString() : QString::number(v, 'g', 6); }
}  // namespace

ColumnRolesView::ColumnRolesView(QWidget* parent) : QTableWidget(parent) {
    setColumnCount(kColumnCount);
    setHorizontalHeaderLabels(
        {tr("Column"), tr("Role"), tr("Type"), tr("Min"), tr("Max"), tr("Mean"), tr("Missing")});
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(false);
    verticalHeader()->setVisible(false);
    setSelectionMode(QAbstractItemView::NoSelection);
    setToolTip(
        tr("Choose the target (what to predict) and the features (what to predict it "
           "from); ignored columns are left out"));
}

void ColumnRolesView::setData(LoadedDataPtr data) {
    m_data = std::move(data);
    const auto& columns = m_data->table.columns;
    const int n = static_cast<int>(columns.size());
    m_roles.assign(columns.size(), ColumnRole::Ignored);
    m_target = n - 1;
    for (int c = 0; c < n; ++c)
        if (c != m_target && columns[static_cast<std::size_t>(c)].numeric)
            m_roles[static_cast<std::size_t>(c)] = ColumnRole::Feature;
    if (m_target >= 0) m_roles[static_cast<std::size_t>(m_target)] = ColumnRole::Target;

    setRowCount(n);
    const auto rows = static_cast<qint64>(m_data->table.rows);
    for (int c = 0; c < n; ++c) {
        const ColumnSummary& s = m_data->summaries[static_cast<std::size_t>(c)];
        setItem(c, kName, makeItem(s.name));
        item(c, kName)->setToolTip(s.name);  // the full name where the column elides it
        setItem(c, kType,
                makeItem(s.numeric ? tr("number") : tr("text (%1 values)").arg(s.levels)));
        setItem(c, kMin, makeItem(shortNumber(s.min), true));
        setItem(c, kMax, makeItem(shortNumber(s.max), true));
        setItem(c, kMean, makeItem(shortNumber(s.mean), true));
        const QString missing =
            s.missing == 0 ? QStringLiteral("0")
                           : tr("%1 (%2%)")
                                 .arg(s.missing)
                                 .arg(100.0 * s.missing / std::max<qint64>(rows, 1), 0, 'f', 1);
        setItem(c, kMissing, makeItem(missing, true));

        auto* combo = new QComboBox;
        combo->addItem(tr("Target"), static_cast<int>(ColumnRole::Target));
        combo->addItem(tr("Feature"), static_cast<int>(ColumnRole::Feature));
        combo->addItem(tr("Ignored"), static_cast<int>(ColumnRole::Ignored));
        if (!s.numeric) {
            // A text column can be a class label but not an input.
            if (auto* model = qobject_cast<QStandardItemModel*>(combo->model()))
                model->item(1)->setEnabled(false);
        }
        combo->setToolTip(toolTip());
        setCellWidget(c, kRole, combo);
        connect(combo, &QComboBox::currentIndexChanged, this, [this, c, combo] {
            userChangedRole(c, static_cast<ColumnRole>(combo->currentData().toInt()));
        });
        showRole(c, m_roles[static_cast<std::size_t>(c)]);
    }
    resizeColumnsToContents();
    // A long column name is elided rather than pushing Type and the statistics out of view.
    horizontalHeader()->setSectionResizeMode(kName, QHeaderView::Interactive);
    horizontalHeader()->resizeSection(kName, std::min(columnWidth(kName), kMaxNameWidth));
    emit selectionChanged();
}

ColumnRole ColumnRolesView::role(int column) const {
    return m_roles.at(static_cast<std::size_t>(column));
}

void ColumnRolesView::showRole(int column, ColumnRole role) {
    m_roles[static_cast<std::size_t>(column)] = role;
    if (auto* combo = qobject_cast<QComboBox*>(cellWidget(column, kRole))) {
        const QSignalBlocker block(combo);
        combo->setCurrentIndex(combo->findData(static_cast<int>(role)));
    }
}

void ColumnRolesView::userChangedRole(int column, ColumnRole role) {
    setRole(column, role);
    emit selectionChanged();
}

void ColumnRolesView::setRole(int column, ColumnRole role) {
    if (role == ColumnRole::Target && m_target >= 0 && m_target != column) {
        // One target: the previous one becomes a feature if it can be one.
        const bool numeric = m_data->table.columns[static_cast<std::size_t>(m_target)].numeric;
        showRole(m_target, numeric ? ColumnRole::Feature : ColumnRole::Ignored);
    }
    if (role == ColumnRole::Target)
        m_target = column;
    else if (column == m_target)
        m_target = -1;
    showRole(column, role);
}

bool ColumnRolesView::applySelection(const QString& target, const QStringList& features) {
    if (!m_data) return false;
    bool all = true;
    const auto& columns = m_data->table.columns;
    int targetIndex = -1;
    for (std::size_t c = 0; c < columns.size(); ++c)
        if (QString::fromStdString(columns[c].name) == target) targetIndex = static_cast<int>(c);
    if (targetIndex < 0) return false;
    for (std::size_t c = 0; c < columns.size(); ++c)
        showRole(static_cast<int>(c), ColumnRole::Ignored);
    m_target = -1;
    setRole(targetIndex, ColumnRole::Target);
    for (const QString& f : features) {
        bool found = false;
        for (std::size_t c = 0; c < columns.size(); ++c)
            if (QString::fromStdString(columns[c].name) == f && columns[c].numeric) {
                showRole(static_cast<int>(c), ColumnRole::Feature);
                found = true;
            }
        all = all && found;
    }
    emit selectionChanged();
    return all;
}

DataSelection ColumnRolesView::selection() const {
    DataSelection selection;
    if (!m_data) return selection;
    const auto& columns = m_data->table.columns;
    if (m_target >= 0) selection.target = columns[static_cast<std::size_t>(m_target)].name;
    for (std::size_t c = 0; c < columns.size(); ++c)
        if (m_roles[c] == ColumnRole::Feature) selection.features.push_back(columns[c].name);
    return selection;
}

}  // namespace bps
