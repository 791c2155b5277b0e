#pragma once
// Training > Cross-validate…: a non-modal window that cross-validates the main window's current
// data, target, features, encoding and hyperparameters in the background (CvRunner), draws
// every fold's curves live (CvChart) and, at the end, the fold metrics with mean ± sd beside
// the baselines (CvTable) and a verdict; with "Compute feature importance", the importance of
// each input column across the folds (CvImportanceView). Its results belong to the source they were
// computed from: when the main window's data, columns or settings change, a bar says so and offers
// to re-run or clear. Closing or destroying it stops a run.

#include <QString>
#include <QWidget>
#include <memory>
#include <optional>

#include "core/csv/csv_reader.h"
#include "core/data/dataset.h"
#include "core/model/training_config.h"
#include "core/validation/cross_validation.h"
#include "ui/validation/cv_runner.h"

class QCheckBox;
class QElapsedTimer;
class QFrame;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace bps {

class CvChart;
class CvImportanceView;
class CvTable;

// What the main window has loaded and chosen; a run copies it.
struct CvSource {
    std::shared_ptr<const CsvTable> table;  // null: nothing loaded
    QString path;                           // the loaded file (saves refuse to overwrite it)
    DataSelection selection;
    TrainingConfig config;
    QString description;  // "cars.csv, target Origin": for the header and the stale bar
};

// Same data and choices: a result computed from one is a result for the other.
bool sameSource(const CvSource& a, const CvSource& b);

class CvWindow : public QWidget {
    Q_OBJECT
public:
    explicit CvWindow(QWidget* parent = nullptr);
    ~CvWindow() override;

    // The main window's current data and settings; runs use the latest.
    void setSource(const CvSource& source);
    void setLogScale(bool on);
    // Folds trained at once (0: one per core, the default).
    void setJobs(int jobs) { m_jobs = jobs; }

    // Starts a run on the current source; returns false with a message shown when it cannot.
    bool run();
    void cancel();
    // Drop the chart, table and verdict.
    void clearResults();
    // Each returns an error or "" (refusing the loaded CSV file, as every save in the app).
    QString saveTableTo(const QString& path);
    QString saveChartTo(const QString& path);

    // For tests and the main window.
    CvRunner* runner() const { return m_runner; }
    CvChart* chart() const { return m_chart; }
    CvTable* table() const { return m_table; }
    QSpinBox* foldsBox() const { return m_folds; }
    QSpinBox* repeatsBox() const { return m_repeats; }
    QCheckBox* importanceBox() const { return m_importance; }
    CvImportanceView* importanceView() const { return m_importanceView; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    QString verdict() const;
    QString statusText() const;
    // True while the results (or the run) shown belong to another source than the current.
    bool isStale() const;
    const std::optional<CrossValidation>& result() const { return m_result; }

signals:
    void runFinished(bool completed);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void buildLayout();
    void updateState();
    void showProgress();
    void finish(const CvOutcome& outcome);
    void chooseTableFile();
    void chooseChartFile();
    void restyleBanner();

    CvRunner* m_runner;
    CvChart* m_chart = nullptr;
    CvTable* m_table = nullptr;
    CvImportanceView* m_importanceView = nullptr;
    QCheckBox* m_importance = nullptr;
    QLabel* m_sourceLabel = nullptr;
    QSpinBox* m_folds = nullptr;
    QSpinBox* m_repeats = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QCheckBox* m_log = nullptr;
    QFrame* m_staleBar = nullptr;
    QLabel* m_staleText = nullptr;
    QLabel* m_verdict = nullptr;
    QLabel* m_warnings = nullptr;
    QPushButton* m_saveTable = nullptr;
    QPushButton* m_saveChart = nullptr;

    CvSource m_source;
    std::optional<CvSource> m_resultSource;  // what the run or the results shown came from
    std::optional<CrossValidation> m_result;
    int m_jobs = 0;
    int m_runId = 0;
    int m_totalEpochs = 0;  // folds x epochs of the run
    int m_epochsPerFold = 0;
    int m_foldsDone = 0;
    std::vector<int> m_foldEpochs;  // the latest epoch seen per fold
    std::unique_ptr<QElapsedTimer> m_clock;
};

}  // namespace bps
