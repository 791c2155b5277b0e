#pragma once
// A chart with its two saves under it: "Save chart…" (PNG, or SVG when Qt SVG is there) and
// "Save data…" (the numbers behind it as CSV). Both write atomically and ask a guard first, so a
// save never replaces the data file being trained on.

#include <QString>
#include <QWidget>
#include <functional>

class QChartView;
class QPushButton;

namespace bps {

class ChartCard : public QWidget {
    Q_OBJECT
public:
    // `csv` gives the chart's data when saved; `baseName` names the files the dialogs offer.
    ChartCard(QChartView* chart, std::function<QByteArray()> csv, QString baseName,
              QWidget* parent = nullptr);

    // Why a path must not be written ("" when it may); set by the panel from the loaded file.
    void setGuard(std::function<QString(const QString&)> guard) { m_guard = std::move(guard); }
    // Each returns "" on success, else a message naming the file and the reason.
    QString saveChartTo(const QString& path);
    QString saveDataTo(const QString& path);
    void setSavesEnabled(bool enabled);

    QChartView* chartView() const { return m_chart; }
    QPushButton* saveChartButton() const { return m_saveChart; }
    QPushButton* saveDataButton() const { return m_saveData; }

signals:
    void saveFailed(const QString& message);

private:
    void chooseChartFile();
    void chooseDataFile();

    QChartView* m_chart;
    std::function<QByteArray()> m_csv;
    std::function<QString(const QString&)> m_guard;
    QString m_baseName;
    QPushButton* m_saveChart;
    QPushButton* m_saveData;
};

}  // namespace bps
