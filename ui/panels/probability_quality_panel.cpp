#include "ui/panels/probability_quality_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <cmath>

#include "core/evaluation/calibration.h"
#include "core/evaluation/gains.h"
#include "ui/charts/chart_card.h"
#include "ui/charts/expected_cost_chart.h"
#include "ui/charts/gains_chart.h"
#include "ui/charts/reliability_chart.h"
#include "ui/training/redraw_throttle.h"

namespace bps {

namespace {
constexpr int kBins = 10;

QDoubleSpinBox* costSpin(double value, const QString& tip) {
    auto* spin = new QDoubleSpinBox;
    spin->setRange(0, 1e9);
    spin->setDecimals(2);
    spin->setValue(value);
    spin->setToolTip(tip);
    return spin;
}
}  // namespace

ProbabilityQualityPanel::ProbabilityQualityPanel(QWidget* parent)
    : QWidget(parent),
      m_classDraw(new RedrawThrottle(this, [this] { drawClass(); })),
      m_costDraw(new RedrawThrottle(this, [this] { drawCost(); })) {
    m_heading = new QLabel;
    m_heading->setWordWrap(true);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);

    m_classLabel = new QLabel(tr("Class:"));
    m_class = new QComboBox;
    m_class->setToolTip(tr("The class whose probability is judged, against all the others"));
    m_binning = new QComboBox;
    m_binning->addItem(tr("10 equal-width bins"), static_cast<int>(Binning::Uniform));
    m_binning->addItem(tr("10 equal-count bins (quantiles)"), static_cast<int>(Binning::Quantile));
    m_binning->setToolTip(
        tr("Equal-width bins show the whole probability range; equal-count bins put the same "
           "number of rows behind every point."));
    connect(m_class, &QComboBox::currentIndexChanged, this, &ProbabilityQualityPanel::showClass);
    connect(m_binning, &QComboBox::currentIndexChanged, this, &ProbabilityQualityPanel::showClass);
    auto* choices = new QHBoxLayout;
    choices->addWidget(m_classLabel);
    choices->addWidget(m_class);
    choices->addWidget(new QLabel(tr("Reliability:")));
    choices->addWidget(m_binning);
    choices->addStretch(1);

    m_costBox = new QGroupBox(tr("Costs of the decisions"));
    m_fp = costSpin(1, tr("What one false positive (a false alarm) costs"));
    m_fn = costSpin(1, tr("What one false negative (a missed positive) costs"));
    m_tp = costSpin(0, tr("What one true positive earns (subtracted from the cost)"));
    m_bestText = new QLabel;
    m_bestText->setWordWrap(true);
    m_bestText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_use = new QPushButton(tr("Use this threshold"));
    m_use->setToolTip(
        tr("Make the lowest-cost threshold the model's: the Results metrics, the status bar, "
           "exports and the saved model all use it"));
    connect(m_use, &QPushButton::clicked, this, [this] {
        if (hasBest()) emit thresholdChosen(m_best.threshold);
    });
    auto* costForm = new QFormLayout;
    costForm->addRow(tr("False positive costs"), m_fp);
    costForm->addRow(tr("False negative costs"), m_fn);
    costForm->addRow(tr("True positive earns"), m_tp);
    for (QDoubleSpinBox* spin : {m_fp, m_fn, m_tp})
        connect(spin, &QDoubleSpinBox::valueChanged, this, &ProbabilityQualityPanel::recomputeCost);

    m_reliability = new ReliabilityChart;
    m_gains = new GainsChart(GainsChart::Mode::Gains);
    m_lift = new GainsChart(GainsChart::Mode::Lift);
    m_cost = new ExpectedCostChart;
    m_cards = {
        new ChartCard(
            m_reliability, [this] { return m_reliability->csv(); }, QStringLiteral("reliability")),
        new ChartCard(
            m_gains, [this] { return m_gains->csv(); }, QStringLiteral("gains")),
        new ChartCard(
            m_lift, [this] { return m_lift->csv(); }, QStringLiteral("lift")),
        new ChartCard(
            m_cost, [this] { return m_cost->csv(); }, QStringLiteral("expected-cost"))};
    m_costCard = m_cards[3];
    for (ChartCard* card : m_cards)
        connect(card, &ChartCard::saveFailed, this, &ProbabilityQualityPanel::saveFailed);

    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // One chart per row: the tab often shares the window with both docks, and four charts side by
    // side would leave each too narrow to read; the scroll area takes the height.
    auto* costLayout = new QVBoxLayout(m_costBox);
    auto* formRow = new QHBoxLayout;
    formRow->addLayout(costForm);
    formRow->addStretch(1);
    costLayout->addLayout(formRow);
    costLayout->addWidget(m_bestText);
    costLayout->addWidget(m_use, 0, Qt::AlignLeft);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addLayout(choices);
    layout->addWidget(m_summary);
    layout->addWidget(m_cards[0]);
    layout->addWidget(m_costBox);
    for (int i : {3, 1, 2}) layout->addWidget(m_cards[i]);
    for (ChartCard* card : m_cards) card->setMinimumHeight(340);
    layout->addStretch(1);
    clear();
}

