// Column kinds: each rule of inferColumnKinds on generated columns (with the reason in words),
// the kinds of cars.csv and weather.csv, overrides, and the ISO 8601 dates the kinds rely on.

#include <QtTest>
#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/csv/csv_reader.h"
#include "core/data/column_kinds.h"
#include "core/data/iso_date.h"
#include "tests/common/csv_table_text.h"

using bps::ColumnKind;
using bps::ColumnKindInfo;
using bps::CsvTable;

namespace {

using bps::test::errorOf;

// A one-column table "v" whose rows are `cells`.
CsvTable column(const std::vector<std::string>& cells) {
    std::string text = "v\n";
    for (const std::string& cell : cells) text += cell + "\n";
    return bps::readCsvText(text, "gen.csv");
}

// `count` cells "<prefix>0", "<prefix>1", ... each repeated `times` times.
std::vector<std::string> repeated(const std::string& prefix, int count, int times) {
    std::vector<std::string> cells;
    for (int t = 0; t < times; ++t)
        for (int i = 0; i < count; ++i) cells.push_back(prefix + std::to_string(i));
    return cells;
}

std::vector<std::string> numbers(int from, int count) {
    std::vector<std::string> cells;
    for (int i = 0; i < count; ++i) cells.push_back(std::to_string(from + i));
    return cells;
}

QString kindOf(const CsvTable& table, const bps::KindOverrides& overrides = {}) {
    return QString::fromStdString(
        bps::describeKind(bps::inferColumnKinds(table, {}, overrides)[0]));
}

const ColumnKindInfo& find(const std::vector<ColumnKindInfo>& kinds, const std::string& name) {
    for (const ColumnKindInfo& info : kinds)
        if (info.name == name) return info;
    static const ColumnKindInfo none;
    return none;
}

}  // namespace

class tst_ColumnKinds : public QObject {
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void cars();
    void weather();
    void overrides();
    void overrideErrors_data();
    void overrideErrors();
    void thresholdsAreUsed();
    void isoDates_data();
    void isoDates();
};

void tst_ColumnKinds::rules_data() {
    QTest::addColumn<QStringList>("cells");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char* name, const std::vector<std::string>& cells,
                        const char* expected) {
        QStringList list;
        for (const std::string& cell : cells) list << QString::fromStdString(cell);
        QTest::newRow(name) << list << QString::fromUtf8(expected);
    };
    std::vector<std::string> withMissing = numbers(1, 30);
    withMissing[4] = "NA";

    row("numbers", {"1.5", "2", "-3", "NA"}, "numeric: 3 distinct values in 4 rows, 1 missing");
    row("few whole numbers", {"4", "8", "4", "6", "3"},
        "numeric: 4 distinct whole numbers (could be categorical)");
    row("all missing", {"NA", "null", "?"}, "constant: no values (all 3 cells missing)");
    row("one number", {"7", "7", "NA"}, "constant: one value ('7') in 3 rows, 1 missing");
    row("one text value", {"x", "x"}, "constant: one value ('x') in 2 rows");
    row("row numbers", numbers(1, 25), "identifier: row numbers 1 to 25");
    row("row numbers from 0", numbers(0, 20), "identifier: row numbers 0 to 19");
    row("too short for row numbers", numbers(1, 19), "numeric: 19 distinct values in 19 rows");
    row("a missing cell is no row number", withMissing,
        "numeric: 29 distinct values in 30 rows, 1 missing");
    row("dates", {"1970-01-01", "1971-01-01", "1970-01-01", "NA"},
        "date/time: ISO 8601 dates, 2 distinct in 4 rows, 1 missing");
    row("date-times", {"2012-01-01T10:00:00Z", "2012-01-01 10:30", "2012-02-29T23:59:59.5+01:00"},
        "date/time: ISO 8601 dates, 3 distinct in 3 rows");
    row("not a real date", {"2013-02-29", "2013-03-01"},
        "categorical: 2 distinct values in 2 rows");
    row("names", repeated("name ", 12, 1), "identifier: 12 of 12 values distinct");
    row(
        "mostly distinct",
        [] {
            std::vector<std::string> cells = repeated("id", 60, 1);
            for (int i = 0; i < 40; ++i) cells.push_back("id" + std::to_string(i));
            return cells;
        }(),
        "identifier: 60 of 100 values distinct");
    row("a small table's distinct values", repeated("level ", 8, 1),
        "categorical: 8 distinct values in 8 rows");
    row("levels", repeated("L", 3, 20), "categorical: 3 distinct values in 60 rows");
    // 1000 values: the limit is round(1000^0.7) = 126 levels.
    row("many levels", repeated("L", 126, 8), "categorical: 126 distinct values in 1008 rows");
    row("too many levels", repeated("L", 300, 4),
        "free text: 300 distinct values in 1200 rows, more than the 143 a categorical column may "
        "have");
}

