#pragma once
// The Data tab: the column summary with editable roles, the missing-cell policy, a notice of the
// columns and rows left out (kept on screen, unlike a status message), the class balance of the
// target (its histogram for regression) and the rows themselves.

#include <QWidget>

#include "ui/data/csv_loader.h"
#include "ui/panels/column_roles_view.h"

class QComboBox;
class QLabel;
class QTableView;

namespace bps {

class ClassBalanceView;
class DataTableModel;
class TargetHistogram;

class DataPanel : public QWidget {
    Q_OBJECT
public:
    explicit DataPanel(QWidget* parent = nullptr);

    void setData(LoadedDataPtr data);
    LoadedDataPtr data() const { return m_data; }
    DataSelection selection() const { return m_roles->selection(); }
    ColumnRolesView* roles() const { return m_roles; }
    // The target's class balance, or its histogram for a regression target (one is visible).
    ClassBalanceView* classBalance() const { return m_balance; }
    TargetHistogram* targetHistogram() const { return m_targetHistogram; }
    QTableView* rowsView() const { return m_rows; }
    DataTableModel* rowsModel() const { return m_model; }
    QComboBox* missingPolicyBox() const { return m_missingPolicy; }
    QLabel* notice() const { return m_notice; }

signals:
    void selectionChanged();

protected:
    // Missing cells' red follows the palette (a theme switch).
    void changeEvent(QEvent* event) override;

private:
    void updateNotice();
    void showTarget();

    LoadedDataPtr m_data;
    QLabel* m_title;
    QComboBox* m_missingPolicy;
    QLabel* m_notice;
    ColumnRolesView* m_roles;
    ClassBalanceView* m_balance;
    TargetHistogram* m_targetHistogram;
    QTableView* m_rows;
    DataTableModel* m_model;
};

}  // namespace bps
