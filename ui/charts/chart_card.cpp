#include "ui/charts/chart_card.h"

#include <QChartView>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/files/file_export.h"

namespace bps {

ChartCard::ChartCard(QChartView* chart, std::function<QByteArray()> csv, QString baseName,
                     QWidget* parent)
    : QWidget(parent), m_chart(chart), m_csv(std::move(csv)), m_baseName(std::move(baseName)) {
    m_saveChart = new QPushButton(tr("Save chart…"));
    m_saveChart->setToolTip(tr("Save this chart as a PNG image or an SVG drawing"));
    m_saveData = new QPushButton(tr("Save data…"));
    m_saveData->setToolTip(tr("Save the numbers behind this chart as CSV"));
    connect(m_saveChart, &QPushButton::clicked, this, &ChartCard::chooseChartFile);
    connect(m_saveData, &QPushButton::clicked, this, &ChartCard::chooseDataFile);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_saveChart);
    buttons->addWidget(m_saveData);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_chart, 1);
    layout->addLayout(buttons);
}

void ChartCard::setSavesEnabled(bool enabled) {
    m_saveChart->setEnabled(enabled);
    m_saveData->setEnabled(enabled);
}

QString ChartCard::saveChartTo(const QString& path) {
    if (m_guard)
        if (QString refused = m_guard(path); !refused.isEmpty()) return refused;
    return saveWidgetImage(m_chart, path);
}

QString ChartCard::saveDataTo(const QString& path) {
    if (m_guard)
        if (QString refused = m_guard(path); !refused.isEmpty()) return refused;
    return writeFileAtomically(path, m_csv());
}

void ChartCard::chooseChartFile() {
    QString selected;
    QString path = QFileDialog::getSaveFileName(this, tr("Save Chart"), m_baseName + ".png",
                                                chartImageFilters(), &selected);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += selected.contains("svg") ? ".svg" : ".png";
    if (const QString error = saveChartTo(path); !error.isEmpty()) emit saveFailed(error);
}

void ChartCard::chooseDataFile() {
    QString path = QFileDialog::getSaveFileName(this, tr("Save Chart Data"), m_baseName + ".csv",
                                                tr("CSV file (*.csv)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += ".csv";
    if (const QString error = saveDataTo(path); !error.isEmpty()) emit saveFailed(error);
}

}  // namespace bps
