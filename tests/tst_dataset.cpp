// From a CSV table to a learning problem: target and feature choice, task inference, class
// labels, missing rows, stratified split, scaler.

#include <QtTest>

#include "core/base/errors.h"
#include "core/base/random.h"
#include "core/data/scaler.h"
#include "core/data/split.h"
#include "tests/common/csv_table_text.h"
#include "tests/test_support.h"

using namespace bps;

Q_DECLARE_METATYPE(bps::Task)

class tst_Dataset : public QObject {
    Q_OBJECT
private slots:
    void inferTask_data();
    void inferTask();
    void selectionErrors_data();
    void selectionErrors();
    void classNamesAreSortedAndEncoded();
    void targetByNumberAndDefaultFeatures();
    void kindsInferredOnLoadingAreUsedWithTheOverrides();
    void rowsWithMissingValuesAreDroppedWithAWarning();
    void featureWithoutValuesBesideTheTargetIsLeftOut();
    void rareClassIsNamedWithItsLine();
    void corruptByteInTargetIsAnError();
    void featureMatrixFindsColumnsByName();
    void splitIsStratifiedAndSeeded();
    void splitWithoutValidationRowsIsRefused();
    void constantColumnGetsUnitStdAndWarning();
    void randomIntegersAreUniformAndInRange();
    void shufflePlacesEveryValueEverywhereEvenly();
};

void tst_Dataset::inferTask_data() {
    QTest::addColumn<QString>("csv");
    QTest::addColumn<Task>("expected");
    QTest::newRow("0/1") << "a,y\n1,0\n2,1\n3,0\n" << Task::Binary;
    QTest::newRow("yes/no") << "a,y\n1,yes\n2,no\n3,no\n" << Task::Binary;
    QTest::newRow("three integers") << "a,y\n1,0\n2,1\n3,2\n" << Task::Multiclass;
    QTest::newRow("three names") << "a,y\n1,setosa\n2,versicolor\n3,virginica\n"
                                 << Task::Multiclass;
    QTest::newRow("fractions") << "a,y\n1,0.5\n2,1.25\n3,2.75\n" << Task::Regression;
    // README: two distinct values make a binary task, whatever the values are.
    QTest::newRow("two fractions") << "a,y\n1,0.1\n2,0.30000000000000004\n3,0.1\n" << Task::Binary;
    QString many = "a,y\n";
    // Not 0, 1, 2, ...: consecutive whole numbers are row numbers, an identifier left out.
    for (int i = 0; i < 60; ++i) many += QString("%1,%2\n").arg(i * 3 % 61).arg(i);
    QTest::newRow("60 integers") << many << Task::Regression;
}

void tst_Dataset::inferTask() {
    QFETCH(QString, csv);
    QFETCH(Task, expected);
    const Dataset d = prepareDataset(test::tableFromText(csv.toStdString()), {});
    QCOMPARE(d.task, expected);
}

void tst_Dataset::selectionErrors_data() {
    QTest::addColumn<QString>("csv");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("features");
    QTest::addColumn<QString>("error");
    QTest::newRow("date feature without --expand-dates")
        << "a,d,y\n1,2020-01-01,0\n2,2020-02-01,1\n"
        << ""
        << "a,d"
        << "test.csv: feature 'd' is date/time: ISO 8601 dates, 2 distinct in 2 rows: "
           "--expand-dates uses its year, month, day and day of week (and hour and minute when "
           "it has times)";
    QTest::newRow("no such target") << "a,y\n1,0\n"
                                    << "z"
                                    << ""
                                    << "test.csv: no column named 'z' (columns: a, y)";
    QTest::newRow("target number out of range")
        << "a,y\n1,0\n"
        << "5"
        << ""
        << "test.csv: column number 5 is out of range (1..2)";
    QTest::newRow("one class")
        << "a,y\n1,0\n2,0\n"
        << ""
        << ""
        << "test.csv: target 'y' has only one value ('0'): there is nothing to learn";
    QTest::newRow("target as feature")
        << "a,y\n1,0\n2,1\n"
        << "y"
        << "a,y"
        << "test.csv: column 'y' is the target; it cannot also be a feature";
    QString names = "a,y\n";  // an identifier: every value distinct, more than 10 of them
    for (int i = 0; i < 12; ++i) names += QString("n%1,%2\n").arg(i).arg(i % 2);
    QTest::newRow("only an identifier")
        << names << ""
        << ""
        << "test.csv: no numeric feature columns besides the target 'y'";
    QString many = "a,y\n";
    for (int i = 0; i < 60; ++i) many += QString("%1,name%2\n").arg(i * 3 % 61).arg(i);
    QTest::newRow("too many text classes") << many << ""
                                           << ""
                                           << "test.csv: target 'y' has more than 50 distinct "
                                              "values: too many for classes (at most 50)";
    QTest::newRow("no target values") << "a,y\n1,NA\n2,?\n"
                                      << ""
                                      << ""
                                      << "test.csv: target 'y' has no values";
    // Found by fuzz_csv_reader: the feature's cells sit only in rows without a target, which
    // made an encoding with no inputs.
    QTest::newRow("feature only where the target is missing")
        << "a,y\nred,\n,1\n,0\nblue,\n"
        << ""
        << ""
        << "test.csv: no numeric feature columns besides the target 'y' (column 'a' has no value "
           "in the rows with a target)";
}

