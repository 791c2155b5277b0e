#pragma once
// One row per CSV column: its role (target, a feature in one of the forms its kind allows, or
// ignored; editable), the network inputs it becomes, min, max, mean, missing count and its
// inferred kind with the reason. The roles, the kinds they force and the missing-cell policy
// become the bps::DataSelection a training run uses.

#include <QMap>
#include <QStringList>
#include <QTableWidget>

#include "core/data/dataset.h"
#include "ui/data/csv_loader.h"
#include "ui/panels/column_choice.h"
#include "ui/panels/input_plan.h"

namespace bps {

class ColumnRolesView : public QTableWidget {
    Q_OBJECT
public:
    explicit ColumnRolesView(QWidget* parent = nullptr);

    // Default roles: the last column is the target, every numeric or categorical column a
    // feature, the other kinds ignored. Every earlier choice and kind override is forgotten.
    void setData(LoadedDataPtr data);
    DataSelection selection() const;
    // Applies a model's target and features where the columns exist; false if some are missing.
    bool applySelection(const QString& target, const QStringList& features,
                        const QMap<QString, FeatureForm>& forms = {});
    int targetColumn() const { return m_target; }
    ColumnRole role(int column) const;
    // Feature: the column's first feature form (see setChoice for another).
    void setRole(int column, ColumnRole role);
    // The role combo box's entries for `column`, and the one chosen.
    const std::vector<ColumnChoice>& choices(int column) const;
    const ColumnChoice& choice(int column) const;
    // Chooses the entry of choices(column) with this role and form (false: there is none).
    bool setChoice(int column, ColumnRole role, FeatureForm form = FeatureForm::Numeric);
    const ColumnKindInfo& kind(int column) const;
    void setMissingPolicy(MissingPolicy policy);
    MissingPolicy missingPolicy() const { return m_policy; }
    // What the current choices make of the table (inputs per column, left-out rows and columns).
    const InputPlan& plan() const { return m_plan; }

signals:
    void selectionChanged();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    // The kind's column takes the width left in view (within bounds), wrapping its reason.
    void fitKindColumn();

    void showChoice(int column, const ColumnChoice& choice);
    void userChose(int column, int index);
    void choose(int column, const ColumnChoice& choice);
    void refreshPlan();
    std::vector<ColumnChoice> currentChoices() const;

    LoadedDataPtr m_data;
    std::vector<ColumnKindInfo> m_kinds;               // inferred, per column
    std::vector<std::vector<ColumnChoice>> m_choices;  // offered, per column
    std::vector<int> m_chosen;                         // index into m_choices[column]
    int m_target = -1;
    MissingPolicy m_policy = MissingPolicy::Impute;
    InputPlan m_plan;
};

}  // namespace bps
