// Column encodings: fitting learns only from the given rows (medians, indicators, sorted levels,
// `other`, the imputation level) and transform applies it (one-hot, indicators, unseen levels as
// zeros and counted), under each missing-cell policy; on generated tables, cars.csv and
// weather.csv.

#include <QtTest>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/csv/csv_reader.h"
#include "core/data/column_encoding.h"
#include "tests/common/csv_table_text.h"

using bps::ColumnKind;
using bps::CsvTable;
using bps::EncodedTable;
using bps::InputColumn;
using bps::MissingPolicy;
using bps::TableEncoding;

Q_DECLARE_METATYPE(bps::MissingPolicy)

namespace {

using bps::test::errorOf;

constexpr ColumnKind kNum = ColumnKind::Numeric;
constexpr ColumnKind kCat = ColumnKind::Categorical;

CsvTable table(const std::string& text) { return bps::readCsvText(text, "gen.csv"); }

std::vector<std::size_t> allRows(const CsvTable& t) {
    std::vector<std::size_t> rows(t.rows);
    std::iota(rows.begin(), rows.end(), std::size_t{0});
    return rows;
}

QStringList list(const std::vector<std::string>& items) {
    QStringList out;
    for (const std::string& item : items) out << QString::fromStdString(item);
    return out;
}

// The encoded rows as "1 0 | 0 1" (rows separated by " | ").
QString rowsOf(const EncodedTable& e) {
    QStringList rows;
    for (Eigen::Index r = 0; r < e.x.rows(); ++r) {
        QStringList cells;
        for (Eigen::Index c = 0; c < e.x.cols(); ++c) cells << QString::number(e.x(r, c));
        rows << cells.join(' ');
    }
    return rows.join(" | ");
}

}  // namespace

class tst_ColumnEncoding : public QObject {
    Q_OBJECT

private slots:
    void numericImputesTheMedianWithAnIndicator();
    void medianOfAnEvenCount();
    void levelsAreSortedAndOneHot();
    void rareLevelsGoToOther();
    void unseenLevelsAreZerosAndCounted();
    void fittingReadsOnlyTheGivenRows();
    void missingPolicies_data();
    void missingPolicies();
    void defaultMinLevelCount_data();
    void defaultMinLevelCount();
    void allLevelsRare();
    void namesDoNotCollide();
    void numericColumnAsCategorical();
    void errors();
    void cars();
    void weather();
};

void tst_ColumnEncoding::numericImputesTheMedianWithAnIndicator() {
    const CsvTable t = table("x,y\n1,5\nNA,6\n3,7\n10,8\n");
    const TableEncoding e = bps::fitEncoding(t, {{"x", kNum}, {"y", kNum}}, allRows(t));
    QCOMPARE(e.columns[0].imputeValue, 3.0);
    QVERIFY(e.columns[0].missingIndicator);
    QVERIFY(!e.columns[1].missingIndicator);  // no missing cell when fitted: no indicator
    QCOMPARE(list(e.inputNames()), QStringList({"x", "x_missing", "y"}));
    QCOMPARE(e.inputCount(), std::size_t{3});
    const EncodedTable out = e.transform(t);
    QCOMPARE(rowsOf(out), QString("1 0 5 | 3 1 6 | 3 0 7 | 10 0 8"));
    QCOMPARE(out.counts[0].missing, std::size_t{1});
    QCOMPARE(out.rows, std::vector<std::size_t>({0, 1, 2, 3}));
    // A missing cell in a column that had none when fitted: the median, and no indicator.
    QCOMPARE(rowsOf(e.transform(table("x,y\n2,NA\n"))), QString("2 0 6.5"));
}

void tst_ColumnEncoding::medianOfAnEvenCount() {
    const CsvTable t = table("x\n4\n-1\n100\n2\n");
    QCOMPARE(bps::fitEncoding(t, {{"x", kNum}}, allRows(t)).columns[0].imputeValue, 3.0);
    const CsvTable huge = table("x\n1.7e308\n1.7e308\n");
    QCOMPARE(bps::fitEncoding(huge, {{"x", kNum}}, allRows(huge)).columns[0].imputeValue, 1.7e308);
}

void tst_ColumnEncoding::levelsAreSortedAndOneHot() {
    const CsvTable t = table("c\nsun\nfog\nrain\nfog\nsun\nsun\n");
    const TableEncoding e =
        bps::fitEncoding(t, {{"c", kCat}}, allRows(t), {MissingPolicy::Impute, 1});
    QCOMPARE(list(e.columns[0].levels), QStringList({"fog", "rain", "sun"}));
    QCOMPARE(list(e.inputNames()), QStringList({"c=fog", "c=rain", "c=sun"}));
    QCOMPARE(e.columns[0].imputeLevel, std::optional<std::size_t>(2));  // sun, the most frequent
    QCOMPARE(rowsOf(e.transform(t)), QString("0 0 1 | 1 0 0 | 0 1 0 | 1 0 0 | 0 0 1 | 0 0 1"));
    // The order does not depend on the order rows come in.
    const CsvTable reversed = table("c\nsun\nsun\nfog\nrain\nfog\nsun\n");
    QCOMPARE(list(bps::fitEncoding(reversed, {{"c", kCat}}, allRows(reversed)).columns[0].levels),
             QStringList({"fog", "rain", "sun"}));
}

