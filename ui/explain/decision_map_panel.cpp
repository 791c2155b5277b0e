#include "ui/explain/decision_map_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSplitter>
#include <QVBoxLayout>

#include "core/explain/map_columns.h"
#include "ui/charts/chart_palette.h"
#include "ui/explain/decision_map_view.h"
#include "ui/explain/network_diagram.h"

namespace bps {

DecisionMapPanel::DecisionMapPanel(QWidget* parent)
    : QWidget(parent),
      m_worker(new DecisionMapWorker(this)),
      m_view(new DecisionMapView),
      m_diagram(new NetworkDiagram),
      m_x(new QComboBox),
      m_y(new QComboBox),
      m_hold(new QComboBox),
      m_rule(new QLabel),
      m_note(new QLabel) {
    m_x->setObjectName(QStringLiteral("decisionMapX"));
    m_y->setObjectName(QStringLiteral("decisionMapY"));
    m_hold->setObjectName(QStringLiteral("decisionMapHold"));
    m_rule->setObjectName(QStringLiteral("decisionMapColumnsRule"));
    // Combos that may shrink (long column names elide), so the tab fits beside both docks.
    for (QComboBox* c : {m_x, m_y, m_hold}) {
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(c == m_hold ? 14 : 9);
    }
    m_hold->addItem(tr("the validation rows' medians"));
    m_hold->addItem(tr("the row selected in the Data tab"));
    m_hold->setToolTip(
        tr("The inputs not on an axis: numeric ones at their median, categorical "
           "ones at their most frequent level, or all at the values of one row."));
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("X:")));
    controls->addWidget(m_x);
    controls->addSpacing(8);
    controls->addWidget(new QLabel(tr("Y:")));
    controls->addWidget(m_y);
    // A row of its own: beside the columns it would make the tab too wide for a laptop.
    auto* hold = new QHBoxLayout;
    hold->addWidget(new QLabel(tr("Hold the other inputs at:")));
    hold->addWidget(m_hold, 1);  // as wide as the row allows: its texts are long
    controls->addStretch(1);

    auto* split = new QSplitter(Qt::Horizontal);
    split->setChildrenCollapsible(false);
    split->addWidget(m_view);
    split->addWidget(m_diagram);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 400});

    for (QLabel* label : {m_rule, m_note}) {
        label->setWordWrap(true);
        label->setForegroundRole(QPalette::PlaceholderText);
    }
    const QString why =
        tr("X and Y start at the two columns with the largest permutation importance "
           "on the validation rows (while the first run trains, at the two with the largest "
           "first-layer weights, a quick guess). Your own choice is kept until the data set "
           "or the target changes.");
    m_x->setToolTip(why);
    m_y->setToolTip(why);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_rule);
    layout->addLayout(hold);
    layout->addWidget(split, 1);
    layout->addWidget(m_note);
    updateHoldChoice();

    connect(m_worker, &DecisionMapWorker::mapReady, this, &DecisionMapPanel::showResult);
    connect(m_diagram, &NetworkDiagram::unitHovered, m_view, &DecisionMapView::setShown);
    connect(m_diagram, &NetworkDiagram::unitLeft, m_view, [this] { m_view->setShown({}); });
    for (QComboBox* c : {m_x, m_y})
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            if (m_x->currentIndex() == m_y->currentIndex()) {
                // Two different columns always: swap rather than refuse.
                QComboBox* other = sender() == m_x ? m_y : m_x;
                const QSignalBlocker block(other);
                other->setCurrentIndex(other->currentIndex() == 0 ? 1 : 0);
            }
            userPickedColumns();
            request();
        });
    connect(m_hold, &QComboBox::currentIndexChanged, this, &DecisionMapPanel::request);
}

DecisionMapPanel::~DecisionMapPanel() = default;

void DecisionMapPanel::setData(LoadedDataPtr data, const DataSelection& selection) {
    // Another data set or target: the user's pair was for that problem; defaults apply again.
    if (data != m_data || selection.target != m_selection.target) {
        m_userX.clear();
        m_userY.clear();
    }
    m_data = std::move(data);
    m_selection = selection;
    clear();
}

void DecisionMapPanel::clear() {
    forgetModel();
    m_columnsFilled = false;
    m_chosenFor.reset();
    m_importanceModel.reset();
    m_importanceOrder.clear();
    m_rule->clear();
    const QSignalBlocker bx(m_x), by(m_y);
    m_x->clear();
    m_y->clear();
}

void DecisionMapPanel::forgetModel() {
    m_model.reset();
    m_settled = false;
    ++m_contextId;  // a computation under way is dropped when it ends
    m_dirty = false;
    m_view->clear();
    m_diagram->clear();
    m_note->clear();
}

void DecisionMapPanel::setModel(ModelPtr model, bool sameContext, bool settled) {
    if (!sameContext || !m_model || m_model->features != model->features) ++m_contextId;
    // The combos stay while they list this model's columns (a later run on the same data).
    const std::vector<ColumnInputs> columns = columnInputs(*model);
    bool same = m_columnsFilled && m_x->count() == static_cast<int>(columns.size());
    for (std::size_t i = 0; same && i < columns.size(); ++i)
        same = m_x->itemText(static_cast<int>(i)) == QString::fromStdString(columns[i].name);
    if (!same) {
        m_columnsFilled = false;
        m_chosenFor.reset();
    }
    m_model = std::move(model);
    m_settled = settled;
    request();
}

void DecisionMapPanel::setImportance(ModelPtr model, const ImportanceResult& importance) {
    if (!model) return;
    m_importanceOrder = columnsByImportance(*model, importance);
    m_importanceModel = std::move(model);
}

