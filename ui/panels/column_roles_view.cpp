#include "ui/panels/column_roles_view.h"

#include <QComboBox>
#include <QHeaderView>
#include <QResizeEvent>
#include <QSignalBlocker>
#include <algorithm>
#include <cmath>

namespace bps {

namespace {
// The kind and the inputs next to the role: they say what the role means for the column.
enum Column { kName, kRole, kInputs, kKind, kMissing, kMin, kMax, kMean, kColumnCount };
// Long names are elided (the full name is the tooltip), so the kind stays in view.
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
    setHorizontalHeaderLabels({tr("Column"), tr("Role"), tr("Inputs"), tr("Kind (why)"),
                               tr("Missing"), tr("Min"), tr("Max"), tr("Mean")});
    horizontalHeaderItem(kInputs)->setToolTip(
        tr("Network inputs the column becomes: 1 for a number (2 with a missing-indicator), "
           "one per level for a one-hot column"));
    horizontalHeaderItem(kKind)->setToolTip(
        tr("The kind inferred from the column's values, and the rule that decided it"));
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(false);
    // The kind's reason is the longest text: wrapped in a column of its own width, it stays
    // readable next to the roles without scrolling sideways.
    horizontalHeader()->setSectionResizeMode(kKind, QHeaderView::Interactive);
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    verticalHeader()->setVisible(false);
    setSelectionMode(QAbstractItemView::NoSelection);
    setWordWrap(true);
    setToolTip(
        tr("Choose the target (what to predict) and the features (what to predict it "
           "from); ignored columns are left out"));
}

void ColumnRolesView::setData(LoadedDataPtr data) {
    m_data = std::move(data);
    const CsvTable& table = m_data->table;
    m_kinds =
        m_data->kinds.size() == table.columns.size() ? m_data->kinds : inferColumnKinds(table);
    const int n = static_cast<int>(table.columns.size());
    m_choices.assign(table.columns.size(), {});
    m_chosen.assign(table.columns.size(), 0);
    m_target = -1;

    setRowCount(n);
    const auto rows = static_cast<qint64>(table.rows);
    for (int c = 0; c < n; ++c) {
        const auto i = static_cast<std::size_t>(c);
        const ColumnSummary& s = m_data->summaries[i];
        m_choices[i] = choicesFor(m_kinds[i]);
        setItem(c, kName, makeItem(s.name));
        item(c, kName)->setToolTip(s.name);  // the full name where the column elides it
        setItem(c, kInputs, makeItem(QString(), true));
        setItem(c, kMin, makeItem(shortNumber(s.min), true));
        setItem(c, kMax, makeItem(shortNumber(s.max), true));
        setItem(c, kMean, makeItem(shortNumber(s.mean), true));
        const QString missing =
            s.missing == 0 ? QStringLiteral("0")
                           : tr("%1 (%2%)")
                                 .arg(s.missing)
                                 .arg(100.0 * s.missing / std::max<qint64>(rows, 1), 0, 'f', 1);
        setItem(c, kMissing, makeItem(missing, true));
        const QString why = QString::fromStdString(describeKind(m_kinds[i]));
        QTableWidgetItem* kindItem = makeItem(why);
        kindItem->setToolTip(why);
        setItem(c, kKind, kindItem);

        auto* combo = new QComboBox;
        for (const ColumnChoice& choice : m_choices[i]) combo->addItem(choice.label);
        combo->setToolTip(toolTip());
        setCellWidget(c, kRole, combo);
        connect(combo, &QComboBox::currentIndexChanged, this,
                [this, c](int index) { userChose(c, index); });
        showChoice(c, defaultChoice(m_kinds[i]));
    }
    if (n > 0) choose(n - 1, m_choices.back().front());  // the last column is the target
    refreshPlan();
    resizeColumnsToContents();
    // A long column name is elided rather than pushing the kind and the statistics out of view.
    horizontalHeader()->setSectionResizeMode(kName, QHeaderView::Interactive);
    horizontalHeader()->resizeSection(kName, std::min(columnWidth(kName), kMaxNameWidth));
    fitKindColumn();
    emit selectionChanged();
}

void ColumnRolesView::resizeEvent(QResizeEvent* event) {
    QTableWidget::resizeEvent(event);
    fitKindColumn();
}

void ColumnRolesView::fitKindColumn() {
    const int x = fontMetrics().horizontalAdvance(QLatin1Char('x'));
    const int left = horizontalHeader()->sectionPosition(kKind);
    const int room = viewport()->width() - left;
    setColumnWidth(kKind, std::clamp(room, 16 * x, 40 * x));
}

const std::vector<ColumnChoice>& ColumnRolesView::choices(int column) const {
    return m_choices.at(static_cast<std::size_t>(column));
}

const ColumnChoice& ColumnRolesView::choice(int column) const {
    const auto i = static_cast<std::size_t>(column);
    return m_choices.at(i).at(static_cast<std::size_t>(m_chosen.at(i)));
}

const ColumnKindInfo& ColumnRolesView::kind(int column) const {
    return m_kinds.at(static_cast<std::size_t>(column));
}

ColumnRole ColumnRolesView::role(int column) const { return choice(column).role; }

void ColumnRolesView::showChoice(int column, const ColumnChoice& wanted) {
    const auto& offered = m_choices[static_cast<std::size_t>(column)];
    int index = static_cast<int>(offered.size()) - 1;  // Ignored, if `wanted` is not offered
    for (std::size_t k = 0; k < offered.size(); ++k)
        if (offered[k].sameAs(wanted)) index = static_cast<int>(k);
    m_chosen[static_cast<std::size_t>(column)] = index;
    if (auto* combo = qobject_cast<QComboBox*>(cellWidget(column, kRole))) {
        const QSignalBlocker block(combo);
        combo->setCurrentIndex(index);
    }
}

void ColumnRolesView::userChose(int column, int index) {
    if (index < 0) return;
    choose(column, m_choices[static_cast<std::size_t>(column)][static_cast<std::size_t>(index)]);
    refreshPlan();
    emit selectionChanged();
}

void ColumnRolesView::choose(int column, const ColumnChoice& choice) {
    if (choice.role == ColumnRole::Target && m_target >= 0 && m_target != column) {
        // One target: the previous one gets the choice its kind starts with.
        showChoice(m_target, defaultChoice(m_kinds[static_cast<std::size_t>(m_target)]));
    }
    if (choice.role == ColumnRole::Target)
        m_target = column;
    else if (column == m_target)
        m_target = -1;
    showChoice(column, choice);
}

void ColumnRolesView::setRole(int column, ColumnRole role) {
    const ColumnKindInfo& k = m_kinds.at(static_cast<std::size_t>(column));
    setChoice(column, role, defaultFeatureChoice(k).form);
}

bool ColumnRolesView::setChoice(int column, ColumnRole role, FeatureForm form) {
    for (const ColumnChoice& offered : choices(column))
        if (offered.sameAs({role, form, {}})) {
            choose(column, offered);
            refreshPlan();
            emit selectionChanged();
            return true;
        }
    return false;
}

void ColumnRolesView::setMissingPolicy(MissingPolicy policy) {
    if (policy == m_policy) return;
    m_policy = policy;
    if (!m_data) return;
    refreshPlan();
    emit selectionChanged();
}

bool ColumnRolesView::applySelection(const QString& target, const QStringList& features,
                                     const QMap<QString, FeatureForm>& forms) {
    if (!m_data) return false;
    bool all = true;
    const auto& columns = m_data->table.columns;
    int targetIndex = -1;
    for (std::size_t c = 0; c < columns.size(); ++c)
        if (QString::fromStdString(columns[c].name) == target) targetIndex = static_cast<int>(c);
    if (targetIndex < 0) return false;
    for (std::size_t c = 0; c < columns.size(); ++c)
        showChoice(static_cast<int>(c), m_choices[c].back());
    m_target = -1;
    choose(targetIndex, m_choices[static_cast<std::size_t>(targetIndex)].front());
    for (const QString& f : features) {
        bool found = false;
        for (std::size_t c = 0; c < columns.size(); ++c)
            if (QString::fromStdString(columns[c].name) == f && static_cast<int>(c) != m_target) {
                ColumnChoice wanted = defaultFeatureChoice(m_kinds[c]);
                // The form the model was trained with (a number made categorical, date
                // parts), when this column offers it.
                if (forms.contains(f))
                    for (const ColumnChoice& offered : m_choices[c])
                        if (offered.role == ColumnRole::Feature && offered.form == forms[f])
                            wanted = offered;
                showChoice(static_cast<int>(c), wanted);
                found = true;
            }
        all = all && found;
    }
    refreshPlan();
    emit selectionChanged();
    return all;
}

std::vector<ColumnChoice> ColumnRolesView::currentChoices() const {
    std::vector<ColumnChoice> out;
    for (int c = 0; c < static_cast<int>(m_choices.size()); ++c) out.push_back(choice(c));
    return out;
}

DataSelection ColumnRolesView::selection() const {
    DataSelection selection;
    selection.encoding.missing = m_policy;
    if (!m_data) return selection;
    const auto& columns = m_data->table.columns;
    if (m_target >= 0) selection.target = columns[static_cast<std::size_t>(m_target)].name;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const ColumnChoice& chosen = choice(static_cast<int>(c));
        if (chosen.role != ColumnRole::Feature) continue;
        selection.features.push_back(columns[c].name);
        if (chosen.form == FeatureForm::DateParts) selection.expandDates = true;
        if (const auto forced = kindOverride(m_kinds[c], chosen.form))
            selection.kinds[columns[c].name] = *forced;
    }
    return selection;
}

void ColumnRolesView::refreshPlan() {
    if (!m_data) return;
    m_plan = planInputs(m_data->table, m_kinds, currentChoices(), selection());
    for (int c = 0; c < rowCount(); ++c) {
        const auto& inputs = m_plan.inputs[static_cast<std::size_t>(c)];
        QString text;
        if (inputs)
            text = QString::number(static_cast<qint64>(*inputs));
        else if (choice(c).role == ColumnRole::Feature)
            text = tr("date parts");
        if (QTableWidgetItem* it = item(c, kInputs)) it->setText(text);
    }
}

}  // namespace bps
