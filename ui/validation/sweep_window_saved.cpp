// The Sweep window's results as a project saves and restores them (File > Save Project, Open
// Project): the finished trials with the space, scoring and columns they were swept with.

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QProgressBar>
#include <QSpinBox>
#include <QTableView>
#include <set>

#include "ui/validation/parallel_coordinates.h"
#include "ui/validation/sweep_results_model.h"
#include "ui/validation/sweep_space_editor.h"
#include "ui/validation/sweep_window.h"

namespace bps {

namespace {
// The space in the editor's --grid / --space syntax.
QString spaceText(const SweepSpace& space) {
    QStringList parts;
    for (const SweepDimension& d : space.dimensions) {
        QString values;
        if (d.range) {
            values = QStringLiteral("%1%2..%3")
                         .arg(d.range->log ? QStringLiteral("log:") : QString())
                         .arg(d.range->low, 0, 'g', 15)
                         .arg(d.range->high, 0, 'g', 15);
        } else {
            QStringList list;
            for (const std::string& v : d.values) list << QString::fromStdString(v);
            values = list.join(QLatin1Char(','));
        }
        parts << QString::fromUtf8(sweepParameterName(d.parameter).data()) + QLatin1Char('=') +
                     values;
    }
    return parts.join(QStringLiteral("; "));
}
}  // namespace

std::optional<Project::Sweep> SweepWindow::savedResults() const {
    if (!m_result || isRunning() || !m_runBase) return std::nullopt;
    // The main window as it is now, not as this window last saw it.
    const std::optional<SweepBase> now = m_baseProvider ? m_baseProvider() : std::nullopt;
    if (!now || now->loadedPath != m_runBase->loadedPath || now->dataName != m_runBase->dataName)
        return std::nullopt;
    Project::Sweep sweep;
    sweep.selection = m_runBase->selection;
    sweep.saved.task = m_task;
    sweep.saved.folds = m_runOptions.folds;
    sweep.saved.seeds = m_runOptions.seeds;
    sweep.saved.prune = m_runOptions.prune;
    sweep.saved.space = m_runSpace;
    SweepResult& result = sweep.saved.result;
    result.bestSetting = m_result->bestSetting;
    result.bestTrial = m_result->bestTrial;
    result.cancelled = m_result->cancelled;
    // The trials the table shows: a cancelled sweep's unstarted ones have nothing to say.
    for (const SweepTrial& t : m_result->trials)
        if (t.epochs > 0) result.trials.push_back(t);
    return sweep;
}

void SweepWindow::restoreResults(const std::optional<Project::Sweep>& saved) {
    if (isRunning()) return;
    if (m_retrainCancel) {
        m_retrainCancel->store(true);  // a model of the old results is not wanted any more
        m_retrainCancel.reset();
    }
    m_result.reset();
    m_runBase.reset();
    m_runSettings.clear();
    m_runSpace = {};
    m_proxy->setAccepted(std::nullopt);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status->clear();
    refreshBase();
    if (saved && m_base) {
        const SavedSweep& s = saved->saved;
        m_runBase = m_base;
        m_runBase->selection = saved->selection;
        m_task = s.task;
        m_runOptions = {};
        m_runOptions.folds = s.folds;
        m_runOptions.seeds = s.seeds;
        m_runOptions.prune = s.prune;
        m_runOptions.keepBestModel = true;
        m_runSpace = s.space;
        m_result = s.result;
        std::set<int> settings;
        for (const SweepTrial& t : s.result.trials)
            if (settings.insert(t.setting).second) m_runSettings.push_back(t.values);
        // The controls as they were, so that Run Sweep repeats the sweep.
        m_editor->setSpaceText(spaceText(s.space));
        m_folds->setValue(s.folds);
        m_seeds->setValue(s.seeds);
        m_prune->setChecked(s.prune);
        if (m_editor->hasRanges()) m_search->setCurrentIndex(1);
        m_status->setText(
            tr("%n trial(s) restored from the project; Open This Model trains a "
               "trial's setting again.",
               nullptr, int(s.result.trials.size())));
    }
    std::vector<SweepParameter> parameters;
    for (const SweepDimension& d : m_runSpace.dimensions) parameters.push_back(d.parameter);
    m_model->reset(parameters, m_task);
    m_plot->setSpace(m_runSpace);
    if (m_result) {
        for (const SweepTrial& t : m_result->trials) {
            m_model->upsert(t);
            m_plot->upsert(t);
        }
        m_model->setBest(m_result->bestTrial);
        m_table->sortByColumn(m_model->scoreColumn(), Qt::AscendingOrder);
        m_table->resizeColumnsToContents();
    }
    updateCurves();
    refreshBase();  // the label names the restored results' data
    updatePlan();
}

}  // namespace bps
