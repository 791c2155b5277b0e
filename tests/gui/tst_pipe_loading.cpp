// Loading a named pipe: the loader says it waits for a writer instead of blocking for good,
// cancel() ends the wait, the window shows the wait with a working Cancel and closes while
// waiting, and data a writer sends is loaded (issue 15).

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "tests/common/gui_test_setup.h"
#include "ui/data/csv_loader.h"
#include "ui/window/main_window.h"

using namespace bps;

class tst_PipeLoading : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cancelEndsTheWait();
    void writerDataLoads();
    void windowShowsWaitAndCancels();
    void windowClosesWhileWaiting();

private:
    QString makeFifo(const QString& name);
    QTemporaryDir m_dir;
};

void tst_PipeLoading::initTestCase() {
    test::useTestSettings(QStringLiteral("tst_pipe_loading"));
    QVERIFY(m_dir.isValid());
}

QString tst_PipeLoading::makeFifo(const QString& name) {
    const QString path = m_dir.filePath(name);
    if (::mkfifo(QFile::encodeName(path).constData(), 0600) != 0) qFatal("mkfifo failed");
    return path;
}

void tst_PipeLoading::cancelEndsTheWait() {
    CsvLoader loader;
    QSignalSpy waiting(&loader, &CsvLoader::waitingForData);
    QSignalSpy cancelled(&loader, &CsvLoader::cancelled);
    QSignalSpy loaded(&loader, &CsvLoader::loaded);
    QSignalSpy failed(&loader, &CsvLoader::failed);
    const QString path = makeFifo(QStringLiteral("cancel.csv"));
    loader.load(path);
    QVERIFY(waiting.wait(10'000));
    QCOMPARE(waiting.front().front().toString(), path);
    QVERIFY(loader.isLoading());
    loader.cancel();
    QVERIFY(cancelled.wait(10'000));
    QCOMPARE(cancelled.front().front().toString(), path);
    QVERIFY(!loader.isLoading());
    QCOMPARE(loaded.size() + failed.size(), 0);
}

void tst_PipeLoading::writerDataLoads() {
    CsvLoader loader;
    QSignalSpy waiting(&loader, &CsvLoader::waitingForData);
    QSignalSpy loaded(&loader, &CsvLoader::loaded);
    const QString path = makeFifo(QStringLiteral("data.csv"));
    loader.load(path);
    QVERIFY(waiting.wait(10'000));
    // The loader holds the read end open, so a non-blocking open for writing succeeds.
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_NONBLOCK);
    QVERIFY(fd >= 0);
    const QByteArray csv("a,b,label\n1,2,0\n3,4,1\n5,6,0\n");
    QCOMPARE(::write(fd, csv.constData(), csv.size()), ssize_t(csv.size()));
    ::close(fd);
    QVERIFY(loaded.wait(10'000));
    const auto data = loaded.front().front().value<LoadedDataPtr>();
    QCOMPARE(data->table.rows, std::size_t{3});
    QCOMPARE(data->table.columns.size(), std::size_t{3});
}

void tst_PipeLoading::windowShowsWaitAndCancels() {
    MainWindow window;
    window.setDialogsEnabled(false);
    auto* loader = window.findChild<CsvLoader*>();
    QVERIFY(loader);
    QSignalSpy waiting(loader, &CsvLoader::waitingForData);
    QSignalSpy cancelled(loader, &CsvLoader::cancelled);
    window.loadFile(makeFifo(QStringLiteral("window.csv")));
    QVERIFY(waiting.wait(10'000));
    const QString message = window.statusBar()->currentMessage();
    QVERIFY2(message.contains(QLatin1String("Waiting for data on the pipe window.csv")),
             qPrintable(message));
    auto* cancel = window.findChild<QPushButton*>(QStringLiteral("cancelLoadButton"));
    QVERIFY(cancel);
    QVERIFY(cancel->isVisibleTo(&window));
    cancel->click();
    QVERIFY(cancelled.wait(10'000));
    QVERIFY(!cancel->isVisibleTo(&window));
    QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("cancelled")),
             qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(!window.data());
}

void tst_PipeLoading::windowClosesWhileWaiting() {
    // Destroying the window joins the load; a loader stuck in open() would hang here until
    // CTest's timeout.
    auto window = std::make_unique<MainWindow>();
    window->setDialogsEnabled(false);
    auto* loader = window->findChild<CsvLoader*>();
    QVERIFY(loader);
    QSignalSpy waiting(loader, &CsvLoader::waitingForData);
    window->loadFile(makeFifo(QStringLiteral("close.csv")));
    QVERIFY(waiting.wait(10'000));
    QVERIFY(window->close());
    window.reset();  // returns only once the load has ended
}

QTEST_MAIN(tst_PipeLoading)
#include "tst_pipe_loading.moc"
