// Every file of the bad-input corpus through the GUI's loader (MainWindow::loadFile, the path that
// File > Open, drag-and-drop and the command line take): a file the reader refuses gives
// loadFailed with a one-line message naming the file, and the data loaded before stays loaded;
// a file it accepts replaces it. Offscreen, with dialogs off (the dialog shows the same message).

#include <unistd.h>

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "tests/common/gui_test_setup.h"
#include "tests/reliability/bad_corpus.h"
#include "ui/data/csv_loader.h"
#include "ui/window/main_window.h"

using namespace bps;
using namespace bps::test;

Q_DECLARE_METATYPE(bps::test::CorpusCase)

class tst_BadInputGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void loadKeepsPreviousDataOnError_data();
    void loadKeepsPreviousDataOnError();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void tst_BadInputGui::initTestCase() {
    test::useTestSettings(QStringLiteral("tst_bad_input_gui"));
    QVERIFY(m_dir.isValid());
    m_window = test::shownMainWindow();
    QVERIFY(m_window);
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(QStringLiteral(BPS_SAMPLE_CSV));
    QVERIFY2(loaded.wait(20'000), "the sample did not load");
}

void tst_BadInputGui::cleanupTestCase() {
    m_window.reset();
    QSettings().clear();
}

void tst_BadInputGui::loadKeepsPreviousDataOnError_data() {
    QTest::addColumn<CorpusCase>("corpusCase");
    QString error;
    const QList<CorpusCase> committed = committedCsvCases(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const CorpusCase& c : committed + generatedCsvCases(m_dir))
        QTest::newRow(qPrintable(c.name)) << c;
}

void tst_BadInputGui::loadKeepsPreviousDataOnError() {
    QFETCH(CorpusCase, corpusCase);
    QVERIFY2(!corpusCase.path.isEmpty(), "the generated file could not be made");
    if (corpusCase.unreadable) {
        if (::geteuid() == 0)
            QSKIP("running as root: permissions do not stop this process reading");
        QVERIFY(QFile::setPermissions(corpusCase.path, QFileDevice::Permissions()));
    }
    const LoadedDataPtr before = m_window->data();
    QVERIFY(before);
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    QSignalSpy failed(m_window.get(), &MainWindow::loadFailed);
    m_window->loadFile(corpusCase.path);
    QTRY_VERIFY2_WITH_TIMEOUT(loaded.size() + failed.size() > 0, "no dataLoaded or loadFailed",
                              30'000);
    // A second signal would be a bug. It could only come from an event already posted (the
    // loader's job has ended: it is idle) and those are all delivered now.
    QVERIFY2(!m_window->findChild<CsvLoader*>()->isLoading(), "the loader still runs");
    QCoreApplication::sendPostedEvents();
    QCOMPARE(loaded.size() + failed.size(), 1);

    if (corpusCase.readerAccepts) {
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
        QVERIFY(m_window->data() && m_window->data() != before);
        QCOMPARE(m_window->data()->path, corpusCase.path);
        return;
    }
    QVERIFY2(loaded.isEmpty(), "a file the reader refuses was loaded");
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.startsWith(corpusCase.name + ": "), qPrintable(message));
    QVERIFY2(message.contains(corpusCase.message), qPrintable(message));
    QVERIFY2(!message.contains('\n') && message.size() <= 400, qPrintable(message));
    QVERIFY2(m_window->data() == before, "the previous data was replaced or dropped");
    QVERIFY(m_window->isVisible());
}

QTEST_MAIN(tst_BadInputGui)
#include "tst_bad_input_gui.moc"