void tst_ColumnKinds::rules() {
    QFETCH(QStringList, cells);
    QFETCH(QString, expected);
    std::vector<std::string> values;
    for (const QString& cell : cells) values.push_back(cell.toStdString());
    QCOMPARE(kindOf(column(values)), expected);
}

void tst_ColumnKinds::cars() {
    const CsvTable table = bps::readCsvFile(BPS_TEST_DATA "/cars.csv");
    const std::vector<ColumnKindInfo> kinds = bps::inferColumnKinds(table);
    QCOMPARE(kinds.size(), std::size_t{9});
    QCOMPARE(QString::fromStdString(bps::describeKind(find(kinds, "Name"))),
             QString("identifier: 311 of 406 values distinct"));
    QCOMPARE(QString::fromStdString(bps::describeKind(find(kinds, "Origin"))),
             QString("categorical: 3 distinct values in 406 rows"));
    QCOMPARE(QString::fromStdString(bps::describeKind(find(kinds, "Year"))),
             QString("date/time: ISO 8601 dates, 12 distinct in 406 rows"));
    const ColumnKindInfo& horsepower = find(kinds, "Horsepower");
    QCOMPARE(horsepower.kind, ColumnKind::Numeric);
    QCOMPARE(horsepower.missing, std::size_t{6});
    QCOMPARE(horsepower.valueCount(), std::size_t{400});
    QCOMPARE(find(kinds, "Miles_per_Gallon").kind, ColumnKind::Numeric);
    QCOMPARE(find(kinds, "Miles_per_Gallon").missing, std::size_t{8});
    const ColumnKindInfo& cylinders = find(kinds, "Cylinders");
    QCOMPARE(cylinders.kind, ColumnKind::Numeric);
    QVERIFY(cylinders.categoricalCandidate);
    QCOMPARE(cylinders.distinct, std::size_t{5});
    // 356 distinct whole numbers, not in row order: a measurement, not row numbers.
    QCOMPARE(find(kinds, "Weight_in_lbs").kind, ColumnKind::Numeric);
    QVERIFY(!find(kinds, "Weight_in_lbs").categoricalCandidate);
}

void tst_ColumnKinds::weather() {
    const CsvTable table = bps::readCsvFile(BPS_TEST_DATA "/weather.csv");
    const std::vector<ColumnKindInfo> kinds = bps::inferColumnKinds(table);
    QStringList described;
    for (const ColumnKindInfo& info : kinds)
        described << QString::fromStdString(info.name + " " + bps::describeKind(info));
    QCOMPARE(described, QStringList({
                            "location categorical: 2 distinct values in 2922 rows",
                            "date date/time: ISO 8601 dates, 1461 distinct in 2922 rows",
                            "precipitation numeric: 144 distinct values in 2922 rows",
                            "temp_max numeric: 90 distinct values in 2922 rows",
                            "temp_min numeric: 95 distinct values in 2922 rows",
                            "wind numeric: 113 distinct values in 2922 rows",
                            "weather categorical: 5 distinct values in 2922 rows",
                        }));
}

void tst_ColumnKinds::overrides() {
    const CsvTable table = bps::readCsvFile(BPS_TEST_DATA "/cars.csv");
    const std::vector<ColumnKindInfo> kinds = bps::inferColumnKinds(
        table, {}, {{"Cylinders", ColumnKind::Categorical}, {"Name", ColumnKind::Categorical}});
    QCOMPARE(QString::fromStdString(bps::describeKind(find(kinds, "Cylinders"))),
             QString("categorical: chosen by the user, 5 distinct values in 406 rows"));
    QCOMPARE(find(kinds, "Name").kind, ColumnKind::Categorical);
    QCOMPARE(find(kinds, "Origin").reason, bps::KindReason::FewLevels);  // the others as inferred

    const CsvTable rows = column(numbers(1, 30));
    QCOMPARE(kindOf(rows, {{"v", ColumnKind::Numeric}}),
             QString("numeric: chosen by the user, 30 distinct values in 30 rows"));
    QCOMPARE(kindOf(rows, {{"1", ColumnKind::Categorical}}),  // by 1-based number, as --target
             QString("categorical: chosen by the user, 30 distinct values in 30 rows"));
}

void tst_ColumnKinds::overrideErrors_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("text made numeric")
        << "Origin" << int(ColumnKind::Numeric)
        << "cars.csv: line 2, column 9: column 'Origin' holds text ('USA') and cannot be numeric";
    QTest::newRow("not a choice") << "Origin" << int(ColumnKind::Identifier)
                                  << "cars.csv: column 'Origin' can only be made numeric or "
                                     "categorical, not identifier";
    QTest::newRow("no such column")
        << "origin" << int(ColumnKind::Categorical)
        << "cars.csv: no column named 'origin' (columns: Name, Miles_per_Gallon, Cylinders, "
           "Displacement, Horsepower, Weight_in_lbs, Acceleration, Year, Origin)";
}

