// Tests for the CSV reader's delimiters: detection among ',' ';' tab and whitespace, forced
// delimiters, whitespace-aligned files (runs of blanks, R's write.table header over row names,
// quoted header names), the hint for a file read as one column and the errors that carry it,
// the --delimiter names, and the tokenizer on whitespace input split at every byte.

#include <QTemporaryDir>
#include <QTest>
#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/csv/csv_cell.h"
#include "core/csv/csv_delimiter.h"
#include "core/csv/csv_reader.h"
#include "core/csv/csv_tokenizer.h"
#include "core/data/dataset.h"
#include "tests/common/csv_table_text.h"

using bps::CsvOptions;
using bps::CsvTable;
using bps::HeaderMode;
using bps::test::brokenInvariant;
using bps::test::describe;
using bps::test::errorOf;
using bps::test::makeOptions;
using bps::test::view;

Q_DECLARE_METATYPE(bps::HeaderMode)

namespace {

// Records as the tokenizer hands them over: "[line:fields:a|#1|] ", a number as "#value"
// whether it came as one or as text (the fast path for numbers depends on where a chunk ends).
struct RecordingSink {
    std::string out;
    std::string record;
    void field(std::size_t, std::string_view text, std::size_t) {
        double value = 0;
        record += bps::parseCsvNumber(text, value) ? "#" + bps::test::numberText(value) + "|"
                                                   : std::string(text) + "|";
    }
    bool number(std::size_t, double value, std::size_t) {
        record += "#" + bps::test::numberText(value) + "|";
        return true;
    }
    bool endRecord(std::size_t count, std::size_t line) {
        out += "[" + std::to_string(line) + ":" + std::to_string(count) + ":" + record + "] ";
        record.clear();
        return true;
    }
};

// The records of `text` fed in two pieces split at `at` (or whole if at >= size).
std::string tokenize(std::string_view text, char delimiter, std::size_t at) {
    RecordingSink sink;
    const std::string source = "<text>";
    bps::csv_detail::CsvTokenizer<RecordingSink> tokenizer(delimiter, source, sink);
    at = std::min(at, text.size());
    tokenizer.feed(text.substr(0, at));
    tokenizer.feed(text.substr(at));
    tokenizer.finish();
    return sink.out;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) return {};
    return path;
}

}  // namespace

class tst_CsvDelimiters : public QObject {
    Q_OBJECT

private slots:
    void read_data();
    void read();
    void fileMatchesText_data() { read_data(); }
    void fileMatchesText();
    void errors_data();
    void errors();
    void singleColumnHint_data();
    void singleColumnHint();
    void dataErrorsCarryTheHint();
    void delimiterNames_data();
    void delimiterNames();
    void whitespaceAtEverySplit_data();
    void whitespaceAtEverySplit();
    void largeAlignedFileInHalves();
};

