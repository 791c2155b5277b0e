#include "ui/files/report_job.h"

#include <QFileInfo>
#include <exception>

#include "core/report/html_report.h"
#include "core/report/report_data.h"
#include "ui/files/file_export.h"

namespace bps {

ReportJob::ReportJob(QObject* parent) : QObject(parent) {}

ReportJob::~ReportJob() {
    if (!m_thread) return;
    m_cancel->store(true);
    m_thread->wait();
    delete m_thread;
}

bool ReportJob::start(std::shared_ptr<const Model> model, LoadedDataPtr data,
                      std::vector<EpochReport> history, const QString& path) {
    if (m_thread || !model || !data) return false;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancel;
    m_thread = QThread::create([this, model, data, history = std::move(history), path, cancel] {
        QString error, rows;
        try {
            const CsvTable& table = data->table;
            const Dataset dataset = report::datasetForModel(*model, table);
            const report::EvaluatedRows evaluated = report::evaluateRows(
                *model, table, dataset, report::ReportRows::Validation, model->config.seed);
            report::ReportInput input =
                report::buildReport(*model, table, dataset, data->displayName.toStdString(),
                                    evaluated, report::historyFromReports(history));
            report::addImportance(input, *model, table, evaluated, model->config.seed, 5,
                                  [&cancel](int, int) { return !cancel->load(); });
            rows = QString::fromStdString(evaluated.description);
            if (!cancel->load())
                error =
                    writeFileAtomically(path, QByteArray::fromStdString(report::htmlReport(input)));
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        if (cancel->load()) return;  // the window is closing: nobody to tell
        QMetaObject::invokeMethod(
            this,
            [this, path, error, rows] {
                m_thread->wait();
                delete m_thread;
                m_thread = nullptr;
                emit finished(path, error, rows);
            },
            Qt::QueuedConnection);
    });
    m_thread->start();
    return true;
}

}  // namespace bps
