#pragma once
// Training > Sweep…: a non-modal window that tries many settings of the main window's current
// data, target, features and hyperparameters. The space editor says what varies; the sweep runs
// in the background (SweepRunner) with progress, ETA and Cancel; each trial appears in a
// sortable table and as a line of the parallel-coordinates plot as it finishes. Brushing the
// plot's axes filters the table; selecting rows draws those trials' validation curves; "Use
// these settings" and "Open this model" hand a row's setting or model to the main window.

#include <QElapsedTimer>
#include <QSortFilterProxyModel>
#include <QWidget>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

#include "core/csv/csv_reader.h"
#include "core/data/dataset.h"
#include "core/io/project_file.h"
#include "core/model/model.h"
#include "core/validation/sweep.h"
#include "ui/charts/cost_chart.h"

class QCheckBox;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QValueAxis;

namespace bps {

class ParallelCoordinates;
class SweepResultsModel;
class SweepRunner;
class SweepSpaceEditor;

// What a sweep starts from: the main window's data, its column choices and its settings.
struct SweepBase {
    std::shared_ptr<const CsvTable> table;
    DataSelection selection;
    TrainingConfig config;
    QString dataName;    // "htru2.csv, target class" for the window's title and messages
    QString loadedPath;  // the CSV file, which Export never overwrites
};

// The table's rows that lie inside the plot's brushes (all rows without a brush).
class SweepBrushProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    // Empty: every row.
    void setAccepted(std::optional<QSet<int>> trialIndices);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    std::optional<QSet<int>> m_accepted;
};

class SweepWindow : public QWidget {
    Q_OBJECT
public:
    // `base` is asked when the window shows and when a sweep starts; nothing means no data.
    explicit SweepWindow(std::function<std::optional<SweepBase>()> base, QWidget* parent = nullptr);
    ~SweepWindow() override;

    // Starts the sweep the controls describe; returns why it cannot, or "".
    QString run();
    void cancel();
    bool isRunning() const;
    // The number of trials the controls describe (0 with an error; see trialCountText()).
    int plannedTrials() const;
    // Writes the finished sweep's trials as CSV or JSON (by the suffix), the formats of
    // `sweep --results-out`; returns an error or "".
    QString exportResults(const QString& path);
    // The trial the (first) selected row shows, or -1.
    int selectedTrial() const;
    void selectTrial(int trialIndex);
    // "Use these settings": the selected trial's config goes to useSettings.
    void useSelectedSettings();
    // "Open this model", while the main window shows the data it was swept on: the best trial's
    // model (kept) goes to openModel at once; another trial is trained again off the UI thread
    // (its config, seed and, when pruned, its epochs: the same model) and then goes there.
    void openSelectedModel();
    bool isRetraining() const { return m_retrainCancel != nullptr; }
    // Asks the main window for its data and settings again (done on show, on activation and
    // before a sweep starts).
    void refreshBase();

    SweepSpaceEditor* spaceEditor() const { return m_editor; }
    SweepRunner* runner() const { return m_runner; }
    SweepResultsModel* resultsModel() const { return m_model; }
    SweepBrushProxy* proxy() const { return m_proxy; }
    QTableView* table() const { return m_table; }
    ParallelCoordinates* plot() const { return m_plot; }
    QComboBox* searchBox() const { return m_search; }
    QSpinBox* randomCount() const { return m_randomCount; }
    QSpinBox* folds() const { return m_folds; }
    QSpinBox* seeds() const { return m_seeds; }
    QSpinBox* jobs() const { return m_jobs; }
    QCheckBox* prune() const { return m_prune; }
    QPushButton* runButton() const { return m_runButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }
    QPushButton* useButton() const { return m_useButton; }
    QPushButton* openButton() const { return m_openButton; }
    QPushButton* compareButton() const { return m_compareButton; }
    // "Show on Cost Chart": the selected trials' validation curves go to compareCurves.
    void compareSelectedTrials();
    QLabel* trialCountLabel() const { return m_trialCount; }
    QChart* curveChart() const { return m_curves; }
    const std::optional<SweepResult>& lastResult() const { return m_result; }

    // The finished sweep's trials as a project keeps them, with the columns they were swept
    // with; nothing while a sweep runs, without results, or when the main window now shows
    // other data (results belong to the data they describe). sweep_window_saved.cpp.
    std::optional<Project::Sweep> savedResults() const;
    // Shows saved results as if that sweep had just finished on the main window's data (its
    // table, plot, curves and buttons; Open This Model trains a trial again, the best one too,
    // as no model is saved); nothing clears the results. Ignored while a sweep runs.
    void restoreResults(const std::optional<Project::Sweep>& saved);

signals:
    void useSettings(const bps::TrainingConfig& config, const QString& reason);
    void openModel(std::shared_ptr<const bps::Model> model, const QString& name);
    void compareCurves(const std::vector<bps::CostChart::ComparisonCurve>& curves);
    // The sweep ended (finished, cancelled or failed).
    void sweepEnded();

protected:
    void showEvent(QShowEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QWidget* buildControls();
    QWidget* buildResults();
    // The main window still shows the data (file and target) the results were swept on.
    bool sameDataAsRun() const;
    void updatePlan();
    void updateButtons();
    void updateCurves();
    void chooseExport();
    void onProgress(int done, int total);
    void onFinished(const struct SweepOutcome& outcome);
    std::vector<SweepSetting> plannedSettings(QString* error) const;

    std::function<std::optional<SweepBase>()> m_baseProvider;
    std::optional<SweepBase> m_base;     // as the window last saw it
    std::optional<SweepBase> m_runBase;  // what the current or last sweep ran on
    SweepOptions m_runOptions;
    std::vector<SweepSetting> m_runSettings;
    SweepSpace m_runSpace;
    std::optional<SweepResult> m_result;
    // Set while a trial's model is trained again for "Open this model"; closing the window
    // sets it to stop that training.
    std::shared_ptr<std::atomic<bool>> m_retrainCancel;
    Task m_task = Task::Binary;
    QElapsedTimer m_clock;

    SweepSpaceEditor* m_editor = nullptr;
    SweepRunner* m_runner = nullptr;
    SweepResultsModel* m_model = nullptr;
    SweepBrushProxy* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    ParallelCoordinates* m_plot = nullptr;
    QChart* m_curves = nullptr;
    QChartView* m_curveView = nullptr;
    QValueAxis* m_curveX = nullptr;
    QValueAxis* m_curveY = nullptr;
    QComboBox* m_search = nullptr;
    QSpinBox* m_randomCount = nullptr;
    QSpinBox* m_folds = nullptr;
    QSpinBox* m_seeds = nullptr;
    QSpinBox* m_jobs = nullptr;
    QCheckBox* m_prune = nullptr;
    QLabel* m_dataLabel = nullptr;
    QLabel* m_trialCount = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPushButton* m_useButton = nullptr;
    QPushButton* m_compareButton = nullptr;
    QPushButton* m_openButton = nullptr;
    QPushButton* m_exportButton = nullptr;
};

}  // namespace bps