void tst_ColumnEncoding::rareLevelsGoToOther() {
    const CsvTable t = table("c\na\nb\na\nc\na\nd\nd\n");
    const TableEncoding e =
        bps::fitEncoding(t, {{"c", kCat}}, allRows(t), {MissingPolicy::Impute, 2});
    QCOMPARE(e.minLevelCount, std::size_t{2});
    QCOMPARE(list(e.columns[0].levels), QStringList({"a", "d", "other"}));
    QCOMPARE(list(e.columns[0].mergedLevels), QStringList({"b", "c"}));
    QCOMPARE(e.columns[0].otherLevel, std::optional<std::size_t>(2));
    const EncodedTable out = e.transform(table("c\nb\nc\nd\na\n"));
    QCOMPARE(rowsOf(out), QString("0 0 1 | 0 0 1 | 0 1 0 | 1 0 0"));
    QCOMPARE(out.counts[0].unknown, std::size_t{0});  // merged levels are known: `other`
}

void tst_ColumnEncoding::unseenLevelsAreZerosAndCounted() {
    const CsvTable t = table("c,x\na,1\nb,2\n");
    const TableEncoding e =
        bps::fitEncoding(t, {{"c", kCat}, {"x", kNum}}, allRows(t), {MissingPolicy::Impute, 1});
    const EncodedTable out = e.transform(table("c,x\nz,5\nb,6\ny,7\nz,8\n"));
    QCOMPARE(rowsOf(out), QString("0 0 5 | 0 1 6 | 0 0 7 | 0 0 8"));
    QCOMPARE(out.counts[0].unknown, std::size_t{3});
    QCOMPARE(out.counts[1].unknown, std::size_t{0});
}

// Rows outside the given indices hold a level, missing cells and values the fitted rows do not:
// an encoding that read them would have another level, an indicator or another median.
void tst_ColumnEncoding::fittingReadsOnlyTheGivenRows() {
    std::string text = "x,c\n";
    for (int r = 0; r < 10; ++r) text += std::to_string(r + 1) + "," + (r % 2 ? "a" : "b") + "\n";
    for (int r = 0; r < 10; ++r) text += r % 3 ? "1000,z\n" : "NA,NA\n";
    const CsvTable t = table(text);
    std::vector<std::size_t> train(10);
    std::iota(train.begin(), train.end(), std::size_t{0});
    for (MissingPolicy policy : {MissingPolicy::Impute, MissingPolicy::Category}) {
        const TableEncoding e = bps::fitEncoding(t, {{"x", kNum}, {"c", kCat}}, train, {policy, 1});
        QCOMPARE(e.fittedRows, std::size_t{10});
        QCOMPARE(e.columns[0].imputeValue, 5.5);
        QVERIFY(!e.columns[0].missingIndicator);
        QCOMPARE(list(e.columns[1].levels), QStringList({"a", "b"}));
        QVERIFY(!e.columns[1].missingLevel);
        const EncodedTable out = e.transform(t);
        QCOMPARE(out.counts[1].unknown, std::size_t(policy == MissingPolicy::Category ? 10 : 6));
    }
    // The same table fitted on the other rows learns what those hold.
    std::vector<std::size_t> rest(10);
    std::iota(rest.begin(), rest.end(), std::size_t{10});
    const TableEncoding other =
        bps::fitEncoding(t, {{"x", kNum}, {"c", kCat}}, rest, {MissingPolicy::Impute, 1});
    QCOMPARE(other.columns[0].imputeValue, 1000.0);
    QVERIFY(other.columns[0].missingIndicator);
    QCOMPARE(list(other.columns[1].levels), QStringList({"z"}));
}

void tst_ColumnEncoding::missingPolicies_data() {
    QTest::addColumn<MissingPolicy>("policy");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("encoded");
    QTest::addColumn<int>("dropped");
    // Rows: (a, 1) (NA, 2) (a, NA) (b, 4) (a, 5); b is kept (minimum count 1).
    QTest::newRow("impute") << MissingPolicy::Impute
                            << QStringList({"c=a", "c=b", "x", "x_missing"})
                            << "1 0 1 0 | 1 0 2 0 | 1 0 3 1 | 0 1 4 0 | 1 0 5 0" << 0;
    QTest::newRow("category") << MissingPolicy::Category
                              << QStringList({"c=a", "c=b", "c=missing", "x", "x_missing"})
                              << "1 0 0 1 0 | 0 0 1 2 0 | 1 0 0 3 1 | 0 1 0 4 0 | 1 0 0 5 0" << 0;
    QTest::newRow("drop") << MissingPolicy::Drop << QStringList({"c=a", "c=b", "x"})
                          << "1 0 1 | 0 1 4 | 1 0 5" << 2;
}

