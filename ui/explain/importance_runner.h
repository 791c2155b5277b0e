#pragma once
// Computes permutation importance and partial dependence off the UI thread, on a pool of its
// own (one thread: a newer request queues behind an older one that is stopping). The job reads
// the shared, immutable table and model; it encodes the rows itself. A new request or cancel()
// sets the running job's flag, which the job reads after every column (or grid point), and
// bumps the request number, so a late result of an old request is dropped, never shown. The
// destructor cancels and waits: closing the window never leaves a job behind.

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <atomic>
#include <memory>
#include <vector>

#include "core/explain/explain_data.h"
#include "core/explain/partial_dependence.h"
#include "core/explain/permutation_importance.h"
#include "core/model/model.h"
#include "ui/data/csv_loader.h"

namespace bps {

struct ImportanceOutcome {
    int request = 0;
    std::shared_ptr<const Model> model;
    LoadedDataPtr data;
    std::shared_ptr<const ExplainData> rows;  // the rows shuffled; partial dependence uses them
    bool validationRows = false;  // the model's held-out rows (else all rows of the file)
    ImportanceResult result;
    QString error;
};
using ImportanceOutcomePtr = std::shared_ptr<const ImportanceOutcome>;

struct DependenceOutcome {
    int request = 0;
    PartialDependence curves;
    std::vector<std::size_t> lines;  // the file line of each ICE curve's row
    QString error;
};
using DependenceOutcomePtr = std::shared_ptr<const DependenceOutcome>;

class ImportanceRunner : public QObject {
    Q_OBJECT
public:
    explicit ImportanceRunner(QObject* parent = nullptr);
    ~ImportanceRunner() override;

    // Importance of `model`'s columns on `data`: its validation rows when the file is the one
    // the model was trained on (core/explain/held_out_rows.h), else all rows. Returns at once.
    void start(std::shared_ptr<const Model> model, LoadedDataPtr data,
               const ImportanceOptions& options = {});
    // The partial dependence of `column` on the rows of `outcome` (a finished importance);
    // `options.outputClass` says which class's probability a multiclass model's curve is.
    void startDependence(const ImportanceOutcomePtr& outcome, const std::string& column,
                         const PartialDependenceOptions& options = {});
    // Stops both kinds of job; their results will not be delivered.
    void cancel();
    bool isRunning() const { return m_importanceBusy || m_dependenceBusy; }

signals:
    void progressChanged(int done, int total);
    void importanceReady(const bps::ImportanceOutcomePtr& outcome);
    void dependenceReady(const bps::DependenceOutcomePtr& outcome);

private:
    using Flag = std::shared_ptr<std::atomic<bool>>;
    Flag newJob(Flag& slot);
    void keep(QFuture<void> future);

    QThreadPool m_pool;
    QList<QFuture<void>> m_jobs;
    Flag m_importanceCancel, m_dependenceCancel;
    int m_request = 0, m_dependenceRequest = 0;
    bool m_importanceBusy = false, m_dependenceBusy = false;
};

}  // namespace bps