void DecisionMapPanel::setSelectedRow(long long row) {
    m_selectedRow = row;
    updateHoldChoice();
    if (m_hold->currentIndex() == 1) request();
}

void DecisionMapPanel::beginRun() { ++m_contextId; }

void DecisionMapPanel::setThreshold(double threshold) { m_view->setThreshold(threshold); }

void DecisionMapPanel::updateHoldChoice() {
    const QString text = m_selectedRow >= 0
                             ? tr("row %1 (selected in the Data tab)").arg(m_selectedRow + 1)
                             : tr("a row selected in the Data tab (none yet)");
    m_hold->setItemText(1, text);
}

void DecisionMapPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_dirty) request();
}

void DecisionMapPanel::request() {
    if (!m_model || !m_data) return;
    if (!isVisible()) {
        m_dirty = true;  // computed when the tab is shown
        return;
    }
    m_dirty = false;
    DecisionMapRequest r;
    r.generation = ++m_generation;
    r.contextId = m_contextId;
    r.table = std::shared_ptr<const CsvTable>(m_data, &m_data->table);
    r.selection = m_selection;
    r.model = m_model;
    chooseColumnsIn(r);
    r.baseRow = m_hold->currentIndex() == 1 ? m_selectedRow : -1;
    m_worker->compute(r);
}

// In order: the user's pair (when this model has those columns); for a settled model not yet
// shown by its importance, the Importance tab's measurement or the worker's (-1); the pair on
// show; the worker's provisional choice by weights (-1).
void DecisionMapPanel::chooseColumnsIn(DecisionMapRequest& r) {
    const std::vector<ColumnInputs> columns = columnInputs(*m_model);
    const auto indexOf = [&](const QString& name) {
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (QString::fromStdString(columns[i].name) == name) return static_cast<int>(i);
        return -1;
    };
    if (!m_userX.isEmpty()) {
        const int x = indexOf(m_userX), y = indexOf(m_userY);
        if (x >= 0 && y >= 0 && x != y) {
            r.xColumn = x;
            r.yColumn = y;
            r.rule = MapColumnRule::User;
            return;
        }
    }
    if (m_settled && m_chosenFor != m_model) {
        r.rule = MapColumnRule::Importance;
        if (m_importanceModel == m_model && m_importanceOrder.size() >= 2) {
            r.xColumn = m_importanceOrder[0];
            r.yColumn = m_importanceOrder[1];
        }
        return;
    }
    if (m_columnsFilled) {
        r.xColumn = m_x->currentIndex();
        r.yColumn = m_y->currentIndex();
        r.rule = m_shownRule;
        return;
    }
    r.rule = MapColumnRule::Weights;
}

void DecisionMapPanel::userPickedColumns() {
    m_userX = m_x->currentText();
    m_userY = m_y->currentText();
    m_shownRule = MapColumnRule::User;
    showRule(MapColumnRule::User);
}

void DecisionMapPanel::showRule(MapColumnRule rule) {
    switch (rule) {
        case MapColumnRule::Weights:
            m_rule->setText(
                tr("Columns: the two with the largest first-layer weights, for now (the two "
                   "most important, by permutation importance, once the run ends)."));
            break;
        case MapColumnRule::Importance:
            m_rule->setText(
                tr("Columns: the two most important (permutation importance on the "
                   "validation rows)."));
            break;
        case MapColumnRule::User:
            m_rule->setText(
                tr("Columns: your choice (kept until the data set or the target changes)."));
            break;
    }
}

void DecisionMapPanel::fillColumns(const DecisionMapResult& result) {
    const QSignalBlocker bx(m_x), by(m_y);
    if (!m_columnsFilled) {
        m_x->clear();
        m_y->clear();
        for (const ColumnInputs& c : result.context->columns) {
            const QString name = QString::fromStdString(c.name);
            m_x->addItem(name);
            m_y->addItem(name);
        }
        m_columnsFilled = true;
    }
    m_x->setCurrentIndex(result.xColumn);
    m_y->setCurrentIndex(result.yColumn);
    m_shownRule = result.rule;
    showRule(result.rule);
    if (result.rule == MapColumnRule::Importance) m_chosenFor = result.model;
}

void DecisionMapPanel::showResult(const DecisionMapResultPtr& result) {
    // A result of the current context newer than the one on show; a later request may still be
    // under way, but showing this one meanwhile keeps a busy machine's map moving.
    if (result->contextId != m_contextId || result->generation <= m_shownGeneration) return;
    m_shownGeneration = result->generation;
    // Not over a pair the user picked after this map was asked for.
    const bool picked = !m_userX.isEmpty() && result->rule != MapColumnRule::User;
    if (result->error.isEmpty() && (!m_columnsFilled || !picked)) fillColumns(*result);
    m_view->setResult(result);
    m_diagram->setResult(result);
    QString note;
    if (result->error.isEmpty()) {
        const auto rows = result->context->validation.rows();
        const bool regression = result->model->task == Task::Regression;
        const auto stride = DecisionMapView::pointStride(rows);
        note = tr("%1 × %2 grid over the validation rows' 1st to 99th percentiles; %L3 of the "
                  "%L4 validation rows drawn on top in the colour of their true %5. Hover a "
                  "hidden unit of the network to see its activation instead.")
                   .arg(result->grid.columns)
                   .arg(result->grid.rows)
                   .arg((rows + stride - 1) / stride)
                   .arg(rows)
                   .arg(regression ? tr("value") : tr("class"));
        if (!result->note.isEmpty()) note += QLatin1Char(' ') + result->note;
    }
    m_note->setText(note);
    ++m_shown;
    emit mapShown();
}

}  // namespace bps