void ProbabilityQualityPanel::setGuard(std::function<QString(const QString&)> guard) {
    for (ChartCard* card : m_cards) card->setGuard(guard);
}

ReliabilityChart* ProbabilityQualityPanel::reliabilityChart() const {
    drawHeldBack();
    return m_reliability;
}

GainsChart* ProbabilityQualityPanel::gainsChart() const {
    drawHeldBack();
    return m_gains;
}

GainsChart* ProbabilityQualityPanel::liftChart() const {
    drawHeldBack();
    return m_lift;
}

ExpectedCostChart* ProbabilityQualityPanel::costChart() const {
    drawHeldBack();
    return m_cost;
}

QList<ChartCard*> ProbabilityQualityPanel::cards() const {
    drawHeldBack();
    return m_cards;
}

bool ProbabilityQualityPanel::chartsHeldBack() const {
    return m_classDraw->pending() || m_costDraw->pending();
}

void ProbabilityQualityPanel::drawHeldBack() const {
    m_classDraw->flush();
    m_costDraw->flush();
}

bool ProbabilityQualityPanel::hasBest() const {
    return m_result && m_result->model.task == Task::Binary && std::isfinite(m_best.expectedCost);
}

Costs ProbabilityQualityPanel::costs() const {
    return {m_fp->value(), m_fn->value(), m_tp->value(), 0};
}

void ProbabilityQualityPanel::setCosts(const Costs& costs) {
    for (auto [spin, value] :
         {std::pair{m_fp, costs.falsePositive}, std::pair{m_fn, costs.falseNegative},
          std::pair{m_tp, costs.truePositive}}) {
        const QSignalBlocker block(spin);
        spin->setValue(value);
    }
    recomputeCost();
}

void ProbabilityQualityPanel::clear() {
    m_result.reset();  // a draw still held back draws nothing
    m_shown = {};
    m_heading->setText(tr("Train a classifier to see how well its probabilities are calibrated."));
    m_reliability->clear(tr("Reliability (after training)"));
    m_gains->clear();
    m_lift->clear();
    m_cost->clear();
    m_summary->clear();
    m_class->clear();
    m_class->setVisible(false);
    m_classLabel->setVisible(false);
    m_costBox->setVisible(true);
    m_costCard->setVisible(true);
    for (ChartCard* card : m_cards) card->setSavesEnabled(false);
    m_best = {0.5, 0, 0, 0, 0, kNaN};
    m_bestText->setText(tr("The threshold with the lowest expected cost appears here."));
    m_use->setEnabled(false);
    emit bestThresholdChanged(kNaN);
}

void ProbabilityQualityPanel::setResult(TrainingResultPtr result) {
    if (!result || result->validationTargets.size() == 0 ||
        result->model.task == Task::Regression) {
        clear();
        if (result && result->model.task == Task::Regression)
            m_heading->setText(
                tr("Probability quality is for classifiers: this model predicts "
                   "numbers (see the Results tab)."));
        else if (result)
            m_heading->setText(tr("No validation rows to judge the probabilities on."));
        return;
    }
    m_result = std::move(result);
    const bool binary = m_result->model.task == Task::Binary;
    m_heading->setText(tr("On the %L1 validation rows").arg(m_result->validationTargets.size()));
    {
        const QSignalBlocker block(m_class);
        m_class->clear();
        const auto& classes = m_result->model.classes;
        for (std::size_t c = binary ? 1 : 0; c < classes.size(); ++c)
            m_class->addItem(QString::fromStdString(classes[c]), static_cast<int>(c));
    }
    m_class->setVisible(!binary);
    m_classLabel->setVisible(!binary);
    m_costBox->setVisible(binary);
    m_costCard->setVisible(binary);
    for (ChartCard* card : m_cards) card->setSavesEnabled(true);
    showClass();
    recomputeCost();
}

