#pragma once
// Reads a CSV file off the UI thread (QtConcurrent) with progress and cancellation. Paths that
// start with ":/" are Qt resources (the bundled sample) and are read from memory. A named pipe
// is read without blocking for good (ui/data/pipe_reader.h): waitingForData says that no writer
// has sent anything yet, and cancel() ends the wait.

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <vector>

#include "core/csv/csv_reader.h"
#include "core/data/column_kinds.h"
#include "ui/data/column_summary.h"

namespace bps {

// A loaded file, immutable once built, so the UI and the training thread can share it.
struct LoadedData {
    QString path;         // as given to load()
    QString displayName;  // file name for titles and messages
    CsvTable table;
    std::vector<ColumnSummary> summaries;
    // Each column's inferred kind (no user overrides), computed with the summaries off the UI
    // thread; empty in a LoadedData built by hand (ColumnRolesView infers them then).
    std::vector<ColumnKindInfo> kinds;
    // SHA-256 of the bytes read, in lower-case hex (a project file's fingerprint of its data);
    // empty in a LoadedData built by hand.
    QString sha256;
};
using LoadedDataPtr = std::shared_ptr<const LoadedData>;

class CsvLoader : public QObject {
    Q_OBJECT
public:
    explicit CsvLoader(QObject* parent = nullptr);
    // Cancels a load in progress and waits for it, so no job outlives the loader.
    ~CsvLoader() override;

    // Starts reading `path`; a load already in progress is cancelled first.
    void load(const QString& path);
    void cancel();
    bool isLoading() const { return m_watcher.isRunning(); }

signals:
    void progressChanged(int percent);
    // `path` is a named pipe with nothing to read yet: the load waits until a writer sends data
    // and closes it, or until cancel().
    void waitingForData(const QString& path);
    // The load of `path` ended after cancel() (a load superseded by another load() ends
    // silently: the new one's signals follow).
    void cancelled(const QString& path);
    void loaded(bps::LoadedDataPtr data);
    // `message` is the reader's own (file, line, column, what was expected).
    void failed(const QString& path, const QString& message);

private:
    struct Outcome {
        LoadedDataPtr data;
        QString error;
    };
    void handleFinished();

    QFutureWatcher<Outcome> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QString m_path;
};

}  // namespace bps

Q_DECLARE_METATYPE(bps::LoadedDataPtr)
