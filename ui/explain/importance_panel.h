#pragma once
// The Importance tab: which input columns the current model relies on (permutation importance,
// sorted bars with mean +- sd) and how its output moves with one column (partial dependence with
// ICE curves), both computed off the UI thread by an ImportanceRunner on the model's validation
// rows. Each chart can be saved as PNG/SVG and its data as CSV (the command line's format).
// clear() belongs to whoever changes the file, target or model: it cancels and empties.

#include <QWidget>

#include "ui/explain/importance_runner.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace bps {

class DependenceChart;
class ImportanceChart;

class ImportancePanel : public QWidget {
    Q_OBJECT
public:
    explicit ImportancePanel(QWidget* parent = nullptr);

    // Computes the importance of `model` on `data` in the background (the previous job, if
    // any, cancelled); the charts fill in when it is done.
    void explain(std::shared_ptr<const Model> model, LoadedDataPtr data,
                 const ImportanceOptions& options = {});
    void clear();
    // The partial dependence of another column (one of the combo's), for a multiclass model of
    // the class chosen in classChoice().
    void showDependence(const QString& column);

    // Without dialogs, for the buttons and the tests; each returns an error or "". They refuse
    // the loaded CSV file, like every save in the app.
    QString saveImportanceChart(const QString& path);
    QString saveImportanceData(const QString& path);
    QString saveDependenceChart(const QString& path);
    QString saveDependenceData(const QString& path);

    ImportanceChart* importanceChart() const { return m_importanceChart; }
    DependenceChart* dependenceChart() const { return m_dependenceChart; }
    QComboBox* columnChoice() const { return m_column; }
    // A multiclass model's classes (the first at first), hidden for other models: choosing one
    // draws the partial dependence of its probability.
    QComboBox* classChoice() const { return m_class; }
    ImportanceRunner* runner() const { return m_runner; }
    ImportanceOutcomePtr outcome() const { return m_outcome; }
    DependenceOutcomePtr dependence() const { return m_dependence; }
    QString summary() const;

signals:
    void importanceShown();
    void dependenceShown();
    void errorOccurred(const QString& message);
    void saved(const QString& message);

private:
    void showImportance(const ImportanceOutcomePtr& outcome);
    void showCurves(const DependenceOutcomePtr& outcome);
    void fillClasses(const Model* model);  // null: no model
    void updateButtons();
    QString refused(const QString& path) const;
    void chooseAndSave(const QString& title, const QString& suffix, bool chart, bool dependence);

    ImportanceRunner* m_runner;
    ImportanceOutcomePtr m_outcome;
    DependenceOutcomePtr m_dependence;
    QLabel* m_summary;
    QProgressBar* m_progress;
    ImportanceChart* m_importanceChart;
    DependenceChart* m_dependenceChart;
    QComboBox* m_column;
    QLabel* m_classLabel;
    QComboBox* m_class;
    QLabel* m_dependenceNote;
    QPushButton* m_saveImportanceChart;
    QPushButton* m_saveImportanceData;
    QPushButton* m_saveDependenceChart;
    QPushButton* m_saveDependenceData;
};

}  // namespace bps
