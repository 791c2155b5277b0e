#pragma once
// The diagnostic tools as a panel: a button per tool, the progress of the running one with a
// Cancel button, and each tool's last result: the range test's loss against the learning rate on
// a log axis with the suggested rate and a button to apply it, the gradient check's relative
// error per layer against the 1e-6 tolerance, and whether a tiny batch could be overfitted.
// Running the tools is ToolRunner's; the window connects the two.

#include <QWidget>

#include "ui/training/tool_runner.h"

class QChartView;
class QLabel;
class QLineSeries;
class QLogValueAxis;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QValueAxis;

namespace bps {

class ToolsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ToolsPanel(QWidget* parent = nullptr);

    void setToolsEnabled(bool enabled);
    void toolStarted(ToolOutcome::Tool tool);
    void showProgress(int done, int total);
    void showOutcome(const ToolOutcome& outcome);

    // For tests.
    double suggestedRate() const { return m_suggestedRate; }
    QPushButton* applyRateButton() const { return m_applyRate; }
    QPushButton* runButton(ToolOutcome::Tool tool) const;
    QTableWidget* gradientTable() const { return m_gradientTable; }
    QLabel* overfitLabel() const { return m_overfitLabel; }
    QLineSeries* rangeSeries() const { return m_rangeSeries; }
    QChartView* rangeView() const { return m_rangeView; }

signals:
    void runRequested(bps::ToolOutcome::Tool tool);
    void cancelRequested();
    void applyRateRequested(double rate);

private:
    QWidget* buildRangeTest();
    QWidget* buildGradientCheck();
    QWidget* buildOverfit();
    void showRangeTest(const RangeTestResult& r);
    void showGradientCheck(const GradientCheckResult& r);
    void showOverfit(const OverfitResult& r);

    QPushButton* m_runRange = nullptr;
    QPushButton* m_runCheck = nullptr;
    QPushButton* m_runOverfit = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QLabel* m_status = nullptr;
    QChartView* m_rangeView = nullptr;
    QLineSeries* m_rangeSeries = nullptr;
    QLineSeries* m_suggestionLine = nullptr;
    QLogValueAxis* m_rateAxis = nullptr;
    QValueAxis* m_lossAxis = nullptr;
    QLabel* m_rangeLabel = nullptr;
    QPushButton* m_applyRate = nullptr;
    double m_suggestedRate = 0;
    QTableWidget* m_gradientTable = nullptr;
    QLabel* m_gradientLabel = nullptr;
    QLabel* m_overfitLabel = nullptr;
    bool m_enabled = false;
    bool m_running = false;
};

}  // namespace bps
