#pragma once
// File > Save Report: the HTML report (core/report) of the current model on the loaded data,
// built and written on a worker thread, because its permutation importance predicts the
// validation rows many times over and the window must not freeze on a large file. The page is
// the one `backprop-studio report MODEL FILE.csv --history H` writes: the same functions
// choose the validation rows again (from the model's seed) and fill every section.

#include <QObject>
#include <QString>
#include <QThread>
#include <atomic>
#include <memory>
#include <vector>

#include "core/model/model.h"
#include "core/monitoring/epoch_report.h"
#include "ui/data/csv_loader.h"

namespace bps {

class ReportJob : public QObject {
    Q_OBJECT
public:
    explicit ReportJob(QObject* parent = nullptr);
    // Cancels a report being built and waits for its thread: none outlives the window.
    ~ReportJob() override;

    // Starts building the report for `model` on `data` (its validation rows) with the run's
    // `history` and writing it to `path` atomically; finished() follows. False (nothing
    // started) while another report is being built.
    bool start(std::shared_ptr<const Model> model, LoadedDataPtr data,
               std::vector<EpochReport> history, const QString& path);
    bool isRunning() const { return m_thread != nullptr; }

signals:
    // `error` is empty on success; `rows` says which rows the metrics are of.
    void finished(const QString& path, const QString& error, const QString& rows);

private:
    QThread* m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

}  // namespace bps