void ProbabilityQualityPanel::showClass() {
    if (!m_result) return;
    const bool binary = m_result->model.task == Task::Binary;
    const int c = binary ? 0 : std::max(0, m_class->currentData().toInt());
    const Eigen::VectorXd scores = m_result->validationOutputs.col(c);
    const Eigen::VectorXd labels =
        binary ? Eigen::VectorXd(m_result->validationTargets)
               : Eigen::VectorXd((m_result->validationTargets.array() == c).cast<double>());
    const auto binning = static_cast<Binning>(m_binning->currentData().toInt());
    const QString subject = QString::fromStdString(m_result->model.classes[binary ? 1 : c]);
    const Reliability r = reliability(scores, labels, kBins, binning);
    m_shown = {r, scores, labels, subject};
    m_classDraw->request();
    const std::vector<GainsGroup> deciles = gainsByGroup(scores, labels, 10);
    QString text = tr("P(%1): Brier score %2 (0 is perfect), expected calibration error %3 over "
                      "%4 bins.")
                       .arg(subject)
                       .arg(r.brier, 0, 'f', 4)
                       .arg(r.ece, 0, 'f', 4)
                       .arg(kBins);
    if (!deciles.empty() && std::isfinite(deciles.front().cumulativeGain))
        text += tr(" The 10% of rows it scores highest hold %1% of the rows of class %2 (lift %3).")
                    .arg(100 * deciles.front().cumulativeGain, 0, 'f', 1)
                    .arg(subject)
                    .arg(deciles.front().lift, 0, 'f', 2);
    if (r.skipped > 0) text += tr(" %L1 rows with a NaN probability are left out.").arg(r.skipped);
    m_summary->setText(text);
}

void ProbabilityQualityPanel::drawClass() {
    if (!m_result) return;
    m_reliability->setReliability(m_shown.reliability, m_shown.subject);
    m_gains->setScores(m_shown.scores, m_shown.labels);
    m_lift->setScores(m_shown.scores, m_shown.labels);
}

void ProbabilityQualityPanel::drawCost() {
    if (!m_result || m_result->model.task != Task::Binary) return;
    m_cost->setCurve(
        costCurve(m_result->validationOutputs.col(0), m_result->validationTargets, costs()),
        m_best);
    m_cost->setCurrentThreshold(m_currentThreshold);
}

void ProbabilityQualityPanel::recomputeCost() {
    if (!m_result || m_result->model.task != Task::Binary) return;
    const Eigen::VectorXd scores = m_result->validationOutputs.col(0);
    const Eigen::VectorXd& labels = m_result->validationTargets;
    const Costs c = costs();
    m_best = minimumCostThreshold(scores, labels, c);
    m_costDraw->request();
    showCurrent();
    m_use->setEnabled(hasBest());
    emit bestThresholdChanged(hasBest() ? m_best.threshold : kNaN);
}

// The current threshold against the best: a slider move costs one pass over the rows, not a
// new curve.
void ProbabilityQualityPanel::showCurrent() {
    if (!m_result || m_result->model.task != Task::Binary) return;
    if (!m_costDraw->pending()) m_cost->setCurrentThreshold(m_currentThreshold);
    if (std::isfinite(m_best.expectedCost)) {
        const CostPoint now = costAt(m_result->validationOutputs.col(0),
                                     m_result->validationTargets, costs(), m_currentThreshold);
        m_bestText->setText(
            tr("Lowest expected cost at threshold <b>%1</b>: %2 per row (%3 false positives, %4 "
               "false negatives). At the current threshold %5: %6 per row.")
                .arg(m_best.threshold, 0, 'f', 4)
                .arg(m_best.expectedCost, 0, 'g', 4)
                .arg(m_best.falsePositives)
                .arg(m_best.falseNegatives)
                .arg(m_currentThreshold, 0, 'f', 4)
                .arg(now.expectedCost, 0, 'g', 4));
    } else {
        m_bestText->setText(tr("No threshold between 0 and 1 changes a decision on these rows."));
    }
}

void ProbabilityQualityPanel::setCurrentThreshold(double threshold) {
    if (threshold == m_currentThreshold) return;
    m_currentThreshold = threshold;
    showCurrent();
}

}  // namespace bps
