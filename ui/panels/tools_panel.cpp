#include "ui/panels/tools_panel.h"

#include <QChart>
#include <QChartView>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "core/model/limits.h"
#include "ui/charts/chart_palette.h"
#include "ui/panels/suggested_fix.h"

namespace bps {

namespace {
QString g(double v, int digits = 3) { return QString::number(v, 'g', digits); }
// A limit as the descriptions write it: 1e-6, 10.
QString limit(double v) { return g(v).replace(QStringLiteral("e-0"), QStringLiteral("e-")); }

QLabel* wrappingLabel(const QString& text = {}) {
    auto* label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

const QColor kPassColour(30, 123, 52);
const QColor kFailColour(192, 57, 43);

QString verdictColour(bool passed, const QPalette& palette) {
    return QStringLiteral("color: %1;")
        .arg(cssColour(readable(passed ? kPassColour : kFailColour, palette)));
}
}  // namespace

ToolsPanel::ToolsPanel(QWidget* parent) : QWidget(parent) {
    auto* intro = wrappingLabel(
        tr("Each tool uses the loaded data and the current settings on freshly initialised "
           "weights, and runs in the background."));
    intro->setForegroundRole(QPalette::PlaceholderText);  // secondary text, in any palette
    m_progress = new QProgressBar;
    m_progress->setTextVisible(true);
    m_cancel = new QPushButton(tr("Cancel"));
    m_status = wrappingLabel();
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    m_progress->hide();
    m_cancel->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(intro);
    layout->addLayout(progressRow);
    layout->addWidget(m_status);
    layout->addWidget(buildRangeTest());
    layout->addWidget(buildGradientCheck());
    layout->addWidget(buildOverfit());
    layout->addStretch(1);

    connect(m_cancel, &QPushButton::clicked, this, &ToolsPanel::cancelRequested);
    connect(m_runRange, &QPushButton::clicked, this,
            [this] { emit runRequested(ToolOutcome::Tool::RangeTest); });
    connect(m_runCheck, &QPushButton::clicked, this,
            [this] { emit runRequested(ToolOutcome::Tool::GradientCheck); });
    connect(m_runOverfit, &QPushButton::clicked, this,
            [this] { emit runRequested(ToolOutcome::Tool::Overfit); });
    connect(m_applyRate, &QPushButton::clicked, this,
            [this] { emit applyRateRequested(m_suggestedRate); });
    setToolsEnabled(false);
}

QWidget* ToolsPanel::buildRangeTest() {
    auto* box = new QGroupBox(tr("Learning-rate range test"));
    m_runRange = new QPushButton(tr("Run range test"));
    m_runRange->setToolTip(
        tr("Trains %1 mini-batches while the learning rate grows from %2 to %3, and "
           "suggests the rate where the loss falls fastest")
            .arg(limits::kRangeTestSteps)
            .arg(limit(limits::kRangeTestRates.min), limit(limits::kRangeTestRates.max)));
    auto* chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->hide();
    QFont small = chart->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_rateAxis = new QLogValueAxis;
    m_rateAxis->setTitleText(tr("Learning rate"));
    m_rateAxis->setLabelFormat("%.0e");
    m_rateAxis->setBase(100);  // a label every two decades: the panel is narrow
    m_rateAxis->setMinorTickCount(1);
    m_rateAxis->setRange(limits::kRangeTestRates.min, limits::kRangeTestRates.max);
    m_lossAxis = new QValueAxis;
    m_lossAxis->setTitleText(tr("Loss (smoothed)"));
    m_lossAxis->setLabelFormat("%.2g");
    for (QAbstractAxis* a :
         {static_cast<QAbstractAxis*>(m_rateAxis), static_cast<QAbstractAxis*>(m_lossAxis)}) {
        a->setLabelsFont(small);
        a->setTitleFont(small);
    }
    chart->addAxis(m_rateAxis, Qt::AlignBottom);
    chart->addAxis(m_lossAxis, Qt::AlignLeft);
    m_rangeSeries = new QLineSeries;
    m_rangeSeries->setName(tr("Loss"));
    m_rangeSeries->setPen(QPen(QColor(31, 119, 180), 2));
    m_suggestionLine = new QLineSeries;
    m_suggestionLine->setName(tr("Suggested rate"));
    m_suggestionLine->setPen(QPen(QColor(44, 160, 44), 1.5, Qt::DashLine));
    for (QLineSeries* s : {m_rangeSeries, m_suggestionLine}) {
        chart->addSeries(s);
        s->attachAxis(m_rateAxis);
        s->attachAxis(m_lossAxis);
    }
    m_rangeView = new QChartView(chart);
    m_rangeView->setRenderHint(QPainter::Antialiasing);
    m_rangeView->setFixedHeight(220);
    followPalette(m_rangeView);
    m_rangeLabel = wrappingLabel();
    m_applyRate = new QPushButton;
    m_applyRate->hide();
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_runRange, 0, Qt::AlignLeft);
    layout->addWidget(m_rangeView);
    layout->addWidget(m_rangeLabel);
    layout->addWidget(m_applyRate, 0, Qt::AlignLeft);
    m_rangeView->hide();
    return box;
}

QWidget* ToolsPanel::buildGradientCheck() {
    auto* box = new QGroupBox(tr("Gradient check"));
    m_runCheck = new QPushButton(tr("Check gradients"));
    m_runCheck->setToolTip(
        tr("Compares backpropagation with finite differences on %1 training rows, layer by "
           "layer, in double precision")
            .arg(limits::kGradientCheckRows));
    m_gradientTable = new QTableWidget(0, 3);
    m_gradientTable->setHorizontalHeaderLabels({tr("Layer"), tr("Relative error"), tr("Result")});
    m_gradientTable->verticalHeader()->hide();
    // Sized to its rows (see showGradientCheck): a table of two or three rows needs no scrolling.
    m_gradientTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_gradientTable->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_gradientTable->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_gradientTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_gradientTable->setSelectionMode(QAbstractItemView::NoSelection);
    m_gradientTable->hide();
    m_gradientLabel = wrappingLabel();
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_runCheck, 0, Qt::AlignLeft);
    layout->addWidget(m_gradientTable);
    layout->addWidget(m_gradientLabel);
    return box;
}

