// Every save in the app refuses the loaded CSV file, however its path is spelled, says so, and
// leaves the file as it was (issue 15: the command line refuses an output that is an input).

#include <unistd.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "tests/common/gui_test_setup.h"
#include "ui/window/main_window.h"

using namespace bps;

class tst_SaveGuard : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void refusesLoadedCsv_data();
    void refusesLoadedCsv();
    void writesAnotherFile();

private:
    QTemporaryDir m_dir;
    QString m_csvPath;
    QByteArray m_csvBytes;
    std::unique_ptr<MainWindow> m_window;
};

void tst_SaveGuard::initTestCase() {
    test::useTestSettings(QStringLiteral("tst_save_guard"));
    QVERIFY(m_dir.isValid());
    m_csvPath = m_dir.filePath(QStringLiteral("data.csv"));
    QVERIFY(QFile::copy(QStringLiteral(BPS_SAMPLE_CSV), m_csvPath));
    QFile csv(m_csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    m_csvBytes = csv.readAll();
    QVERIFY(QFile::link(m_csvPath, m_dir.filePath(QStringLiteral("link.csv"))));
    QCOMPARE(::link(QFile::encodeName(m_csvPath).constData(),
                    QFile::encodeName(m_dir.filePath(QStringLiteral("hard.csv"))).constData()),
             0);
    m_window = std::make_unique<MainWindow>();
    m_window->setDialogsEnabled(false);
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(m_csvPath);
    QVERIFY(loaded.wait(10'000));
}

void tst_SaveGuard::refusesLoadedCsv_data() {
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("name");  // how the loaded file is named in the save
    for (const char* action : {"weights", "predictions", "chart", "history"}) {
        QTest::addRow("%s, same path", action) << action << "data.csv";
        QTest::addRow("%s, dotted path", action) << action << "./sub/../data.csv";
        QTest::addRow("%s, symlink", action) << action << "link.csv";
        QTest::addRow("%s, hard link", action) << action << "hard.csv";
    }
}

void tst_SaveGuard::refusesLoadedCsv() {
    QFETCH(QString, action);
    QFETCH(QString, name);
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("sub")));
    const QString path = m_dir.path() + QLatin1Char('/') + name;
    QString error;
    if (action == QLatin1String("weights"))
        error = m_window->exportWeights(path);
    else if (action == QLatin1String("predictions"))
        error = m_window->predictTo(path);
    else if (action == QLatin1String("chart"))
        error = m_window->saveChartTo(path);
    else
        error = m_window->saveHistoryTo(path);
    QVERIFY2(error.contains(QLatin1String("is the loaded data file")), qPrintable(error));
    QFile csv(m_csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY2(csv.readAll() == m_csvBytes, "the loaded CSV was changed");
    QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("link.csv"))).isSymLink());
}

void tst_SaveGuard::writesAnotherFile() {
    // The guard refuses the loaded file only: a save next to it goes through.
    const QString path = m_dir.filePath(QStringLiteral("history.csv"));
    const QString error = m_window->saveHistoryTo(path);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(QFileInfo::exists(path));
}

QTEST_MAIN(tst_SaveGuard)
#include "tst_save_guard.moc"
