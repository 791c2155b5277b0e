#include "ui/explain/decision_map_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSplitter>
#include <QVBoxLayout>

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
      m_note(new QLabel) {
    m_x->setObjectName(QStringLiteral("decisionMapX"));
    m_y->setObjectName(QStringLiteral("decisionMapY"));
    m_hold->setObjectName(QStringLiteral("decisionMapHold"));
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

    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
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
            request();
        });
    connect(m_hold, &QComboBox::currentIndexChanged, this, &DecisionMapPanel::request);
}

DecisionMapPanel::~DecisionMapPanel() = default;

void DecisionMapPanel::setData(LoadedDataPtr data, const DataSelection& selection) {
    m_data = std::move(data);
    m_selection = selection;
    clear();
}

void DecisionMapPanel::clear() {
    forgetModel();
    m_columnsFilled = false;
    const QSignalBlocker bx(m_x), by(m_y);
    m_x->clear();
    m_y->clear();
}

void DecisionMapPanel::forgetModel() {
    m_model.reset();
    ++m_contextId;  // a computation under way is dropped when it ends
    m_dirty = false;
    m_view->clear();
    m_diagram->clear();
    m_note->clear();
}

void DecisionMapPanel::setModel(ModelPtr model, bool sameContext) {
    if (!sameContext || !m_model || m_model->features != model->features) {
        ++m_contextId;
        m_columnsFilled = false;
    }
    m_model = std::move(model);
    request();
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
    if (m_columnsFilled) {
        r.xColumn = m_x->currentIndex();
        r.yColumn = m_y->currentIndex();
    }
    r.baseRow = m_hold->currentIndex() == 1 ? m_selectedRow : -1;
    m_worker->compute(r);
}

void DecisionMapPanel::fillColumns(const DecisionMapResult& result) {
    const QSignalBlocker bx(m_x), by(m_y);
    m_x->clear();
    m_y->clear();
    for (const ColumnInputs& c : result.context->columns) {
        const QString name = QString::fromStdString(c.name);
        m_x->addItem(name);
        m_y->addItem(name);
    }
    m_x->setCurrentIndex(result.xColumn);
    m_y->setCurrentIndex(result.yColumn);
    const QString why =
        tr("The first choice is the two columns with the largest first-layer "
           "weights (the norm over each column's standardised inputs): a quick "
           "stand-in for importance, not a measurement of it.");
    m_x->setToolTip(why);
    m_y->setToolTip(why);
    m_columnsFilled = true;
}

void DecisionMapPanel::showResult(const DecisionMapResultPtr& result) {
    // A result of the current context newer than the one on show; a later request may still be
    // under way, but showing this one meanwhile keeps a busy machine's map moving.
    if (result->contextId != m_contextId || result->generation <= m_shownGeneration) return;
    m_shownGeneration = result->generation;
    if (result->error.isEmpty() && !m_columnsFilled) fillColumns(*result);
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
        if (result->columnsChosen)
            note += QLatin1Char(' ') + tr("Columns: the two with the largest first-layer weights.");
        if (!result->note.isEmpty()) note += QLatin1Char(' ') + result->note;
    }
    m_note->setText(note);
    ++m_shown;
    emit mapShown();
}

}  // namespace bps
