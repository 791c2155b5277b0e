#pragma once
// The main window: the cost chart and the health charts in the middle (Training tab) with Data
// and Results tabs, the hyperparameters in a dock on the left, the diagnosis and its tools in a
// dock on the right, a toolbar, menus and a status bar. The window only
// wires widgets together; loading is CsvLoader's, training TrainingController's.

#include <QMainWindow>
#include <chrono>
#include <vector>

#include "ui/data/csv_loader.h"
#include "ui/files/report_job.h"
#include "ui/panels/suggested_fix.h"
#include "ui/training/tool_runner.h"
#include "ui/training/training_controller.h"

class QAction;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace bps {

class CostChart;
class CvWindow;
class DataPanel;
class DecisionMapPanel;
class DiagnosisPanel;
class HealthCharts;
class ToolsPanel;
struct Project;
class HyperparameterPanel;
class RedrawThrottle;
class ImportancePanel;
class RestartBanner;
class ResultsPanel;
class SweepWindow;
class TrainingStatus;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    static inline const QString kSamplePath = QStringLiteral(":/data/htru2.csv");
    // The live views (cost chart, health charts, diagnosis, status bar) redraw at most this
    // often, and not while hidden: the training thread delivers up to ~30 times a second and on
    // two cores each millisecond of painting is taken from training (bench/app_speed.sh).
    static constexpr std::chrono::milliseconds kRedrawInterval{100};

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // The path File > Open, Open Recent, drag-and-drop and the command line all take. Loading
    // is asynchronous: dataLoaded or loadFailed follows.
    void loadFile(const QString& path);
    // Writes the current model in the format of the dialog's `filter` (else the file's suffix);
    // returns an error or an empty string.
    QString exportWeights(const QString& path, const QString& filter = {});
    // Loads a model file to continue training from or export again; returns an error or "".
    QString openModel(const QString& path);
    // Writes the current model's predictions for the loaded data (the command line's format).
    QString predictTo(const QString& path);
    // File > Save Chart and File > Export History without their dialogs; each returns an error
    // or "". Every save refuses the loaded CSV file (refuseLoadedInput).
    QString saveChartTo(const QString& path);
    QString saveHistoryTo(const QString& path);
    // File > Save Project and Open Project without their dialogs (main_window_project.cpp).
    // Opening returns an error at once (a malformed file, the data not found) or loads the
    // project's data (`locatedData` instead of the saved path, if given) and then restores the
    // screen: projectRestored follows, or loadFailed.
    QString saveProjectTo(const QString& path);
    QString openProject(const QString& path, const QString& locatedData = {});
    // File > Save Report without its dialog: starts writing the HTML report of the current model
    // on the loaded data's validation rows, with the run's history, on a worker thread; returns
    // an error at once or "", and reportWritten() follows.
    QString saveReportTo(const QString& path);
    // Error dialogs on (default) or off; tests turn them off and watch the signals instead.
    void setDialogsEnabled(bool on) { m_dialogs = on; }

    LoadedDataPtr data() const { return m_data; }
    TrainingController* controller() const { return m_controller; }
    CostChart* costChart() const { return m_chart; }
    HyperparameterPanel* hyperparameters() const { return m_panel; }
    DataPanel* dataPanel() const { return m_dataPanel; }
    ResultsPanel* resultsPanel() const { return m_results; }
    RestartBanner* restartBanner() const { return m_banner; }
    TrainingStatus* trainingStatus() const { return m_status; }
    QTabWidget* tabs() const { return m_tabs; }
    HealthCharts* healthCharts() const { return m_health; }
    DiagnosisPanel* diagnosisPanel() const { return m_diagnosis; }
    ToolsPanel* toolsPanel() const { return m_tools; }
    ToolRunner* toolRunner() const { return m_toolRunner; }
    QTabWidget* diagnosisTabs() const { return m_diagnosisTabs; }
    CvWindow* cvWindow() const { return m_cvWindow; }  // null until first opened
    // Training > Sweep…'s window, made on first use (main_window_sweep.cpp).
    SweepWindow* sweepWindow();
    // The live views' throttles, for tests that inject a clock and count redraws.
    std::vector<RedrawThrottle*> redrawThrottles() const;
    ImportancePanel* importancePanel() const { return m_importance; }
    DecisionMapPanel* decisionMap() const { return m_decisionMap; }

public slots:
    void openSample();
    void startTraining();
    void togglePause();
    void stopTraining();
    void resetWeights();
    void restartTraining();
    // Runs a diagnostic tool on the loaded data with the current settings, in the background.
    void runTool(bps::ToolOutcome::Tool tool);
    // Changes the settings as `fix` says and tells the user what changed and when it applies.
    void applyFix(const bps::SuggestedFix& fix);
    // Training > Cross-validate…: shows the window on the current data and settings.
    void openCrossValidation();
    void openSweepWindow();

signals:
    void dataLoaded(const QString& path);
    void loadFailed(const QString& message);
    void errorOccurred(const QString& message);
    // `warnings`: the data changed or moved, or lacks some of the project's columns.
    void projectRestored(const QString& path, const QStringList& warnings);
    // An opened model's (or project's) validation rows were found again and shown in Results
    // (`shown`), or could not be (the reason is in the status bar).
    void openedModelEvaluated(bool shown);
    // A report saveReportTo() started is written (`error` empty) or failed.
    void reportWritten(const QString& path, const QString& error);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createCentre();
    void createDock();
    void createStatusBar();
    void createDiagnosisDock();  // main_window_diagnosis.cpp, with the tool actions
    void connectDiagnosis();
    void createValidation();       // main_window_validation.cpp: the Cross-validate action
    QAction* createSweepAction();  // main_window_sweep.cpp
    // The Decision map tab and what feeds it (main_window_decision_map.cpp).
    void createDecisionMap();
    void showModelInDecisionMap(std::shared_ptr<const Model> model);
    void connectTraining();
    // The Importance tab (main_window_importance.cpp).
    void createImportanceTab();
    void explainModel();
    void updateActions();
    // Draws what the live views hold and have not drawn yet (a run ended or paused).
    void flushRedraws();
    void showError(const QString& message);
    void showResultSummary(const TrainingResult& result);
    // Another data set or column selection: the next model is a new one (threshold 0.5) and the
    // cost chart's earlier runs no longer compare with it unless data and target are the same.
    void dataOrSelectionChanged();
    // The data set and target the screen shows ("path\ntarget"; empty without data): results
    // and earlier runs belong to one key.
    QString dataKey() const;