void tst_CsvDelimiters::read_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<HeaderMode>("header");
    QTest::addColumn<QByteArray>("delimiter");  // empty: detect
    QTest::addColumn<QString>("expected");

    const auto row = [](const char* name, const QByteArray& input, const char* expected,
                        HeaderMode header = HeaderMode::Detect, const QByteArray& delimiter = {}) {
        QTest::newRow(name) << input << header << delimiter << QString::fromUtf8(expected);
    };

    // ',' ';' and tab
    row("semicolon", "a;b\n1,5;2\n",
        "d=; h=1 rows=1 lines=2 | a txt@2:1'1,5' levels=1 miss=0: '1,5' | b num miss=0: 2");
    row("tab", "a\tb\n1\t2\n3\t4\n",
        "d=tab h=1 rows=2 lines=2,3 | a num miss=0: 1 3 | b num miss=0: 2 4");
    row("tab with spaces", "a \t b\n 1 \t 2 \n3\t4\n",
        "d=tab h=1 rows=2 lines=2,3 | a num miss=0: 1 3 | b num miss=0: 2 4");
    row("tab with empty cells", "a\tb\tc\n1\t\t3\n",
        "d=tab h=1 rows=1 lines=2 | a num miss=0: 1 | b num miss=1: NA | c num miss=0: 3");
    row("decimal commas", "1,5;2,5\n3,5;4,5\n",
        "d=; h=0 rows=2 lines=1,2 | column_1 txt@1:1'1,5' levels=2 miss=0: '1,5' '3,5'"
        " | column_2 txt@1:2'2,5' levels=2 miss=0: '2,5' '4,5'",
        HeaderMode::Absent);
    row("quoted delimiters ignored", "a;b\n\"1,2\";3\n\"4,5\";6\n",
        "d=; h=1 rows=2 lines=2,3 | a txt@2:1'1,2' levels=2 miss=0: '1,2' '4,5'"
        " | b num miss=0: 3 6");
    row("consistent count wins", "a,b\n1;2,3\n4,5\n",
        "d=, h=1 rows=2 lines=2,3 | a txt@2:1'1;2' levels=2 miss=0: '1;2' '4' | b num miss=0: 3 5");
    row("forced delimiter", "a,b;c\n1,2;3\n",
        "d=; h=1 rows=1 lines=2 | a,b txt@2:1'1,2' levels=1 miss=0: '1,2' | c num miss=0: 3",
        HeaderMode::Detect, ";");
    row("forced pipe", "a|b\n1|2\n", "d=| h=1 rows=1 lines=2 | a num miss=0: 1 | b num miss=0: 2",
        HeaderMode::Detect, "|");
    row("single column", "x\n1\n2\n", "d=, h=1 rows=2 lines=2,3 | x num miss=0: 1 2");
    row("single column without header", "1\n2.5\n",
        "d=, h=0 rows=2 lines=1,2 | column_1 num miss=0: 1 2.5");
    row("single column blank line", "a\n1\n\n2\n", "d=, h=1 rows=2 lines=2,4 | a num miss=0: 1 2");
    row("quoted empty line is a value", "a\n\"\"\n1\n",
        "d=, h=1 rows=2 lines=2,3 | a num miss=1: NA 1");

    // Whitespace, detected
    row("aligned columns", "   x     y\n   1   2.5\n  10    -3\n",
        "d=space h=1 rows=2 lines=2,3 | x num miss=0: 1 10 | y num miss=0: 2.5 -3");
    row("tabs and spaces", "a \t b\t\tc\n1\t 2    3\n",
        "d=space h=1 rows=1 lines=2 | a num miss=0: 1 | b num miss=0: 2 | c num miss=0: 3");
    row("trailing blanks and crlf", "a b  \r\n1 2 \t\r\n\r\n  \r\n3 4\r\n",
        "d=space h=1 rows=2 lines=2,5 | a num miss=0: 1 3 | b num miss=0: 2 4");
    row("missing markers", "a b c\n1 NA 3\nNA 5 ?\n",
        "d=space h=1 rows=2 lines=2,3 | a num miss=1: 1 NA | b num miss=1: NA 5"
        " | c num miss=1: 3 NA");
    row("quoted cells keep their blanks", "city  n\n\"New York\"  3\n\"\"  4\n",
        "d=space h=1 rows=2 lines=2,3 | city txt@2:1'New York' levels=1 miss=1: 'New York' NA"
        " | n num miss=0: 3 4");
    row("statsmodels single-quoted names",
        "  'OBS'  'GPA'  'GRADE'\n    1   2.66    0\n    2   2.89    1\n",
        "d=space h=1 rows=2 lines=2,3 | OBS num miss=0: 1 2 | GPA num miss=0: 2.66 2.89"
        " | GRADE num miss=0: 0 1");
    row("double-quoted names", "\"mpg\" \"cyl\"\n21 6\n22.8 4\n",
        "d=space h=1 rows=2 lines=2,3 | mpg num miss=0: 21 22.8 | cyl num miss=0: 6 4");
    row("R write.table: row names", "\"mpg\" \"cyl\"\n\"Mazda RX4\" 21 6\n\"Datsun 710\" 22.8 4\n",
        "d=space h=1 rows=2 lines=2,3 | column_1 txt@2:1'Mazda RX4' levels=2 miss=0:"
        " 'Mazda RX4' 'Datsun 710' | mpg num miss=0: 21 22.8 | cyl num miss=0: 6 4");
    row("R write.table: numbered rows", "\"x\" \"y\"\n\"1\" 0.5 a\n\"2\" 1.5 b\n",
        "d=space h=1 rows=2 lines=2,3 | column_1 num miss=0: 1 2 | x num miss=0: 0.5 1.5"
        " | y txt@2:3'a' levels=2 miss=0: 'a' 'b'");

    // Whitespace, not detected
    row("comma beats blanks", "first name,age\nAda Lovelace,36\n",
        "d=, h=1 rows=1 lines=2 | first name txt@2:1'Ada Lovelace' levels=1 miss=0: 'Ada Lovelace'"
        " | age num miss=0: 36");
    row("tab beats blanks", "a b\tc\n1 2\t3\n",
        "d=tab h=1 rows=1 lines=2 | a b txt@2:1'1 2' levels=1 miss=0: '1 2' | c num miss=0: 3");
    row("two words under one name stay one column", "city\nNew York\nLos Angeles\n",
        "d=, h=1 rows=2 lines=2,3 | city txt@2:1'New York' levels=2 miss=0: 'New York'"
        " 'Los Angeles'");
    row("words of varying count stay one column", "name\nAda Lovelace\nTuring\n",
        "d=, h=1 rows=2 lines=2,3 | name txt@2:1'Ada Lovelace' levels=2 miss=0:"
        " 'Ada Lovelace' 'Turing'");

    // Whitespace, forced
    row("forced space delimiter", "a b\n1 2\n",
        "d=space h=1 rows=1 lines=2 | a num miss=0: 1 | b num miss=0: 2", HeaderMode::Detect, " ");
    row("forced whitespace: runs and tabs", "a  b\n1\t\t2\n",
        "d=space h=1 rows=1 lines=2 | a num miss=0: 1 | b num miss=0: 2", HeaderMode::Detect, " ");
    row("forced whitespace on a comma file", "a,b\n1,2\n",
        "d=space h=1 likely=, rows=1 lines=2 | a,b txt@2:1'1,2' levels=1 miss=0: '1,2'",
        HeaderMode::Detect, " ");
    row("forced whitespace: row names", "a b\nr1 1 2\nr2 3 4\n",
        "d=space h=1 rows=2 lines=2,3 | column_1 txt@2:1'r1' levels=2 miss=0: 'r1' 'r2'"
        " | a num miss=0: 1 3 | b num miss=0: 2 4",
        HeaderMode::Detect, " ");

    // Quotes around header names, for every delimiter
    row("single-quoted names with commas", "'a','b'\n1,2\n",
        "d=, h=1 rows=1 lines=2 | a num miss=0: 1 | b num miss=0: 2");
    row("a second pair of double quotes", "\"\"\"a\"\"\";b\n1;2\n",
        "d=; h=1 rows=1 lines=2 | a num miss=0: 1 | b num miss=0: 2");
    row("quotes inside a name stay", "'it''s',b\n1,2\n",
        "d=, h=1 rows=1 lines=2 | 'it''s' num miss=0: 1 | b num miss=0: 2");
    row("a lone quote stays", "'a,b'\n1,2\n",
        "d=, h=1 rows=1 lines=2 | 'a num miss=0: 1 | b' num miss=0: 2");
    row("empty quotes: unnamed", "'',b\n1,2\n",
        "d=, h=1 rows=1 lines=2 | column_1 num miss=0: 1 | b num miss=0: 2");
    row("data cells keep their quotes", "a,b\n'x',1\n",
        "d=, h=1 rows=1 lines=2 | a txt@2:1''x'' levels=1 miss=0: ''x'' | b num miss=0: 1");
}

