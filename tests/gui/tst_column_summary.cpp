// Column summaries, class balance and the virtual data table on small tables.

#include <QtTest>

#include "ui/data/column_summary.h"
#include "ui/data/csv_loader.h"
#include "ui/data/data_table_model.h"

using namespace bps;

class tst_ColumnSummary : public QObject {
    Q_OBJECT
private slots:
    void summarizes_data();
    void summarizes();
    void classBalance_data();
    void classBalance();
    void tableModelReadsColumns();
};

void tst_ColumnSummary::summarizes_data() {
    QTest::addColumn<QString>("csv");
    QTest::addColumn<bool>("numeric");
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::addColumn<double>("mean");
    QTest::addColumn<int>("missing");
    QTest::newRow("numbers") << "x\n1\n2\n6\n" << true << 1.0 << 6.0 << 3.0 << 0;
    QTest::newRow("with missing") << "x\n1\nNA\n3\n" << true << 1.0 << 3.0 << 2.0 << 1;
    QTest::newRow("negative") << "x\n-4\n2\n" << true << -4.0 << 2.0 << -1.0 << 0;
    QTest::newRow("text") << "x\na\nb\na\n"
                          << false << double(NAN) << double(NAN) << double(NAN) << 0;
}

void tst_ColumnSummary::summarizes() {
    QFETCH(QString, csv);
    QFETCH(bool, numeric);
    QFETCH(double, min);
    QFETCH(double, max);
    QFETCH(double, mean);
    QFETCH(int, missing);
    const CsvTable table = readCsvText(csv.toStdString(), "t.csv");
    const ColumnSummary s = summarizeColumn(table.columns.at(0));
    QCOMPARE(s.numeric, numeric);
    QCOMPARE(static_cast<int>(s.missing), missing);
    if (numeric) {
        QCOMPARE(s.min, min);
        QCOMPARE(s.max, max);
        QCOMPARE(s.mean, mean);
    } else {
        QCOMPARE(s.levels, std::size_t{2});
        QVERIFY(std::isnan(s.mean));
    }
}

void tst_ColumnSummary::classBalance_data() {
    QTest::addColumn<QString>("csv");
    QTest::addColumn<int>("maxClasses");
    QTest::addColumn<QStringList>("labels");
    QTest::addColumn<QList<int>>("counts");
    QTest::newRow("binary numbers") << "y\n1\n0\n0\n1\n0\n"
                                    << 50 << QStringList{"0", "1"} << QList<int>{3, 2};
    QTest::newRow("text labels") << "y\ncat\ndog\ncat\n"
                                 << 50 << QStringList{"cat", "dog"} << QList<int>{2, 1};
    QTest::newRow("missing not counted") << "y\n1\nNA\n1\n"
                                         << 50 << QStringList{"1"} << QList<int>{2};
    QTest::newRow("too many values") << "y\n1\n2\n3\n4\n" << 3 << QStringList{} << QList<int>{};
}

void tst_ColumnSummary::classBalance() {
    QFETCH(QString, csv);
    QFETCH(int, maxClasses);
    QFETCH(QStringList, labels);
    QFETCH(QList<int>, counts);
    const CsvTable table = readCsvText(csv.toStdString(), "t.csv");
    const auto balance = bps::classBalance(table.columns.at(0), maxClasses);
    QCOMPARE(static_cast<qsizetype>(balance.size()), labels.size());
    for (std::size_t i = 0; i < balance.size(); ++i) {
        QCOMPARE(balance[i].label, labels[static_cast<qsizetype>(i)]);
        QCOMPARE(balance[i].count, counts[static_cast<qsizetype>(i)]);
    }
}

void tst_ColumnSummary::tableModelReadsColumns() {
    auto data = std::make_shared<LoadedData>();
    data->table = readCsvText("a,b\n1.5,x\n,y\n", "t.csv");
    data->summaries = summarizeTable(data->table);
    DataTableModel model;
    model.setTable(data);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("b"));
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("1.5"));
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("missing"));
    QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("y"));
}

QTEST_GUILESS_MAIN(tst_ColumnSummary)
#include "tst_column_summary.moc"
