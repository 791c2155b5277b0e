#pragma once
// The loaded rows as a virtual table: data() reads the parsed column vectors directly and formats
// only the cells on screen, so a million rows cost no more memory than the CsvTable itself.

#include <QAbstractTableModel>
#include <QColor>

#include "ui/data/csv_loader.h"

namespace bps {

class DataTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit DataTableModel(QObject* parent = nullptr);

    void setTable(LoadedDataPtr data);
    LoadedDataPtr table() const { return m_data; }
    // The text colour of missing cells; the view's owner keeps it in step with the palette.
    void setMissingColour(const QColor& colour);
    QColor missingColour() const { return m_missing; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    LoadedDataPtr m_data;
    QColor m_missing{170, 60, 60};
};

}  // namespace bps