void tst_CsvDelimiters::read() {
    QFETCH(QByteArray, input);
    QFETCH(HeaderMode, header);
    QFETCH(QByteArray, delimiter);
    QFETCH(QString, expected);

    const CsvTable table = bps::readCsvText(view(input), "<text>", makeOptions(header, delimiter));
    QCOMPARE(brokenInvariant(table), QString());
    QCOMPARE(describe(table), expected);
}

void tst_CsvDelimiters::fileMatchesText() {
    QFETCH(QByteArray, input);
    QFETCH(HeaderMode, header);
    QFETCH(QByteArray, delimiter);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, "input.csv", input);
    QVERIFY(!path.isEmpty());
    const CsvOptions options = makeOptions(header, delimiter);
    QCOMPARE(describe(bps::readCsvFile(path.toStdString(), options)),
             describe(bps::readCsvText(view(input), "<text>", options)));
}

void tst_CsvDelimiters::errors_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("delimiter");
    QTest::addColumn<QString>("expected");

    QTest::newRow("ragged whitespace") << QByteArray("a b c\n1 2 3\n4 5\n") << QByteArray(" ")
                                       << "<text>: line 3: 2 fields, header has 3";
    QTest::newRow("one short, no header") << QByteArray("1 2\n3 4 5\n") << QByteArray(" ")
                                          << "<text>: line 2: 3 fields, first row has 2";
    // Detected as whitespace (the first record one short), but numbers are no header names.
    QTest::newRow("one short, detected, no header")
        << QByteArray("1 2\n3 4 5\n6 7 8\n") << QByteArray()
        << "<text>: line 2: 3 fields, first row has 2";
    // Row names only when every sampled row has one more field than the header.
    QTest::newRow("a row without a row name") << QByteArray("a b\nr1 1 2\n3 4\n") << QByteArray(" ")
                                              << "<text>: line 2: 3 fields, header has 2";
    QTest::newRow("text after closing quote")
        << QByteArray("a b\n\"x\"y 1\n") << QByteArray(" ")
        << "<text>: line 2, column 1: unexpected character 'y' after closing quote";
    QTest::newRow("unterminated quote") << QByteArray("a b\n1 \"x\n") << QByteArray()
                                        << "<text>: line 2, column 2: unterminated quoted field";
    QTest::newRow("nul after blanks")
        << QByteArray("a b\n1  \0\n", 9) << QByteArray(" ")
        << "<text>: line 2, column 2: unexpected NUL byte (is this a binary file?)";
}