void tst_ColumnEncoding::missingPolicies() {
    QFETCH(MissingPolicy, policy);
    QFETCH(QStringList, names);
    QFETCH(QString, encoded);
    QFETCH(int, dropped);
    const CsvTable t = table("c,x\na,1\nNA,2\na,NA\nb,4\na,5\n");
    const TableEncoding e =
        bps::fitEncoding(t, {{"c", kCat}, {"x", kNum}}, allRows(t), {policy, 1});
    QCOMPARE(list(e.inputNames()), names);
    // Drop fits on the complete rows only: the median of 1, 4, 5; the others of 1, 2, 4, 5.
    QCOMPARE(e.columns[1].imputeValue, policy == MissingPolicy::Drop ? 4.0 : 3.0);
    QCOMPARE(e.fittedRows, std::size_t(5 - dropped));
    const EncodedTable out = e.transform(t);
    QCOMPARE(rowsOf(out), encoded);
    QCOMPARE(out.droppedRows, std::size_t(dropped));
    QCOMPARE(out.rows.size(), std::size_t(5 - dropped));
    QCOMPARE(out.counts[0].missing, std::size_t{1});
    QCOMPARE(out.counts[1].missing, std::size_t{1});
}

void tst_ColumnEncoding::defaultMinLevelCount_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("count");
    for (const auto& [rows, count] : std::vector<std::pair<int, int>>{
             {0, 1}, {1, 1}, {100, 1}, {101, 2}, {250, 3}, {406, 5}, {500, 5}, {100000, 5}})
        QTest::newRow(qPrintable(QString::number(rows))) << rows << count;
}

void tst_ColumnEncoding::defaultMinLevelCount() {
    QFETCH(int, rows);
    QFETCH(int, count);
    QCOMPARE(bps::defaultMinLevelCount(std::size_t(rows)), std::size_t(count));
}

// 600 rows of 200 levels seen 3 times each, under the default minimum of 5: one level, `other`.
void tst_ColumnEncoding::allLevelsRare() {
    std::string text = "c\n";
    for (int r = 0; r < 600; ++r) text += "L" + std::to_string(r % 200) + "\n";
    const CsvTable t = table(text);
    const TableEncoding e = bps::fitEncoding(t, {{"c", kCat}}, allRows(t));
    QCOMPARE(e.minLevelCount, std::size_t{5});
    QCOMPARE(list(e.columns[0].levels), QStringList({"other"}));
    QCOMPARE(e.columns[0].mergedLevels.size(), std::size_t{200});
    QCOMPARE(e.columns[0].imputeLevel, std::optional<std::size_t>(0));
    const EncodedTable out = e.transform(table("c\nL7\nNA\nnew\n"));
    QCOMPARE(rowsOf(out), QString("1 | 1 | 0"));
    QCOMPARE(out.counts[0].unknown, std::size_t{1});
}

void tst_ColumnEncoding::namesDoNotCollide() {
    const CsvTable t = table("c\nother\nother\nmissing\nmissing\nrare\nNA\n");
    const TableEncoding e =
        bps::fitEncoding(t, {{"c", kCat}}, allRows(t), {MissingPolicy::Category, 2});
    QCOMPARE(list(e.columns[0].levels), QStringList({"missing", "other", "other.1", "missing.1"}));
    QCOMPARE(rowsOf(e.transform(t)),
             QString("0 1 0 0 | 0 1 0 0 | 1 0 0 0 | 1 0 0 0 | 0 0 1 0 | 0 0 0 1"));
}

// Cylinders-like whole numbers made categorical: levels by value, written as numbers; a file
// that has the column as text ("4.0", "x") still finds them.
void tst_ColumnEncoding::numericColumnAsCategorical() {
    const CsvTable t = table("n\n10\n4\n2\n4\n-0\n0\n");
    const TableEncoding e =
        bps::fitEncoding(t, {{"n", kCat}}, allRows(t), {MissingPolicy::Impute, 1});
    QVERIFY(e.columns[0].levelsAreNumbers);
    QCOMPARE(list(e.columns[0].levels), QStringList({"0", "2", "4", "10"}));
    QCOMPARE(e.columns[0].imputeLevel,
             std::optional<std::size_t>(0));  // 0 (twice, as -0 and 0), first of the equals
    const EncodedTable out = e.transform(table("n\n4.0\nx\n1e1\n-0.0\n"));
    QCOMPARE(rowsOf(out), QString("0 0 1 0 | 0 0 0 0 | 0 0 0 1 | 1 0 0 0"));
    QCOMPARE(out.counts[0].unknown, std::size_t{1});
}

