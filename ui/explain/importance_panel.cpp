#include "ui/explain/importance_panel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QVBoxLayout>

#include "core/io/importance_csv.h"
#include "ui/charts/chart_palette.h"
#include "ui/charts/importance_chart.h"
#include "ui/explain/dependence_chart.h"
#include "ui/files/file_export.h"

namespace bps {

namespace {

QString text(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QLabel* heading(const QString& title) {
    auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()));
    return label;
}

}  // namespace

ImportancePanel::ImportancePanel(QWidget* parent)
    : QWidget(parent),
      m_runner(new ImportanceRunner(this)),
      m_summary(new QLabel),
      m_progress(new QProgressBar),
      m_importanceChart(new ImportanceChart),
      m_dependenceChart(new DependenceChart),
      m_column(new QComboBox),
      m_classLabel(new QLabel(tr("probability of"))),
      m_class(new QComboBox),
      m_dependenceNote(new QLabel),
      m_saveImportanceChart(new QPushButton(tr("Save Chart…"))),
      m_saveImportanceData(new QPushButton(tr("Save Data…"))),
      m_saveDependenceChart(new QPushButton(tr("Save Chart…"))),
      m_saveDependenceData(new QPushButton(tr("Save Data…"))) {
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(180);
    m_progress->setFormat(tr("Column %v of %m"));
    m_progress->hide();
    auto* top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_progress);

    // One above the other: beside the two docks the tab is about 600 pixels wide, too narrow
    // for two charts side by side, and each chart reads better wide than tall.
    auto* upper = new QWidget;
    auto* upperLayout = new QVBoxLayout(upper);
    upperLayout->setContentsMargins(0, 0, 0, 0);
    auto* upperBar = new QHBoxLayout;
    upperBar->addWidget(heading(tr("Permutation importance")));
    upperBar->addStretch(1);
    upperBar->addWidget(m_saveImportanceChart);
    upperBar->addWidget(m_saveImportanceData);
    upperLayout->addLayout(upperBar);
    upperLayout->addWidget(m_importanceChart, 1);

    auto* lower = new QWidget;
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    auto* lowerBar = new QHBoxLayout;
    lowerBar->addWidget(heading(tr("Partial dependence on")));
    m_column->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_column->setMinimumContentsLength(10);
    lowerBar->addWidget(m_column);
    m_class->setObjectName(QStringLiteral("importanceClass"));
    m_class->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_class->setToolTip(tr("Which class's probability the curves show"));
    lowerBar->addWidget(m_classLabel);
    lowerBar->addWidget(m_class);
    lowerBar->addStretch(1);
    lowerBar->addWidget(m_saveDependenceChart);
    lowerBar->addWidget(m_saveDependenceData);
    lowerLayout->addLayout(lowerBar);
    lowerLayout->addWidget(m_dependenceChart, 1);
    m_dependenceNote->setWordWrap(true);
    lowerLayout->addWidget(m_dependenceNote);

    auto* split = new QSplitter(Qt::Vertical);
    split->setChildrenCollapsible(false);
    split->addWidget(upper);
    split->addWidget(lower);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_runner, &ImportanceRunner::progressChanged, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_runner, &ImportanceRunner::importanceReady, this, &ImportancePanel::showImportance);
    connect(m_runner, &ImportanceRunner::dependenceReady, this, &ImportancePanel::showCurves);
    connect(m_column, &QComboBox::activated, this,
            [this] { showDependence(m_column->currentText()); });
    // Filled with signals blocked, so this is a choice (the user's, or a test's).
    connect(m_class, &QComboBox::currentIndexChanged, this,
            [this] { showDependence(m_column->currentText()); });
    connect(m_saveImportanceChart, &QPushButton::clicked, this,
            [this] { chooseAndSave(tr("Save Importance Chart"), "-importance", true, false); });
    connect(m_saveImportanceData, &QPushButton::clicked, this,
            [this] { chooseAndSave(tr("Save Importance Data"), "-importance", false, false); });
    // A multiclass model's files are named after the class drawn (the CSV has its curves only).
    const auto pdpSuffix = [this] {
        if (!m_outcome || m_outcome->model->task != Task::Multiclass) return QStringLiteral("-pdp");
        QString name = m_class->currentText();
        for (QChar& c : name)
            if (!c.isLetterOrNumber() && c != u'-' && c != u'_') c = u'_';
        return QStringLiteral("-pdp-") + name;
    };
    connect(m_saveDependenceChart, &QPushButton::clicked, this, [this, pdpSuffix] {
        chooseAndSave(tr("Save Partial Dependence Chart"), pdpSuffix(), true, true);
    });
    connect(m_saveDependenceData, &QPushButton::clicked, this, [this, pdpSuffix] {
        chooseAndSave(tr("Save Partial Dependence Data"), pdpSuffix(), false, true);
    });
    clear();
}

