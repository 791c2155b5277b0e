#include "ui/explain/importance_runner.h"

#include <QtConcurrent/QtConcurrentRun>

#include "core/base/errors.h"
#include "core/explain/held_out_rows.h"

namespace bps {

ImportanceRunner::ImportanceRunner(QObject* parent) : QObject(parent) {
    m_pool.setMaxThreadCount(1);
}

ImportanceRunner::~ImportanceRunner() {
    cancel();
    for (QFuture<void>& job : m_jobs) job.waitForFinished();
}

ImportanceRunner::Flag ImportanceRunner::newJob(Flag& slot) {
    if (slot) slot->store(true);
    slot = std::make_shared<std::atomic<bool>>(false);
    return slot;
}

void ImportanceRunner::keep(QFuture<void> future) {
    m_jobs.removeIf([](const QFuture<void>& f) { return f.isFinished(); });
    m_jobs.append(std::move(future));
}

void ImportanceRunner::cancel() {
    if (m_importanceCancel) m_importanceCancel->store(true);
    if (m_dependenceCancel) m_dependenceCancel->store(true);
    ++m_request;
    ++m_dependenceRequest;
    m_importanceBusy = m_dependenceBusy = false;
}

void ImportanceRunner::start(std::shared_ptr<const Model> model, LoadedDataPtr data,
                             const ImportanceOptions& options) {
    if (m_dependenceCancel) m_dependenceCancel->store(true);
    ++m_dependenceRequest;
    const Flag cancelled = newJob(m_importanceCancel);
    const int request = ++m_request;
    m_dependenceBusy = false;
    m_importanceBusy = true;
    keep(QtConcurrent::run(&m_pool, [this, cancelled, request, model, data, options] {
        auto out = std::make_shared<ImportanceOutcome>();
        out->request = request;
        out->model = model;
        out->data = data;
        try {
            ExplainData all = explainData(*model, data->table);
            std::shared_ptr<const ExplainData> rows;
            if (model->config.validationFraction > 0) {
                try {
                    const HeldOutRows held = heldOutRows(*model, all);
                    if (held.matches) {
                        rows = std::make_shared<const ExplainData>(
                            explainData(*model, data->table, held.tableRows));
                        out->validationRows = true;
                    }
                } catch (const DataError&) {
                    // Too few rows for the model's split: not its training file; all rows.
                }
            }
            if (!rows) rows = std::make_shared<const ExplainData>(std::move(all));
            out->rows = rows;
            out->result = permutationImportance(*model, *rows, options, [&](int done, int total) {
                if (cancelled->load()) return false;
                QMetaObject::invokeMethod(
                    this,
                    [this, request, done, total] {
                        if (request == m_request) emit progressChanged(done, total);
                    },
                    Qt::QueuedConnection);
                return !cancelled->load();
            });
        } catch (const std::exception& e) {
            out->error = QString::fromStdString(e.what());
        }
        if (cancelled->load()) return;
        QMetaObject::invokeMethod(
            this,
            [this, out] {
                if (out->request != m_request) return;  // cancelled or superseded meanwhile
                m_importanceBusy = false;
                emit importanceReady(out);
            },
            Qt::QueuedConnection);
    }));
}

void ImportanceRunner::startDependence(const ImportanceOutcomePtr& outcome,
                                       const std::string& column,
                                       const PartialDependenceOptions& options) {
    if (!outcome || !outcome->rows) return;
    const Flag cancelled = newJob(m_dependenceCancel);
    const int request = ++m_dependenceRequest;
    m_dependenceBusy = true;
    keep(QtConcurrent::run(&m_pool, [this, cancelled, request, outcome, column, options] {
        auto out = std::make_shared<DependenceOutcome>();
        out->request = request;
        try {
            out->curves = partialDependence(*outcome->model, *outcome->rows, column, options,
                                            [&](int, int) { return !cancelled->load(); });
            for (std::size_t row : out->curves.rows)
                out->lines.push_back(
                    outcome->data->table.rowLine.at(outcome->rows->tableRows.at(row)));
        } catch (const std::exception& e) {
            out->error = QString::fromStdString(e.what());
        }
        if (cancelled->load()) return;
        QMetaObject::invokeMethod(
            this,
            [this, out] {
                if (out->request != m_dependenceRequest) return;
                m_dependenceBusy = false;
                emit dependenceReady(out);
            },
            Qt::QueuedConnection);
    }));
}

}  // namespace bps
