// The history CSV and chart images: exact format, atomic writes, PNG and SVG.

#include <QFile>
#include <QImage>
#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>
#include <vector>

#include "ui/files/file_export.h"
#include "ui/training/training_status.h"

using namespace bps;

class tst_FileExport : public QObject {
    Q_OBJECT
private slots:
    void historyCsvFormat();
    void writesAtomically();
    void unwritablePathReportsError();
    void savesImages_data();
    void savesImages();
    void formatsDurations_data();
    void formatsDurations();

private:
    QTemporaryDir m_dir;
};

void tst_FileExport::historyCsvFormat() {
    std::vector<EpochReport> history(2);
    history[0].epoch = 1;
    history[0].trainLoss = 0.5;
    history[0].validationLoss = 0.25;
    history[0].validationAccuracy = 0.9;
    history[0].learningRate = 0.01;
    history[0].seconds = 0.125;
    history[1].epoch = 2;
    history[1].trainLoss = 0.4;
    history[1].learningRate = 0.05;
    history[1].seconds = 0.25;  // no validation: empty cells
    const QString path = m_dir.filePath(QStringLiteral("format.csv"));
    QVERIFY(writeHistoryCsv(path, history).isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(),
             QByteArray("epoch,train_loss,val_loss,val_accuracy,learning_rate,seconds\n"
                        "1,0.5,0.25,0.9,0.01,0.125\n"
                        "2,0.4,,,0.05,0.25\n"));
}

void tst_FileExport::writesAtomically() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.csv"));
    QVERIFY(writeFileAtomically(path, "old").isEmpty());
    QVERIFY(writeHistoryCsv(path, {}).isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(),
             QByteArray("epoch,train_loss,val_loss,val_accuracy,learning_rate,seconds\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);  // no temporary left behind
}

void tst_FileExport::unwritablePathReportsError() {
    const QString path = m_dir.filePath(QStringLiteral("no/such/dir/history.csv"));
    const QString error = writeHistoryCsv(path, {});
    QVERIFY2(error.contains(path), qPrintable(error));
}

void tst_FileExport::savesImages_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("magic");
    QTest::newRow("png") << "chart.png" << QByteArray("\x89PNG");
#ifdef BPS_HAVE_SVG
    QTest::newRow("svg") << "chart.svg" << QByteArray("<?xml");
#endif
}

void tst_FileExport::savesImages() {
    QFETCH(QString, name);
    QFETCH(QByteArray, magic);
    QLabel widget(QStringLiteral("cost"));
    widget.resize(200, 100);
    const QString path = m_dir.filePath(name);
    const QString error = saveWidgetImage(&widget, path);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY2(file.readAll().startsWith(magic), qPrintable(name));
}

void tst_FileExport::formatsDurations_data() {
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0.0 << "0:00";
    QTest::newRow("seconds") << 7.4 << "0:07";
    QTest::newRow("minutes") << 723.0 << "12:03";
    QTest::newRow("hours") << 3723.0 << "1:02:03";
    QTest::newRow("unknown") << double(NAN) << "–";
}

void tst_FileExport::formatsDurations() {
    QFETCH(double, seconds);
    QFETCH(QString, text);
    QCOMPARE(formatDuration(seconds), text);
}

QTEST_MAIN(tst_FileExport)
#include "tst_file_export.moc"