void ImportancePanel::explain(std::shared_ptr<const Model> model, LoadedDataPtr data,
                              const ImportanceOptions& options) {
    clear();
    if (!model || !data) return;
    m_summary->setText(tr("Shuffling each column of %1 in turn to see how much the model "
                          "relies on it…")
                           .arg(data->displayName));
    m_progress->setRange(0, 0);
    m_progress->show();
    m_runner->start(std::move(model), std::move(data), options);
}

void ImportancePanel::clear() {
    m_runner->cancel();
    m_outcome.reset();
    m_dependence.reset();
    m_importanceChart->clear();
    m_dependenceChart->clear();
    m_column->clear();
    fillClasses(nullptr);
    m_dependenceNote->clear();
    m_progress->hide();
    m_summary->setText(
        tr("Train a model (or open one with data loaded) to see which input "
           "columns it relies on: each column's values are shuffled across the "
           "validation rows, and the bar is how much the score drops."));
    updateButtons();
}

QString ImportancePanel::summary() const { return m_summary->text(); }

void ImportancePanel::showImportance(const ImportanceOutcomePtr& outcome) {
    m_progress->hide();
    if (!outcome->error.isEmpty()) {
        m_summary->setText(tr("Could not compute the importance: %1").arg(outcome->error));
        updateButtons();
        return;
    }
    m_outcome = outcome;
    const ImportanceResult& r = outcome->result;
    m_importanceChart->setResult(r);
    const QString rows =
        outcome->validationRows
            ? tr("the %L1 validation rows (not trained on)").arg(r.rows)
            : tr("all %L1 rows of %2 (it is not the file the model was trained on, so these "
                 "rows should be data the model has not seen)")
                  .arg(r.rows)
                  .arg(outcome->data->displayName);
    m_summary->setText(tr("On %1: %2 %3 as they are. A long bar: a column the model relies "
                          "on; near 0: one it ignores.")
                           .arg(rows)
                           .arg(text(scoreLabel(r.score)))
                           .arg(r.baseline, 0, 'f', 4));
    // The dependence columns, the most important first (a date's parts under its place).
    m_column->clear();
    const std::vector<ColumnImportance> sorted = sortedByImportance(r);
    const std::vector<std::string> features = dependenceColumns(*outcome->model);
    for (const ColumnImportance& c : sorted)
        for (const std::string& f : features) {
            const bool own = f == c.column || f.rfind(c.column + ":", 0) == 0;
            if (own && m_column->findText(QString::fromStdString(f)) < 0)
                m_column->addItem(QString::fromStdString(f));
        }
    for (const std::string& f : features)  // anything not matched above
        if (m_column->findText(QString::fromStdString(f)) < 0)
            m_column->addItem(QString::fromStdString(f));
    fillClasses(outcome->model.get());
    updateButtons();
    emit importanceShown();
    if (m_column->count() > 0) showDependence(m_column->itemText(0));
}

void ImportancePanel::showDependence(const QString& column) {
    if (!m_outcome) return;
    const int at = m_column->findText(column);
    if (at < 0) return;
    m_column->setCurrentIndex(at);
    m_dependence.reset();
    m_dependenceChart->clear();
    m_dependenceNote->setText(tr("Computing the partial dependence of %1…").arg(column));
    updateButtons();
    PartialDependenceOptions options;
    if (m_outcome->model->task == Task::Multiclass) options.outputClass = m_class->currentIndex();
    m_runner->startDependence(m_outcome, column.toStdString(), options);
}