void tst_CsvDelimiters::errors() {
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, delimiter);
    QFETCH(QString, expected);
    const CsvOptions options = makeOptions(HeaderMode::Detect, delimiter);
    QCOMPARE(errorOf([&] { bps::readCsvText(view(input), "<text>", options); }), expected);
}

void tst_CsvDelimiters::singleColumnHint_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("delimiter");
    QTest::addColumn<QString>("expected");

    const QString start =
        "the file was read as a single column, but its first line looks delimited by ";
    QTest::newRow("pipes") << QByteArray("a|b|c\n1|2|3\n") << QByteArray()
                           << start + "'|' (use --delimiter '|')";
    QTest::newRow("colons") << QByteArray("a:b:c\n1:2:3\n") << QByteArray()
                            << start + "':' (use --delimiter :)";
    QTest::newRow("ragged whitespace") << QByteArray("a  b  c\n1  2  3\n4 5\n") << QByteArray()
                                       << start + "whitespace (use --delimiter whitespace)";
    QTest::newRow("forced comma on semicolons")
        << QByteArray("a;b\n1;2\n") << QByteArray(",") << start + "';' (use --delimiter ';')";
    QTest::newRow("forced semicolon on tabs")
        << QByteArray("a\tb\n1\t2\n") << QByteArray(";") << start + "tab (use --delimiter tab)";
    QTest::newRow("the most frequent wins")
        << QByteArray("a:b|c|d\n1\n") << QByteArray() << start + "'|' (use --delimiter '|')";
    QTest::newRow("headerless first line")
        << QByteArray("1|2\n3|4\n") << QByteArray() << start + "'|' (use --delimiter '|')";
    QTest::newRow("nothing likely") << QByteArray("x\n1\n") << QByteArray() << QString();
    QTest::newRow("blanks at the ends only")
        << QByteArray("  x  \n1\n") << QByteArray() << QString();
    QTest::newRow("two columns: no hint")
        << QByteArray("a|b,c\n1,2\n") << QByteArray() << QString();
}

void tst_CsvDelimiters::singleColumnHint() {
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, delimiter);
    QFETCH(QString, expected);
    const CsvTable table =
        bps::readCsvText(view(input), "<text>", makeOptions(HeaderMode::Detect, delimiter));
    QCOMPARE(QString::fromStdString(bps::singleColumnHint(table)), expected);
}

// The errors that a one-column table leads to say why; a table of two columns gets the same
// messages as before, without the hint.
void tst_CsvDelimiters::dataErrorsCarryTheHint() {
    const CsvTable piped = bps::readCsvText("a|b|y\n1|2|0\n3|4|1\n", "p.csv");
    const QString hint =
        "; the file was read as a single column, but its first line looks delimited by '|' (use "
        "--delimiter '|')";
    QCOMPARE(errorOf([&] { bps::prepareDataset(piped, {}); }),
             "p.csv: no numeric feature columns besides the target 'a|b|y'" + hint);
    QCOMPARE(errorOf([&] {
                 bps::prepareDataset(piped, {"y", {}, {}});
             }),
             "p.csv: no column named 'y' (columns: a|b|y)" + hint);
    QCOMPARE(errorOf([&] { bps::featureMatrix(piped, {"a"}); }),
             "p.csv: the model needs feature 'a', which the file lacks" + hint);

    const CsvTable two = bps::readCsvText("a|b,y\n1,0\n", "t.csv");
    QCOMPARE(errorOf([&] {
                 bps::prepareDataset(two, {"z", {}, {}});
             }),
             QString("t.csv: no column named 'z' (columns: a|b, y)"));
}

