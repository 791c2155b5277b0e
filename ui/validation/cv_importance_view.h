#pragma once
// The Cross-validate window's "Importance across folds": each fold's permutation importance on
// its own held-out rows, pooled, as sorted bars with mean +- sd over folds x repeats
// (ImportanceChart), saved as PNG/SVG or as the command line's importance CSV.

#include <QString>
#include <QWidget>
#include <optional>

#include "core/explain/permutation_importance.h"

class QLabel;
class QPushButton;

namespace bps {

class ImportanceChart;

class CvImportanceView : public QWidget {
    Q_OBJECT
public:
    explicit CvImportanceView(QWidget* parent = nullptr);

    void setResult(const ImportanceResult& pooled, int folds);
    void clear();
    // The file the data came from, which the saves refuse to overwrite.
    void setLoadedPath(const QString& path) { m_loadedPath = path; }

    // Without dialogs, for the buttons and the tests; each returns an error or "".
    QString saveChartTo(const QString& path);
    QString saveDataTo(const QString& path);

    ImportanceChart* chart() const { return m_chart; }
    const std::optional<ImportanceResult>& result() const { return m_result; }

signals:
    void saved(const QString& message);

private:
    void chooseAndSave(bool chart);

    QLabel* m_title;
    ImportanceChart* m_chart;
    QPushButton* m_saveChart;
    QPushButton* m_saveData;
    std::optional<ImportanceResult> m_result;
    QString m_loadedPath;
};

}  // namespace bps