QWidget* ToolsPanel::buildOverfit() {
    auto* box = new QGroupBox(tr("Overfit a tiny batch"));
    m_runOverfit = new QPushButton(tr("Overfit %1 rows").arg(limits::kOverfitRows));
    m_runOverfit->setToolTip(
        tr("Trains a copy of the network with Adam on %1 rows only: a network that works "
           "drives their loss to about zero")
            .arg(limits::kOverfitRows));
    m_overfitLabel = wrappingLabel();
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_runOverfit, 0, Qt::AlignLeft);
    layout->addWidget(m_overfitLabel);
    return box;
}

QPushButton* ToolsPanel::runButton(ToolOutcome::Tool tool) const {
    switch (tool) {
        case ToolOutcome::Tool::RangeTest:
            return m_runRange;
        case ToolOutcome::Tool::GradientCheck:
            return m_runCheck;
        case ToolOutcome::Tool::Overfit:
            return m_runOverfit;
    }
    return nullptr;
}

void ToolsPanel::setToolsEnabled(bool enabled) {
    m_enabled = enabled;
    for (QPushButton* b : {m_runRange, m_runCheck, m_runOverfit})
        b->setEnabled(enabled && !m_running);
    if (!enabled && !m_running)
        m_status->setText(tr("Open a CSV file to use the tools."));
    else if (!m_running && m_status->text() == tr("Open a CSV file to use the tools."))
        m_status->clear();
}

void ToolsPanel::toolStarted(ToolOutcome::Tool tool) {
    m_running = true;
    setToolsEnabled(m_enabled);
    m_progress->setRange(0, 0);  // busy until the first progress report (data preparation)
    m_progress->show();
    m_cancel->show();
    const QString names[] = {tr("range test"), tr("gradient check"), tr("tiny-batch overfit")};
    m_status->setText(tr("Running the %1…").arg(names[static_cast<int>(tool)]));
}

void ToolsPanel::showProgress(int done, int total) {
    if (total <= 0) return;
    m_progress->setRange(0, total);
    m_progress->setValue(done);
}

void ToolsPanel::showOutcome(const ToolOutcome& outcome) {
    m_running = false;
    m_progress->hide();
    m_cancel->hide();
    setToolsEnabled(m_enabled);
    if (!outcome.error.isEmpty()) {
        m_status->setText(tr("The tool could not run: %1").arg(outcome.error));
        return;
    }
    if (outcome.cancelled) {
        m_status->setText(tr("Cancelled."));
        return;
    }
    m_status->clear();
    if (const auto* r = std::get_if<RangeTestResult>(&outcome.result)) showRangeTest(*r);
    if (const auto* r = std::get_if<GradientCheckResult>(&outcome.result)) showGradientCheck(*r);
    if (const auto* r = std::get_if<OverfitResult>(&outcome.result)) showOverfit(*r);
}

