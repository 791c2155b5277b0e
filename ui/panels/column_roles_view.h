#pragma once
// One row per CSV column: its role (target / feature / ignored, editable), type, min, max, mean
// and missing count. The roles become the bps::DataSelection a training run uses.

#include <QStringList>
#include <QTableWidget>

#include "core/data/dataset.h"
#include "ui/data/csv_loader.h"

namespace bps {

enum class ColumnRole { Target, Feature, Ignored };

class ColumnRolesView : public QTableWidget {
    Q_OBJECT
public:
    explicit ColumnRolesView(QWidget* parent = nullptr);

    // Default roles: the last column is the target, every other numeric column a feature.
    void setData(LoadedDataPtr data);
    DataSelection selection() const;
    // Applies a model's target and features where the columns exist; false if some are missing.
    bool applySelection(const QString& target, const QStringList& features);
    int targetColumn() const { return m_target; }
    ColumnRole role(int column) const;
    void setRole(int column, ColumnRole role);

signals:
    void selectionChanged();

private:
    void showRole(int column, ColumnRole role);
    void userChangedRole(int column, ColumnRole role);

    LoadedDataPtr m_data;
    std::vector<ColumnRole> m_roles;
    int m_target = -1;
};

}  // namespace bps