void tst_ColumnEncoding::errors() {
    const CsvTable t = table("c,x\na,1\nb,2\n");
    QCOMPARE(errorOf([&] {
                 bps::fitEncoding(t, {{"c", kNum}}, allRows(t));
             }),
             QString("gen.csv: line 2, column 1: expected a number, found 'a' (column 'c' is a "
                     "feature and must be numeric)"));
    QCOMPARE(errorOf([&] {
                 bps::fitEncoding(t, {{"d", kNum}}, allRows(t));
             }),
             QString("gen.csv: no column named 'd' (columns: c, x)"));
    QCOMPARE(errorOf([&] {
                 bps::fitEncoding(t, {{"c", ColumnKind::Identifier}}, allRows(t));
             }),
             QString("gen.csv: column 'c' is identifier: only numeric and categorical columns "
                     "become inputs"));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, bps::fitEncoding(t, {{"x", kNum}}, {0, 2}));

    const TableEncoding e = bps::fitEncoding(t, {{"c", kCat}, {"x", kNum}}, allRows(t));
    QCOMPARE(errorOf([&] { e.transform(table("c\na\n")); }),
             QString("gen.csv: the model needs feature 'x', which the file lacks"));
    QCOMPARE(errorOf([&] { e.transform(table("c,x\na,1\nb,big\n")); }),
             QString("gen.csv: line 3, column 2: expected a number, found 'big' (column 'x' is a "
                     "feature and must be numeric)"));
    QCOMPARE(
        errorOf([&] { e.transform(table("c|x\na|1\n")); }),
        QString("gen.csv: the model needs feature 'c', which the file lacks; the file was read "
                "as a single column, but its first line looks delimited by '|' (use "
                "--delimiter '|')"));
}

// The regression cars.csv is for: fitted on the first 300 rows, every row encodes, none is
// lost to its missing Horsepower, and Origin becomes three sorted inputs.
void tst_ColumnEncoding::cars() {
    const CsvTable t = bps::readCsvFile(BPS_TEST_DATA "/cars.csv");
    std::vector<std::size_t> train(300);
    std::iota(train.begin(), train.end(), std::size_t{0});
    const TableEncoding e = bps::fitEncoding(
        t, {{"Cylinders", kNum}, {"Horsepower", kNum}, {"Weight_in_lbs", kNum}, {"Origin", kCat}},
        train);
    QCOMPARE(list(e.inputNames()),
             QStringList({"Cylinders", "Horsepower", "Horsepower_missing", "Weight_in_lbs",
                          "Origin=Europe", "Origin=Japan", "Origin=USA"}));
    QCOMPARE(e.minLevelCount, std::size_t{3});                          // 1% of 300
    QCOMPARE(e.columns[3].imputeLevel, std::optional<std::size_t>(2));  // USA
    const EncodedTable out = e.transform(t);
    QCOMPARE(out.x.rows(), Eigen::Index{406});
    QCOMPARE(out.droppedRows, std::size_t{0});
    QCOMPARE(out.counts[1].missing, std::size_t{6});
    QCOMPARE(out.x.col(2).sum(), 6.0);                             // Horsepower_missing
    QCOMPARE(out.x.rightCols(3).rowwise().sum().minCoeff(), 1.0);  // every row one origin
    QCOMPARE(out.x.rightCols(3).rowwise().sum().maxCoeff(), 1.0);
    QCOMPARE(out.x(0, 6), 1.0);                        // chevrolet chevelle malibu, USA
    QCOMPARE(out.x(38, 1), e.columns[1].imputeValue);  // its Horsepower is missing
    QCOMPARE(out.x(38, 2), 1.0);
}

void tst_ColumnEncoding::weather() {
    const CsvTable t = bps::readCsvFile(BPS_TEST_DATA "/weather.csv");
    const TableEncoding e =
        bps::fitEncoding(t, {{"location", kCat}, {"weather", kCat}, {"wind", kNum}}, allRows(t));
    QCOMPARE(list(e.inputNames()),
             QStringList({"location=New York", "location=Seattle", "weather=drizzle", "weather=fog",
                          "weather=rain", "weather=snow", "weather=sun", "wind"}));
    const EncodedTable out = e.transform(t);
    QCOMPARE(out.x.col(0).sum(), 1461.0);
    QCOMPARE(out.x.col(6).sum(), 1466.0);  // sun
    QCOMPARE(out.x.col(2).sum(), 111.0);   // drizzle
}

QTEST_GUILESS_MAIN(tst_ColumnEncoding)
#include "tst_column_encoding.moc"