void tst_Dataset::selectionErrors() {
    QFETCH(QString, csv);
    QFETCH(QString, target);
    QFETCH(QString, features);
    QFETCH(QString, error);
    DataSelection selection;
    selection.target = target.toStdString();
    for (const QString& f : features.split(',', Qt::SkipEmptyParts))
        selection.features.push_back(f.toStdString());
    try {
        prepareDataset(test::tableFromText(csv.toStdString()), selection);
        QFAIL("expected a DataError");
    } catch (const DataError& e) {
        QCOMPARE(QString::fromStdString(e.what()), error);
    }
}

void tst_Dataset::classNamesAreSortedAndEncoded() {
    const Dataset d = prepareDataset(test::tableFromText("a,y\n1,yes\n2,no\n3,yes\n"), {});
    QCOMPARE(d.classes, (std::vector<std::string>{"no", "yes"}));
    QCOMPARE(d.y(0), 1.0);
    QCOMPARE(d.y(1), 0.0);
    const Dataset n = prepareDataset(test::tableFromText("a,y\n1,10\n2,2\n3,10\n"), {});
    QCOMPARE(n.classes, (std::vector<std::string>{"2", "10"}));  // numerically, not as text
    QCOMPARE(n.y(0), 1.0);
}

void tst_Dataset::targetByNumberAndDefaultFeatures() {
    const CsvTable t =
        test::tableFromText("y,a,name,b\n0,1,x,2\n1,2,z,3\n0,3,x,4\n1,4,z,5\n0,5,x,6\n1,6,z,7\n");
    DataSelection s;
    s.target = "1";
    const Dataset d = prepareDataset(t, s);
    QCOMPARE(d.target, std::string("y"));
    // 'name' (two levels) is categorical: one-hot, between a and b as in the table.
    QCOMPARE(d.features, (std::vector<std::string>{"a", "name", "b"}));
    QVERIFY(d.encoded());
    QCOMPARE(d.inputNames, (std::vector<std::string>{"a", "name=x", "name=z", "b"}));
    QCOMPARE(d.warnings.size(), std::size_t(0));
    QCOMPARE(d.x(2, 3), 4.0);
    QCOMPARE(d.x(2, 1), 1.0);
}

void tst_Dataset::kindsInferredOnLoadingAreUsedWithTheOverrides() {
    const CsvTable cars = bps::readCsvFile(BPS_TEST_DATA "/cars.csv");
    const std::vector<bps::ColumnKindInfo> inferred = bps::inferColumnKinds(cars);
    DataSelection s;
    s.target = "Miles_per_Gallon";
    s.kinds = {{"Cylinders", ColumnKind::Categorical}};
    // The same data set as inferring them afresh, the user's override included.
    const Dataset fresh = prepareDataset(cars, s);
    const Dataset given = prepareDataset(cars, s, inferred);
    QCOMPARE(given.inputNames, fresh.inputNames);
    QCOMPARE(given.warnings, fresh.warnings);
    QVERIFY(given.x.isApprox(fresh.x));
    QCOMPARE(given.columnKinds.at(2).kind, ColumnKind::Categorical);
    QCOMPARE(given.columnKinds.at(2).reason, bps::KindReason::Forced);

    // The kinds given are the ones used: a column they call an identifier is left out.
    std::vector<bps::ColumnKindInfo> marked = inferred;
    marked.at(6).kind = ColumnKind::Identifier;  // Acceleration
    const Dataset withMarked = prepareDataset(cars, s, marked);
    QVERIFY(std::find(withMarked.features.begin(), withMarked.features.end(), "Acceleration") ==
            withMarked.features.end());
    QVERIFY(std::find(fresh.features.begin(), fresh.features.end(), "Acceleration") !=
            fresh.features.end());
    // Kinds of another table's shape are not trusted: inferred afresh.
    QCOMPARE(prepareDataset(cars, s, std::span(marked).first(3)).inputNames, fresh.inputNames);
    // An override's errors are the same either way.
    s.kinds = {{"Origin", ColumnKind::Numeric}};
    const QString error = test::errorOf([&] { prepareDataset(cars, s); });
    QVERIFY2(error.contains("cannot be numeric"), qPrintable(error));
    QCOMPARE(test::errorOf([&] { prepareDataset(cars, s, inferred); }), error);
}