void ImportancePanel::fillClasses(const Model* model) {
    const QSignalBlocker block(m_class);
    m_class->clear();
    // A binary model's curve is of its one probability; the axis title names the class.
    const bool multiclass = model && model->task == Task::Multiclass;
    if (multiclass)
        for (const std::string& c : dependenceClasses(*model))
            m_class->addItem(QString::fromStdString(c));
    m_class->setCurrentIndex(multiclass ? 0 : -1);
    m_class->setVisible(multiclass);
    m_classLabel->setVisible(multiclass);
}

void ImportancePanel::showCurves(const DependenceOutcomePtr& outcome) {
    if (!outcome->error.isEmpty()) {
        m_dependenceNote->setText(tr("Could not compute it: %1").arg(outcome->error));
        return;
    }
    m_dependence = outcome;
    m_dependenceChart->setCurves(outcome->curves);
    m_dependenceNote->clear();  // the legend says what the lines are
    updateButtons();
    emit dependenceShown();
}

void ImportancePanel::updateButtons() {
    m_saveImportanceChart->setEnabled(m_outcome != nullptr);
    m_saveImportanceData->setEnabled(m_outcome != nullptr);
    m_saveDependenceChart->setEnabled(m_dependence != nullptr);
    m_saveDependenceData->setEnabled(m_dependence != nullptr);
    m_column->setEnabled(m_outcome != nullptr);
    m_class->setEnabled(m_outcome != nullptr);
}

QString ImportancePanel::refused(const QString& path) const {
    return m_outcome && m_outcome->data ? refuseLoadedInput(path, m_outcome->data->path)
                                        : QString();
}

QString ImportancePanel::saveImportanceChart(const QString& path) {
    if (!m_outcome) return tr("There is no importance to save yet.");
    if (QString r = refused(path); !r.isEmpty()) return r;
    return saveWidgetImage(m_importanceChart, path);
}

QString ImportancePanel::saveImportanceData(const QString& path) {
    if (!m_outcome) return tr("There is no importance to save yet.");
    if (QString r = refused(path); !r.isEmpty()) return r;
    return writeFileAtomically(path, QByteArray::fromStdString(importanceToCsv(m_outcome->result)));
}

QString ImportancePanel::saveDependenceChart(const QString& path) {
    if (!m_dependence) return tr("There is no partial dependence to save yet.");
    if (QString r = refused(path); !r.isEmpty()) return r;
    return saveWidgetImage(m_dependenceChart, path);
}

QString ImportancePanel::saveDependenceData(const QString& path) {
    if (!m_dependence) return tr("There is no partial dependence to save yet.");
    if (QString r = refused(path); !r.isEmpty()) return r;
    return writeFileAtomically(path, QByteArray::fromStdString(dependenceToCsv(
                                         m_dependence->curves, m_dependence->lines)));
}

void ImportancePanel::chooseAndSave(const QString& title, const QString& suffix, bool chart,
                                    bool dependence) {
    QString base = m_outcome && m_outcome->data
                       ? QFileInfo(m_outcome->data->displayName).completeBaseName()
                       : QStringLiteral("model");
    base += suffix;
    QString selected;
    QString path = QFileDialog::getSaveFileName(
        this, title, base + (chart ? ".png" : ".csv"),
        chart ? chartImageFilters() : tr("CSV files (*.csv)"), &selected);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty())
        path += chart ? (selected.contains("svg") ? ".svg" : ".png") : ".csv";
    const QString error = chart
                              ? (dependence ? saveDependenceChart(path) : saveImportanceChart(path))
                              : (dependence ? saveDependenceData(path) : saveImportanceData(path));
    if (!error.isEmpty())
        emit errorOccurred(error);
    else
        emit saved(tr("Saved to %1").arg(path));
}

}  // namespace bps
