#include "ui/data/data_table_model.h"

#include <QBrush>
#include <QColor>
#include <climits>
#include <cmath>

namespace bps {

DataTableModel::DataTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void DataTableModel::setTable(LoadedDataPtr data) {
    beginResetModel();
    m_data = std::move(data);
    endResetModel();
}

int DataTableModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || !m_data) return 0;
    // Views address rows with int; a table past 2^31 rows shows its first 2^31.
    return static_cast<int>(std::min<std::size_t>(m_data->table.rows, INT_MAX));
}

int DataTableModel::columnCount(const QModelIndex& parent) const {
    if (parent.isValid() || !m_data) return 0;
    return static_cast<int>(m_data->table.columns.size());
}

QVariant DataTableModel::data(const QModelIndex& index, int role) const {
    if (!m_data || !index.isValid()) return {};
    const CsvColumn& column = m_data->table.columns[static_cast<std::size_t>(index.column())];
    const auto row = static_cast<std::size_t>(index.row());
    const bool missing = column.numeric ? std::isnan(column.numbers[row]) : column.codes[row] < 0;
    switch (role) {
        case Qt::DisplayRole:
            if (missing) return QStringLiteral("missing");
            if (column.numeric) return formatCell(column.numbers[row]);
            return QString::fromStdString(
                column.levels[static_cast<std::size_t>(column.codes[row])]);
        case Qt::TextAlignmentRole:
            return QVariant::fromValue(column.numeric ? Qt::AlignRight | Qt::AlignVCenter
                                                      : Qt::AlignLeft | Qt::AlignVCenter);
        case Qt::ForegroundRole:
            if (missing) return QBrush(m_missing);
            return {};
        default:
            return {};
    }
}

void DataTableModel::setMissingColour(const QColor& colour) {
    if (colour == m_missing) return;
    m_missing = colour;
    if (rowCount() > 0 && columnCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                         {Qt::ForegroundRole});
}

QVariant DataTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (!m_data || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Vertical) return section + 1;
    return QString::fromStdString(m_data->table.columns[static_cast<std::size_t>(section)].name);
}

}  // namespace bps
