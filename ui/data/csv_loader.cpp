#include "ui/data/csv_loader.h"

#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>

#include "core/base/errors.h"
#include "ui/data/file_fingerprint.h"
#include "ui/data/pipe_reader.h"

namespace bps {

CsvLoader::CsvLoader(QObject* parent) : QObject(parent) {
    qRegisterMetaType<bps::LoadedDataPtr>();
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &CsvLoader::handleFinished);
}

CsvLoader::~CsvLoader() {
    cancel();
    m_watcher.waitForFinished();
}

void CsvLoader::cancel() {
    if (m_cancel) m_cancel->store(true);
}

void CsvLoader::load(const QString& path) {
    if (m_watcher.isRunning()) {
        cancel();
        m_watcher.waitForFinished();  // the reader checks the flag often, so this is short
    }
    m_path = path;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancelFlag = m_cancel;
    QPointer<CsvLoader> self(this);
    auto job = [path, cancelFlag, self]() -> Outcome {
        int lastPercent = -1;
        CsvOptions options;
        options.cancel = cancelFlag.get();
        options.progress = [&lastPercent, self](std::uint64_t done, std::uint64_t total) {
            if (total == 0) return;
            const int percent = static_cast<int>(done * 100 / total);
            if (percent == lastPercent) return;  // at most 101 queued calls per file
            lastPercent = percent;
            // The loader outlives the job (its destructor waits), so `self` is valid here.
            QMetaObject::invokeMethod(
                self.data(),
                [self, percent] {
                    if (self) emit self->progressChanged(percent);
                },
                Qt::QueuedConnection);
        };
        auto data = std::make_shared<LoadedData>();
        data->path = path;
        data->displayName = QFileInfo(path).fileName();
        try {
            if (path.startsWith(QLatin1String(":/"))) {
                QFile file(path);
                if (!file.open(QIODevice::ReadOnly))
                    return {nullptr, path + QStringLiteral(": cannot open: ") + file.errorString()};
                const QByteArray bytes = file.readAll();
                data->sha256 = sha256Hex(bytes);
                data->table = readCsvText(std::string_view(bytes.constData(), bytes.size()),
                                          data->displayName.toStdString(), options);
            } else if (isNamedPipe(path.toStdString())) {
                const auto waiting = [self, path] {
                    QMetaObject::invokeMethod(
                        self.data(),
                        [self, path] {
                            if (self) emit self->waitingForData(path);
                        },
                        Qt::QueuedConnection);
                };
                const std::string bytes = readNamedPipe(path.toStdString(), *cancelFlag, waiting);
                data->sha256 = sha256Hex(QByteArray::fromRawData(bytes.data(), bytes.size()));
                data->table = readCsvText(bytes, data->displayName.toStdString(), options);
            } else {
                data->table = readCsvFile(path.toStdString(), options);
                // A second, sequential read (the page cache has the file): the reader maps
                // or splits the file its own way.
                data->sha256 = fileSha256Hex(path, cancelFlag.get());
            }
            data->summaries = summarizeTable(data->table);
            data->kinds = inferColumnKinds(data->table);
        } catch (const std::exception& e) {
            return {nullptr, QString::fromStdString(e.what())};
        }
        return {std::move(data), {}};
    };
    emit progressChanged(0);
    m_watcher.setFuture(QtConcurrent::run(job));
}

void CsvLoader::handleFinished() {
    const bool wasCancelled = m_cancel && m_cancel->load();
    const Outcome outcome = m_watcher.result();
    if (wasCancelled) {  // superseded or abandoned: its data or error is of no use
        emit cancelled(m_path);
        return;
    }
    if (outcome.data)
        emit loaded(outcome.data);
    else
        emit failed(m_path, outcome.error);
}

}  // namespace bps