void tst_CsvDelimiters::delimiterNames_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("delimiter");  // as delimiterName() says it; empty: not a name
    QTest::addColumn<QString>("flag");       // and delimiterFlag()

    QTest::newRow(",") << ","
                       << "','"
                       << ",";
    QTest::newRow(";") << ";"
                       << "';'"
                       << "';'";
    QTest::newRow("|") << "|"
                       << "'|'"
                       << "'|'";
    QTest::newRow(":") << ":"
                       << "':'"
                       << ":";
    QTest::newRow("tab") << "tab"
                         << "tab"
                         << "tab";
    QTest::newRow("tab character") << "\t"
                                   << "tab"
                                   << "tab";
    QTest::newRow("backslash t") << "\\t"
                                 << "tab"
                                 << "tab";
    QTest::newRow("space") << "space"
                           << "whitespace"
                           << "whitespace";
    QTest::newRow("whitespace") << "whitespace"
                                << "whitespace"
                                << "whitespace";
    QTest::newRow("a space") << " "
                             << "whitespace"
                             << "whitespace";
    for (const char* bad : {"", "x", "/", ",,", "Tab", "spaces", "\""})
        QTest::newRow(qPrintable(QString("not: '%1'").arg(bad))) << bad << QString() << QString();
}

void tst_CsvDelimiters::delimiterNames() {
    QFETCH(QString, name);
    QFETCH(QString, delimiter);
    QFETCH(QString, flag);
    const std::optional<char> d = bps::delimiterFromName(name.toStdString());
    QCOMPARE(d ? QString::fromStdString(bps::delimiterName(*d)) : QString(), delimiter);
    QCOMPARE(d ? QString::fromStdString(bps::delimiterFlag(*d)) : QString(), flag);
}

void tst_CsvDelimiters::whitespaceAtEverySplit_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");  // the records of the input fed in one piece
    QTest::newRow("runs, tabs, crlf") << QByteArray("  a \t b  \r\n 1   2\t\r\n\r\n3 4")
                                      << "[1:2:a|b|] [2:2:#1|#2|] [4:2:#3|#4|] ";
    QTest::newRow("quotes") << QByteArray("\"x y\"  \"\" z\n\"a\"\"b\"\t1 \n")
                            << "[1:3:x y||z|] [2:2:a\"b|#1|] ";
    QTest::newRow("lone cr and trailing blanks")
        << QByteArray("a b \rc d  ") << "[1:2:a|b|] [2:2:c|d|] ";
}

// The tokenizer's state between chunks (a field, a blank run, a quote, a CR) must not change
// what it reads: every split of the input into two chunks gives the records of the whole.
void tst_CsvDelimiters::whitespaceAtEverySplit() {
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    const std::string_view text = view(input);
    QCOMPARE(QString::fromStdString(tokenize(text, ' ', text.size())), expected);
    for (std::size_t at = 0; at < text.size(); ++at)
        QVERIFY2(QString::fromStdString(tokenize(text, ' ', at)) == expected,
                 qPrintable(QString("split at %1: %2")
                                .arg(at)
                                .arg(QString::fromStdString(tokenize(text, ' ', at)))));
}

// A whitespace file over several chunks reads the same as text, from a file in one thread and in
// halves (single spaces: the second thread's fast path takes it; runs of blanks: it gives up).
void tst_CsvDelimiters::largeAlignedFileInHalves() {
    for (const char* gap : {" ", "   "}) {
        std::string text = std::string("'id'") + gap + "'x'" + gap + "'y'\n";
        for (int r = 0; r < 150000; ++r)
            text += std::to_string(r) + gap + std::to_string(r * 0.25 - 7) + gap +
                    std::to_string(r % 3) + "\n";
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = writeFile(dir, "aligned.txt", QByteArray::fromStdString(text));
        QVERIFY(!path.isEmpty());
        CsvOptions halves;
        halves.parallelFromBytes = 1;
        const CsvTable fromText = bps::readCsvText(text, "aligned.txt");
        const CsvTable inHalves = bps::readCsvFile(path.toStdString(), halves);
        CsvOptions alone;
        alone.parallelFromBytes = 0;
        const CsvTable oneThread = bps::readCsvFile(path.toStdString(), alone);
        QCOMPARE(fromText.delimiter, ' ');
        QCOMPARE(fromText.rows, std::size_t{150000});
        QCOMPARE(QString::fromStdString(fromText.columns[1].name), QString("x"));
        QCOMPARE(fromText.columns[1].numbers.back(), 149999 * 0.25 - 7);
        QCOMPARE(describe(inHalves), describe(fromText));
        QCOMPARE(describe(oneThread), describe(fromText));
        QCOMPARE(inHalves.readInHalves, std::string(gap) == " ");
    }
}

QTEST_GUILESS_MAIN(tst_CsvDelimiters)
#include "tst_csv_delimiters.moc"
