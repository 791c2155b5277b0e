#include "ui/validation/cv_importance_view.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/io/importance_csv.h"
#include "ui/charts/importance_chart.h"
#include "ui/files/file_export.h"

namespace bps {

CvImportanceView::CvImportanceView(QWidget* parent)
    : QWidget(parent),
      m_title(new QLabel),
      m_chart(new ImportanceChart),
      m_saveChart(new QPushButton(tr("Save Chart…"))),
      m_saveData(new QPushButton(tr("Save Data…"))) {
    setObjectName(QStringLiteral("cvImportanceView"));
    m_title->setWordWrap(true);
    m_saveChart->setToolTip(tr("The importance chart as PNG or SVG"));
    m_saveData->setToolTip(tr("Every column's mean, sd and drops as CSV"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_title, 1);
    bar->addWidget(m_saveChart);
    bar->addWidget(m_saveData);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_chart, 1);
    connect(m_saveChart, &QPushButton::clicked, this, [this] { chooseAndSave(true); });
    connect(m_saveData, &QPushButton::clicked, this, [this] { chooseAndSave(false); });
    clear();
}

void CvImportanceView::setResult(const ImportanceResult& pooled, int folds) {
    m_result = pooled;
    m_chart->setResult(pooled);
    m_title->setText(tr("<b>Importance across folds</b>: each fold's network with its columns "
                        "shuffled on its own %1 held-out rows in all, %2 folds pooled")
                         .arg(pooled.rows)
                         .arg(folds));
    m_saveChart->setEnabled(true);
    m_saveData->setEnabled(true);
}

void CvImportanceView::clear() {
    m_result.reset();
    m_chart->clear();
    m_title->setText(
        tr("<b>Importance across folds</b>: check “Compute feature importance” "
           "before Run"));
    m_saveChart->setEnabled(false);
    m_saveData->setEnabled(false);
}

QString CvImportanceView::saveChartTo(const QString& path) {
    if (!m_result) return tr("There is no importance to save yet.");
    if (QString refused = refuseLoadedInput(path, m_loadedPath); !refused.isEmpty()) return refused;
    return saveWidgetImage(m_chart, path);
}

QString CvImportanceView::saveDataTo(const QString& path) {
    if (!m_result) return tr("There is no importance to save yet.");
    if (QString refused = refuseLoadedInput(path, m_loadedPath); !refused.isEmpty()) return refused;
    return writeFileAtomically(path, QByteArray::fromStdString(importanceToCsv(*m_result)));
}

void CvImportanceView::chooseAndSave(bool chart) {
    QString selected;
    const QString base = QFileInfo(m_loadedPath).completeBaseName() + "-cv-importance";
    QString path = QFileDialog::getSaveFileName(
        this, chart ? tr("Save Chart") : tr("Save Data"), base + (chart ? ".png" : ".csv"),
        chart ? chartImageFilters() : tr("CSV file (*.csv)"), &selected);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty())
        path += chart ? (selected.contains("svg") ? ".svg" : ".png") : ".csv";
    const QString error = chart ? saveChartTo(path) : saveDataTo(path);
    emit saved(error.isEmpty() ? tr("Saved to %1").arg(path) : error);
}

}  // namespace bps