void tst_Dataset::rowsWithMissingValuesAreDroppedWithAWarning() {
    DataSelection drop;  // today's behaviour, now --missing drop
    drop.encoding.missing = MissingPolicy::Drop;
    const Dataset d =
        prepareDataset(test::tableFromText("a,b,y\n1,2,0\nNA,3,1\n4,,1\n5,6,?\n7,8,1\n"), drop);
    QCOMPARE(d.rows(), Eigen::Index(2));
    QCOMPARE(d.sourceLines, (std::vector<std::size_t>{2, 6}));
    QCOMPARE(QString::fromStdString(d.warnings.at(0)),
             QString("dropped 3 rows with missing values (a: 1, b: 1, y: 1)"));
}

void tst_Dataset::featureWithoutValuesBesideTheTargetIsLeftOut() {
    // 'b' has values only in the rows the target misses: nothing to learn from or impute with.
    const CsvTable t = test::tableFromText("a,b,y\n1,,0\n2,x,\n3,,1\n4,z,\n5,,0\n6,,1\n");
    for (const MissingPolicy policy : {MissingPolicy::Impute, MissingPolicy::Drop}) {
        DataSelection s;
        s.encoding.missing = policy;
        const Dataset d = prepareDataset(t, s);
        QCOMPARE(d.features, (std::vector<std::string>{"a"}));
        QCOMPARE(d.rows(), Eigen::Index(4));  // under Drop too: 'b' no longer drops every row
        QCOMPARE(QString::fromStdString(d.warnings.at(0)),
                 QString("column 'b' left out: it has no value in the rows that have a target "
                         "'y' value"));
    }
}

void tst_Dataset::rareClassIsNamedWithItsLine() {
    // One 'O' among 0s and 1s: a typo that makes a three-class task.
    std::string csv = "a,y\n";
    for (int i = 0; i < 100; ++i) csv += std::to_string(i) + "," + std::to_string(i % 2) + "\n";
    csv += "7,O\n";
    const Dataset d = prepareDataset(test::tableFromText(csv), {});
    QCOMPARE(d.task, Task::Multiclass);
    QCOMPARE(d.warnings.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(d.warnings[0]),
             QString("class 'O' of target 'y' has only 1 row (first at line 102): too few to "
                     "learn or measure; a typo in the target? (3 classes)"));
    // Three rows of each class and no class under 0.1%: no warning.
    const Dataset fine =
        prepareDataset(test::tableFromText("a,y\n1,0\n2,1\n3,0\n4,1\n5,0\n6,1\n"), {});
    QVERIFY(fine.warnings.empty());
}

void tst_Dataset::corruptByteInTargetIsAnError() {
    std::string csv = "a,y\n";
    // a is not 0, 1, 2, ...: row numbers are an identifier, left out of the features.
    for (int i = 0; i < 60; ++i) csv += std::to_string(i % 7) + (i % 2 ? ",yes\n" : ",no\n");
    const std::string corrupt = csv + "3,ye\xffs\n";
    try {
        prepareDataset(test::tableFromText(corrupt), {});
        QFAIL("a corrupt target byte made a class of its own");
    } catch (const DataError& e) {
        QCOMPARE(QString(e.what()),
                 QString("test.csv: line 62, column 2: target cell 'ye\\xFFs' is "
                         "not valid UTF-8: a corrupt byte that would make a "
                         "class of 1 row of its own"));
    }
    // A file written in Windows-1252 throughout (Excel): its classes are many rows each.
    std::string latin = "a,y\n";
    for (int i = 0; i < 60; ++i)
        latin += std::to_string(i % 7) + (i % 2 ? ",caf\xe9\n" : ",th\xe9\n");
    const Dataset d = prepareDataset(test::tableFromText(latin), {});
    QCOMPARE(d.classes, (std::vector<std::string>{"café", "thé"}));
}

void tst_Dataset::featureMatrixFindsColumnsByName() {
    const CsvTable t = test::tableFromText("b,a\n1,2\n3,4\n");
    const RowMatrix x = featureMatrix(t, {"a", "b"});
    QCOMPARE(x(0, 0), 2.0);
    QCOMPARE(x(1, 1), 3.0);
    try {
        featureMatrix(test::tableFromText("b,a\n1,2\n3,\n"), {"a"});
        QFAIL("expected a DataError");
    } catch (const DataError& e) {
        QCOMPARE(QString(e.what()),
                 QString("test.csv: line 3, column 2: missing value in feature 'a'"));
    }
}