void tst_ColumnKinds::overrideErrors() {
    QFETCH(QString, name);
    QFETCH(int, kind);
    QFETCH(QString, expected);
    const CsvTable table = bps::readCsvFile(BPS_TEST_DATA "/cars.csv");
    QCOMPARE(errorOf([&] {
                 bps::inferColumnKinds(table, {}, {{name.toStdString(), ColumnKind(kind)}});
             }),
             expected);
}

void tst_ColumnKinds::thresholdsAreUsed() {
    const CsvTable names = column(repeated("n", 12, 1));
    bps::KindThresholds t;
    QCOMPARE(bps::inferColumnKinds(names, t)[0].kind, ColumnKind::Identifier);
    t.minLevelLimit = 12;  // no more distinct values than a small table may have as levels
    QCOMPARE(bps::inferColumnKinds(names, t)[0].kind, ColumnKind::Categorical);

    const CsvTable twice = column(repeated("n", 30, 2));  // 30 of 60 distinct
    t = {};
    QCOMPARE(bps::inferColumnKinds(twice, t)[0].kind, ColumnKind::Identifier);
    t.identifierDistinctFraction = 0.6;
    QCOMPARE(bps::inferColumnKinds(twice, t)[0].kind,
             ColumnKind::FreeText);  // 30 > round(60^0.7) = 18
    t.levelExponent = 1;
    QCOMPARE(bps::inferColumnKinds(twice, t)[0].kind, ColumnKind::Categorical);

    const CsvTable rows = column(numbers(5, 10));
    t = {};
    QCOMPARE(bps::inferColumnKinds(rows, t)[0].kind, ColumnKind::Numeric);
    t.rowNumberMinRows = 10;
    QCOMPARE(bps::inferColumnKinds(rows, t)[0].kind, ColumnKind::Identifier);

    const CsvTable small = column({"1", "2", "3", "1"});
    t = {};
    QVERIFY(bps::inferColumnKinds(small, t)[0].categoricalCandidate);
    t.integerLevelLimit = 2;
    QVERIFY(!bps::inferColumnKinds(small, t)[0].categoricalCandidate);
}

void tst_ColumnKinds::isoDates_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("parts");  // "y-m-d h:m:s offset weekday", or "-" if not a date
    QTest::newRow("date") << "1970-01-01"
                          << "1970-1-1 0:0:0 +0 wd3";
    QTest::newRow("leap day") << "2012-02-29"
                              << "2012-2-29 0:0:0 +0 wd2";
    QTest::newRow("century leap day") << "2000-02-29"
                                      << "2000-2-29 0:0:0 +0 wd1";
    QTest::newRow("T and Z") << "2012-01-01T13:45:10Z"
                             << "2012-1-1 13:45:10 +0 wd6";
    QTest::newRow("space, minutes") << "1999-12-31 23:59"
                                    << "1999-12-31 23:59:0 +0 wd4";
    QTest::newRow("fraction, offset") << "2015-06-01T00:00:01.25-05:30"
                                      << "2015-6-1 0:0:1.25 -330 wd0";
    QTest::newRow("offset hhmm") << "2015-06-01T08:00:00+0200"
                                 << "2015-6-1 8:0:0 +120 wd0";
    QTest::newRow("offset hh") << "2015-06-01T08:00+02"
                               << "2015-6-1 8:0:0 +120 wd0";
    QTest::newRow("leap second") << "2016-12-31T23:59:60Z"
                                 << "2016-12-31 23:59:60 +0 wd5";
    for (const char* bad :
         {"", "2013-02-29", "1900-02-29", "2012-13-01", "2012-00-10", "2012-04-31", "2012-1-01",
          "12-01-01", "2012/01/01", "2012-01-01T", "2012-01-01T24:00", "2012-01-01T10:60",
          "2012-01-01T10:00:61", "2012-01-01T10:00:00.", "2012-01-01T10:00Zx",
          "2012-01-01 10:00 +01", "20120101", "1970-01-01x"})
        QTest::newRow(qPrintable(QString("not '%1'").arg(bad))) << bad << "-";
}

void tst_ColumnKinds::isoDates() {
    QFETCH(QString, text);
    QFETCH(QString, parts);
    const std::optional<bps::IsoDateTime> d = bps::parseIsoDateTime(text.toStdString());
    const QString got = !d ? QString("-")
                           : QString("%1-%2-%3 %4:%5:%6 %7%8 wd%9")
                                 .arg(d->year)
                                 .arg(d->month)
                                 .arg(d->day)
                                 .arg(d->hour)
                                 .arg(d->minute)
                                 .arg(d->second)
                                 .arg(d->offsetMinutes >= 0 ? "+" : "")
                                 .arg(d->offsetMinutes)
                                 .arg(d->dayOfWeek());
    QCOMPARE(got, parts);
}

QTEST_GUILESS_MAIN(tst_ColumnKinds)
#include "tst_column_kinds.moc"