    // File actions (main_window_files.cpp)
    void chooseFile();
    void chooseModel();
    void chooseExport();
    void choosePredict();
    void saveChart();
    void exportHistory();
    void chooseReport();
    void reportFinished(const QString& path, const QString& error, const QString& rows);
    void rebuildRecentMenu();
    void dataArrived(LoadedDataPtr data);
    void showWaitingForData(const QString& path);  // a named pipe with no writer yet
    void loadEnded();                              // hides the load's progress and Cancel
    void loadCancelled();
    // Projects (main_window_project.cpp)
    void createProjectActions(QMenu* file);
    void restoreProject(const QString& loadedPath);
    void abandonProject();
    // Results for the model just opened, on its validation rows found again, off the UI thread.
    void showOpenedModelResults();

    CsvLoader* m_loader;
    TrainingController* m_controller;
    LoadedDataPtr m_data;
    // The key of the data the current (or last) run trained on: its results are not shown
    // against other data (a run stopped because another file was opened).
    QString m_runDataKey;
    // A project being opened: its data is loading; restoreProject applies the rest.
    std::shared_ptr<Project> m_pendingProject;
    QString m_pendingProjectPath, m_pendingProjectData;
    int m_heldOutRequest = 0;  // the newest showOpenedModelResults() request
    bool m_dialogs = true;

    HyperparameterPanel* m_panel = nullptr;
    CostChart* m_chart = nullptr;
    DataPanel* m_dataPanel = nullptr;
    ResultsPanel* m_results = nullptr;
    RestartBanner* m_banner = nullptr;
    TrainingStatus* m_status = nullptr;
    QProgressBar* m_loadProgress = nullptr;
    QPushButton* m_cancelLoad = nullptr;  // shown while a load waits for a pipe's writer
    QTabWidget* m_tabs = nullptr;
    QMenu* m_recentMenu = nullptr;
    HealthCharts* m_health = nullptr;
    DiagnosisPanel* m_diagnosis = nullptr;
    ToolsPanel* m_tools = nullptr;
    ToolRunner* m_toolRunner = nullptr;
    QTabWidget* m_diagnosisTabs = nullptr;
    RedrawThrottle* m_diagnosisThrottle = nullptr;  // applies the controller's latest diagnosis
    ImportancePanel* m_importance = nullptr;
    DecisionMapPanel* m_decisionMap = nullptr;
    QAction* m_rangeTestAction = nullptr;
    QAction* m_gradientCheckAction = nullptr;
    QAction* m_overfitAction = nullptr;
    QAction* m_cvAction = nullptr;
    CvWindow* m_cvWindow = nullptr;
    SweepWindow* m_sweepWindow = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_sampleAction = nullptr;
    QAction* m_openModelAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_predictAction = nullptr;
    QAction* m_saveChartAction = nullptr;
    QAction* m_exportHistoryAction = nullptr;
    QAction* m_reportAction = nullptr;
    ReportJob* m_reportJob = new ReportJob(this);
    QAction* m_quitAction = nullptr;
    QAction* m_openProjectAction = nullptr;
    QAction* m_saveProjectAction = nullptr;
    QAction* m_startAction = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_resetAction = nullptr;
    QAction* m_logScaleAction = nullptr;
    QAction* m_clearRunsAction = nullptr;
    QAction* m_aboutAction = nullptr;
};

}  // namespace bps