void tst_Dataset::splitIsStratifiedAndSeeded() {
    const Dataset d = test::syntheticDataset(Task::Binary, 2000, 3, 2, 4);
    const Split a = splitRows(d, 0.25, 7), b = splitRows(d, 0.25, 7), c = splitRows(d, 0.25, 8);
    QCOMPARE(a.train, b.train);
    QVERIFY(a.train != c.train);
    auto positiveRate = [&](const std::vector<Eigen::Index>& rows) {
        double pos = 0;
        for (auto r : rows) pos += d.y(r);
        return pos / double(rows.size());
    };
    QVERIFY(std::abs(positiveRate(a.train) - positiveRate(a.validation)) < 0.01);
}

void tst_Dataset::splitWithoutValidationRowsIsRefused() {
    // Three usable rows at 0.2 leave no validation row: metrics and "no problems found" would
    // be about nothing. A fraction of 0 asks for no validation and gets none.
    const Dataset d = prepareDataset(test::tableFromText("a,y\n1,0\n2,1\n3,0\n"), {});
    try {
        splitRows(d, 0.2, 1);
        QFAIL("a split without validation rows was accepted");
    } catch (const DataError& e) {
        QVERIFY2(QString(e.what()).contains("leaves no row for validation"), e.what());
    }
    QCOMPARE(splitRows(d, 0.0, 1).validation.size(), std::size_t(0));
}

void tst_Dataset::constantColumnGetsUnitStdAndWarning() {
    RowMatrix x(4, 2);
    x << 1, 5, 2, 5, 3, 5, 4, 5;
    std::vector<std::string> warnings;
    const Scaler s = Scaler::fit(x, {0, 1, 2, 3}, {"a", "c"}, warnings);
    QCOMPARE(s.std(1), 1.0);
    QCOMPARE(s.mean(1), 5.0);
    QCOMPARE(warnings.size(), std::size_t(1));
    QVERIFY(warnings[0].find("'c'") != std::string::npos);
    QVERIFY(s.apply(x).allFinite());
}

// Shuffles and splits draw from Rng::below: every value of [0, n) equally often (counts within
// 5 standard deviations), none outside, including n close to 2^64 where rejection matters.
void tst_Dataset::randomIntegersAreUniformAndInRange() {
    bps::Rng rng(42);
    QCOMPARE(rng.below(0), std::uint64_t{0});
    QCOMPARE(rng.below(1), std::uint64_t{0});
    for (std::uint64_t n : {2ULL, 3ULL, 7ULL, 10ULL}) {
        const int draws = 70000;
        std::vector<int> count(n, 0);
        for (int i = 0; i < draws; ++i) {
            const std::uint64_t v = rng.below(n);
            QVERIFY(v < n);
            ++count[v];
        }
        const double expected = double(draws) / double(n);
        const double sd = std::sqrt(expected * (1 - 1.0 / double(n)));
        for (std::uint64_t v = 0; v < n; ++v)
            QVERIFY2(std::abs(count[v] - expected) < 5 * sd,
                     qPrintable(QString("n=%1 value %2: %3 draws, expected %4")
                                    .arg(n)
                                    .arg(v)
                                    .arg(count[v])
                                    .arg(expected)));
    }
    // n = 2^63 + 2^62: a third of the 64-bit words are rejected; halves must still be even.
    const std::uint64_t big = (1ULL << 63) + (1ULL << 62);
    int upper = 0;
    for (int i = 0; i < 40000; ++i) {
        const std::uint64_t v = rng.below(big);
        QVERIFY(v < big);
        upper += v >= big / 2;
    }
    QVERIFY2(std::abs(upper - 20000) < 5 * 100, qPrintable(QString::number(upper)));
}

void tst_Dataset::shufflePlacesEveryValueEverywhereEvenly() {
    bps::Rng rng(7);
    const int n = 6, rounds = 60000;
    int at[n][n] = {};
    std::vector<int> values(n);
    for (int r = 0; r < rounds; ++r) {
        for (int i = 0; i < n; ++i) values[std::size_t(i)] = i;
        rng.shuffle(std::span(values));
        std::vector<int> sorted = values;
        std::sort(sorted.begin(), sorted.end());
        for (int i = 0; i < n; ++i) QCOMPARE(sorted[std::size_t(i)], i);  // a permutation
        for (int i = 0; i < n; ++i) ++at[values[std::size_t(i)]][i];
    }
    const double expected = double(rounds) / n, sd = std::sqrt(expected * (1 - 1.0 / n));
    for (int v = 0; v < n; ++v)
        for (int i = 0; i < n; ++i)
            QVERIFY2(std::abs(at[v][i] - expected) < 5 * sd,
                     qPrintable(QString("value %1 at %2: %3 times").arg(v).arg(i).arg(at[v][i])));
}

QTEST_APPLESS_MAIN(tst_Dataset)
#include "tst_dataset.moc"