void ToolsPanel::showRangeTest(const RangeTestResult& r) {
    QList<QPointF> points;
    double lo = INFINITY, hi = -INFINITY;
    for (std::size_t i = 0; i < r.rates.size(); ++i) {
        if (!std::isfinite(r.losses[i])) continue;
        points.append({r.rates[i], r.losses[i]});
        lo = std::min(lo, r.losses[i]);
        hi = std::max(hi, r.losses[i]);
    }
    m_rangeSeries->replace(points);
    m_rangeView->show();
    if (points.isEmpty()) {
        m_rangeLabel->setText(tr("The loss was not finite at any rate."));
        m_applyRate->hide();
        return;
    }
    // The loss explodes at the end; show the part that decides the suggestion.
    hi = std::min(hi, 3 * points.front().y());
    m_lossAxis->setRange(std::max(0.0, lo - 0.05 * (hi - lo)), hi + 0.05 * (hi - lo));
    m_lossAxis->applyNiceNumbers();
    m_rateAxis->setRange(r.rates.front(), r.rates.back());
    m_suggestedRate = std::clamp(r.suggestedRate, limits::kLearningRateControl.min,
                                 limits::kLearningRateControl.max);
    m_suggestionLine->replace(
        {{r.suggestedRate, m_lossAxis->min()}, {r.suggestedRate, m_lossAxis->max()}});
    m_rangeLabel->setText(
        tr("Suggested rate: <b>%1</b>, where the loss falls fastest (lowest loss "
           "at %2%3).")
            .arg(g(r.suggestedRate, 2), g(r.minLossRate, 2),
                 r.stoppedEarly ? tr("; the loss blew up beyond it") : QString()));
    m_rangeLabel->setTextFormat(Qt::RichText);
    m_applyRate->setText(tr("Apply learning rate %1").arg(g(m_suggestedRate, 2)));
    m_applyRate->show();
}

void ToolsPanel::showGradientCheck(const GradientCheckResult& r) {
    m_gradientTable->setRowCount(static_cast<int>(r.layers.size()));
    for (int i = 0; i < static_cast<int>(r.layers.size()); ++i) {
        const LayerGradientCheck& l = r.layers[static_cast<std::size_t>(i)];
        const bool ok = l.relativeError <= r.tolerance;
        const QString layer = i + 1 == static_cast<int>(r.layers.size())
                                  ? tr("%1 (output)").arg(l.layer)
                                  : QString::number(l.layer);
        m_gradientTable->setItem(i, 0, new QTableWidgetItem(layer));
        m_gradientTable->setItem(i, 1, new QTableWidgetItem(g(l.relativeError, 3)));
        auto* verdict = new QTableWidgetItem(ok ? tr("pass") : tr("FAIL"));
        verdict->setForeground(readable(ok ? kPassColour : kFailColour, palette()));
        m_gradientTable->setItem(i, 2, verdict);
    }
    m_gradientTable->resizeRowsToContents();
    m_gradientTable->setFixedHeight(m_gradientTable->horizontalHeader()->sizeHint().height() +
                                    m_gradientTable->verticalHeader()->length() +
                                    2 * m_gradientTable->frameWidth());
    m_gradientTable->show();
    m_gradientLabel->setStyleSheet(verdictColour(r.passed, palette()));
    m_gradientLabel->setText(
        r.passed ? tr("Passed: backpropagation matches finite differences (largest relative "
                      "error %1, tolerance %2).")
                       .arg(g(r.maxRelativeError, 2), g(r.tolerance))
                 : tr("Failed: a layer's gradient differs from finite differences by more than "
                      "%1 — a bug in a derivative.")
                       .arg(g(r.tolerance)));
}

void ToolsPanel::showOverfit(const OverfitResult& r) {
    m_overfitLabel->setStyleSheet(verdictColour(r.passed, palette()));
    m_overfitLabel->setText(
        tr("%1 Loss %2 → %3 after %4 steps on %5 rows.")
            .arg(QString::fromStdString(r.verdict), g(r.initialLoss), g(r.finalLoss))
            .arg(r.steps)
            .arg(r.rows));
}

}  // namespace bps
