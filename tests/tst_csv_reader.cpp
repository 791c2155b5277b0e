// Tests for the streaming CSV reader: line ends, quoting, header detection, column typing, error
// messages, chunk boundaries, the bundled sample, progress and cancel. Delimiters (detection,
// whitespace-aligned files, header quotes, the single-column hint) are in tst_csv_delimiters.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/csv/csv_reader.h"
#include "tests/common/csv_table_text.h"

using bps::CsvOptions;
using bps::CsvTable;
using bps::HeaderMode;
using bps::test::brokenInvariant;
using bps::test::describe;
using bps::test::errorOf;
using bps::test::makeOptions;
using bps::test::numberText;
using bps::test::view;

Q_DECLARE_METATYPE(bps::HeaderMode)

namespace {

// The reader's chunk size. If it changes, the large-input test still passes; it just no longer
// puts its tricky bytes exactly on the boundaries.
constexpr std::size_t kChunk = std::size_t{1} << 20;

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) return {};
    return path;
}

// A text of more than three chunks whose rows are "id,label,value". Special rows put a doubled
// quote, a CRLF and a number exactly across the chunk boundaries.
struct BigCsv {
    std::string text = "id,label,value\n";
    std::size_t nextLine = 2;
    std::vector<std::size_t> lines;
    std::vector<double> values;
    std::vector<std::string> labels;

    void addRow(const std::string& label, const std::string& quotedLabel, double value,
                const std::string& lineEnd, std::size_t embeddedLines = 0) {
        const std::size_t id = lines.size();
        text += std::to_string(id) + "," + quotedLabel + "," + numberText(value) + lineEnd;
        lines.push_back(nextLine);
        values.push_back(value);
        labels.push_back(label);
        nextLine += 1 + embeddedLines;
    }
    void addFiller() {
        const std::string label = "row " + std::to_string(lines.size());
        addRow(label, "\"" + label + "\"", static_cast<double>(lines.size() % 1000) / 8, "\n");
    }
    // Filler rows up to a little before `position`.
    void fillUntil(std::size_t position) {
        while (text.size() + 300 < position) addFiller();
    }
    // One row, padded so that the next row starts exactly at `position`.
    void padTo(std::size_t position) {
        const std::string head = std::to_string(lines.size()) + ",\"";
        const std::string tail = "\",0\n";
        const std::string pad(position - text.size() - head.size() - tail.size(), 'x');
        addRow(pad, "\"" + pad + "\"", 0, "\n");
    }
    // Pads so that the byte at `offset` after the id of the next row (which follows the
    // padding row) is the first byte of the chunk starting at `boundary`.
    void placeAt(std::size_t boundary, std::size_t offset) {
        fillUntil(boundary);
        padTo(boundary - std::to_string(lines.size() + 1).size() - offset);
    }
};

BigCsv makeBigCsv() {
    BigCsv csv;
    // The boundary falls between the two quotes of a "" inside a quoted field with a newline.
    const std::string quoted = "\"split \"\"here\"\", and\nmore\"";
    csv.placeAt(kChunk, 1 + quoted.find("\"\"") + 1);
    csv.addRow("split \"here\", and\nmore", quoted, 1.5, "\n", 1);
    // Between the CR and the LF of a CRLF.
    csv.placeAt(2 * kChunk, std::string(",crlf,2.5\r").size());
    csv.addRow("crlf", "crlf", 2.5, "\r\n");
    // Inside a number, and then a lone CR line end.
    csv.placeAt(3 * kChunk, std::string(",cr,12345").size());
    csv.addRow("cr", "cr", 12345.678, "\r");
    while (csv.text.size() < 3 * kChunk + kChunk / 2) csv.addFiller();
    return csv;
}

void checkBigCsv(const CsvTable& table, const BigCsv& csv) {
    QCOMPARE(table.rows, csv.lines.size());
    QCOMPARE(table.columns.size(), std::size_t{3});
    QCOMPARE(table.rowLine.size(), csv.lines.size());
    const auto [gotLine, wantLine] =
        std::mismatch(table.rowLine.begin(), table.rowLine.end(), csv.lines.begin());
    QVERIFY2(gotLine == table.rowLine.end(),
             qPrintable(QString("row %1 starts on line %2, expected %3")
                            .arg(gotLine - table.rowLine.begin())
                            .arg(*gotLine)
                            .arg(*wantLine)));
    QVERIFY(table.columns[0].numeric && table.columns[2].numeric);
    QVERIFY(table.columns[2].numbers == csv.values);
    QVERIFY(!table.columns[1].numeric);
    for (std::size_t r = 0; r < table.rows; ++r) {
        QCOMPARE(table.columns[0].numbers[r], static_cast<double>(r));
        const std::int32_t code = table.columns[1].codes[r];
        QVERIFY2(code >= 0 && table.columns[1].levels[code] == csv.labels[r],
                 qPrintable(QString("row %1").arg(r)));
    }
}

}  // namespace

class tst_CsvReader : public QObject {
    Q_OBJECT

private slots:
    void read_data();
    void read();
    void fileMatchesText_data() { read_data(); }
    void fileMatchesText();
    void errors_data();
    void errors();
    void errorsNameTheFile_data() { errors_data(); }
    void errorsNameTheFile();
    void missingMarker_data();
    void missingMarker();
    void largeInputAcrossChunks();
    void sampleFile();
    void unopenableFile();
    void progressAndCancel();
};

void tst_CsvReader::read_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<HeaderMode>("header");
    QTest::addColumn<QByteArray>("delimiter");  // empty: detect
    QTest::addColumn<QString>("expected");

    const auto row = [](const char* name, const QByteArray& input, const char* expected,
                        HeaderMode header = HeaderMode::Detect, const QByteArray& delimiter = {}) {
        QTest::newRow(name) << input << header << delimiter << QString::fromUtf8(expected);
    };
    const char* twoRows = "d=, h=1 rows=2 lines=2,3 | a num miss=0: 1 3 | b num miss=0: 2 4";

    // Line ends
    row("lf", "a,b\n1,2\n3,4\n", twoRows);
    row("crlf", "a,b\r\n1,2\r\n3,4\r\n", twoRows);
    row("cr", "a,b\r1,2\r3,4\r", twoRows);
    row("no final line end", "a,b\n1,2\n3,4", twoRows);
    row("mixed", "a,b\r\n1,2\r3,4\n5,6",
        "d=, h=1 rows=3 lines=2,3,4 | a num miss=0: 1 3 5 | b num miss=0: 2 4 6");
    row("blank lines", "\n\na,b\n\n1,2\n   \n\t\n3,4\n\n\n",
        "d=, h=1 rows=2 lines=5,8 | a num miss=0: 1 3 | b num miss=0: 2 4");
    row("blank crlf lines", "a,b\r\n\r\n1,2\r\n\r\n3,4\r\n\r\n",
        "d=, h=1 rows=2 lines=3,5 | a num miss=0: 1 3 | b num miss=0: 2 4");
    row("blank cr lines", "a,b\r\r1,2\r\r3,4",
        "d=, h=1 rows=2 lines=3,5 | a num miss=0: 1 3 | b num miss=0: 2 4");
    row("bom",
        "\xEF\xBB\xBF"
        "a,b\n1,2\n3,4\n",
        twoRows);

    // Header
    row("numeric first row is data", "1,2\n3,4\n",
        "d=, h=0 rows=2 lines=1,2 | column_1 num miss=0: 1 3 | column_2 num miss=0: 2 4");
    row("missing cells in first row", "NA,1\n2,3\n",
        "d=, h=0 rows=2 lines=1,2 | column_1 num miss=1: NA 2 | column_2 num miss=0: 1 3");
    row("header forced on", "1,2\n3,4\n",
        "d=, h=1 rows=1 lines=2 | 1 num miss=0: 3 | 2 num miss=0: 4", HeaderMode::Present);
    row("header forced off", "a,b\n1,2\n",
        "d=, h=0 rows=2 lines=1,2 | column_1 txt@1:1'a' levels=2 miss=0: 'a' '1'"
        " | column_2 txt@1:2'b' levels=2 miss=0: 'b' '2'",
        HeaderMode::Absent);
    row("empty header names", "a,,c\n1,2,3\n",
        "d=, h=1 rows=1 lines=2 | a num miss=0: 1 | column_2 num miss=0: 2 | c num miss=0: 3");
    row("quoted header", "\"first name\",\"b\"\"q\"\n1,2\n",
        "d=, h=1 rows=1 lines=2 | first name num miss=0: 1 | b\"q num miss=0: 2");

    // Quoting
    row("quoted delimiter", "a,b\n\"1,5\",2\n",
        "d=, h=1 rows=1 lines=2 | a txt@2:1'1,5' levels=1 miss=0: '1,5' | b num miss=0: 2");
    row("doubled quotes", "a,b\n\"say \"\"hi\"\"\",2\n",
        "d=, h=1 rows=1 lines=2 | a txt@2:1'say \"hi\"' levels=1 miss=0: 'say \"hi\"'"
        " | b num miss=0: 2");
    row("embedded newline", "a,b\n\"x\ny\",1\n\"z\",2\n",
        "d=, h=1 rows=2 lines=2,4 | a txt@2:1'x\\ny' levels=2 miss=0: 'x\\ny' 'z'"
        " | b num miss=0: 1 2");
    row("embedded crlf", "a,b\r\n\"x\r\ny\",1\r\nz,2\r\n",
        "d=, h=1 rows=2 lines=2,4 | a txt@2:1'x\\r\\ny' levels=2 miss=0: 'x\\r\\ny' 'z'"
        " | b num miss=0: 1 2");
    row("embedded cr", "a,b\r\"x\ry\",1\rz,2\r",
        "d=, h=1 rows=2 lines=2,4 | a txt@2:1'x\\ry' levels=2 miss=0: 'x\\ry' 'z'"
        " | b num miss=0: 1 2");
    row("embedded blank lines", "a,b\n1,\"x\n\n\ny\"\n2,z\n",
        "d=, h=1 rows=2 lines=2,6 | a num miss=0: 1 2"
        " | b txt@2:2'x\\n\\n\\ny' levels=2 miss=0: 'x\\n\\n\\ny' 'z'");
    row("quoted number", "a\n\"1.5\"\n", "d=, h=1 rows=1 lines=2 | a num miss=0: 1.5");
    row("quoted whitespace kept", "a,b\n\" x \",1\n",
        "d=, h=1 rows=1 lines=2 | a txt@2:1' x ' levels=1 miss=0: ' x ' | b num miss=0: 1");
    row("whitespace trimmed", "  a  ,  b \n  1 ,  2  \n",
        "d=, h=1 rows=1 lines=2 | a num miss=0: 1 | b num miss=0: 2");
    row("whitespace around quotes", "a,b\n  \"x\"  ,  1\n",
        "d=, h=1 rows=1 lines=2 | a txt@2:1'x' levels=1 miss=0: 'x' | b num miss=0: 1");
    row("quote inside unquoted field", "a,b\nab\"c,1\n",
        "d=, h=1 rows=1 lines=2 | a txt@2:1'ab\"c' levels=1 miss=0: 'ab\"c' | b num miss=0: 1");

    // Typing and missing values
    row("column turns text", "a,b\n1,x\n2.50,y\nz,3\n1,x\n",
        "d=, h=1 rows=4 lines=2,3,4,5 | a txt@4:1'z' levels=3 miss=0: '1' '2.5' 'z' '1'"
        " | b txt@2:2'x' levels=3 miss=0: 'x' 'y' '3' 'x'");
    row("missing markers", "a,b,c\n1,NA,x\n,2,N/A\n?,nan,null\nNULL,NaN,y\n",
        "d=, h=1 rows=4 lines=2,3,4,5 | a num miss=3: 1 NA NA NA | b num miss=3: NA 2 NA NA"
        " | c txt@2:3'x' levels=2 miss=2: 'x' NA NA 'y'");
    row("missing before text", "a\nNA\n5\nfoo\n",
        "d=, h=1 rows=3 lines=2,3,4 | a txt@4:1'foo' levels=2 miss=1: NA '5' 'foo'");
    row("number formats", "a\n+1\n-2e3\n.5\n1E-2\n 7 \n",
        "d=, h=1 rows=5 lines=2,3,4,5,6 | a num miss=0: 1 -2000 0.5 0.01 7");
    row("not numbers", "a,b,c,d\n1,1,1,1\ninf,1e400,0x10,+-1\n",
        "d=, h=1 rows=2 lines=2,3 | a txt@3:1'inf' levels=2 miss=0: '1' 'inf'"
        " | b txt@3:2'1e400' levels=2 miss=0: '1' '1e400'"
        " | c txt@3:3'0x10' levels=2 miss=0: '1' '0x10'"
        " | d txt@3:4'+-1' levels=2 miss=0: '1' '+-1'");
    row("trailing delimiter", "a,b\n1,\n2,",
        "d=, h=1 rows=2 lines=2,3 | a num miss=0: 1 2 | b num miss=2: NA NA");
    row("utf-8 text", "name,v\nZ\xC3\xBCrich,1\n",
        "d=, h=1 rows=1 lines=2 | name txt@2:1'Z\xC3\xBCrich' levels=1 miss=0: 'Z\xC3\xBCrich'"
        " | v num miss=0: 1");
}

void tst_CsvReader::read() {
    QFETCH(QByteArray, input);
    QFETCH(HeaderMode, header);
    QFETCH(QByteArray, delimiter);
    QFETCH(QString, expected);

    const CsvTable table = bps::readCsvText(view(input), "<text>", makeOptions(header, delimiter));
    QCOMPARE(brokenInvariant(table), QString());
    QCOMPARE(QString::fromStdString(table.source), QString("<text>"));
    QCOMPARE(describe(table), expected);
}

void tst_CsvReader::fileMatchesText() {
    QFETCH(QByteArray, input);
    QFETCH(HeaderMode, header);
    QFETCH(QByteArray, delimiter);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, "input.csv", input);
    QVERIFY(!path.isEmpty());
    const CsvOptions options = makeOptions(header, delimiter);
    const CsvTable fromFile =
        bps::readCsvFile(QDir::toNativeSeparators(path).toStdString(), options);
    QCOMPARE(QString::fromStdString(fromFile.source), QString("input.csv"));
    QCOMPARE(describe(fromFile), describe(bps::readCsvText(view(input), "<text>", options)));
}

void tst_CsvReader::errors_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<HeaderMode>("header");
    QTest::addColumn<QByteArray>("delimiter");
    QTest::addColumn<QString>("expected");

    const auto row = [](const char* name, const QByteArray& input, const char* expected,
                        HeaderMode header = HeaderMode::Detect, const QByteArray& delimiter = {}) {
        QTest::newRow(name) << input << header << delimiter << QString::fromUtf8(expected);
    };
    const char* nul = "unexpected NUL byte (is this a binary file?)";

    row("empty", "", "<text>: the file is empty");
    row("blank lines only", "\n\r\n  \n \r", "<text>: the file is empty");
    row("bom only", "\xEF\xBB\xBF", "<text>: the file is empty");
    row("header only", "a,b\n", "<text>: no data rows after the header");
    row("header only, blank lines after", "a,b\n\n\r\n", "<text>: no data rows after the header");
    row("forced header only", "1,2", "<text>: no data rows after the header", HeaderMode::Present);

    row("ragged short", "a,b,c\n1,2,3\n4,5\n", "<text>: line 3: 2 fields, header has 3");
    row("ragged long", "a,b\n1,2\n3,4,5\n", "<text>: line 3: 3 fields, header has 2");
    row("ragged single field", "a,b\n1,2\n3\n", "<text>: line 3: 1 field, header has 2");
    row("ragged semicolon", "a;b\n1;2\n3\n", "<text>: line 3: 1 field, header has 2");
    row("ragged without header", "1,2\n3,4,5\n", "<text>: line 2: 3 fields, first row has 2");
    row("ragged after quoted newline", "a,b\n\"x\ny\",1\n2\n",
        "<text>: line 4: 1 field, header has 2");
    row("ragged far down", QByteArray("a,b\n") + QByteArray("1,2\n").repeated(88) + "3\n",
        "<text>: line 90: 1 field, header has 2");

    row("unterminated", "a,b\n1,\"abc\n", "<text>: line 2, column 2: unterminated quoted field");
    row("unterminated after lines", "a,b\n1,2\n\n3,\"x\ny\n",
        "<text>: line 4, column 2: unterminated quoted field");
    row("unterminated in header", "\"a,b\n1,2\n",
        "<text>: line 1, column 1: unterminated quoted field");
    row("text after closing quote", "a,b\n\"x\"y,1\n",
        "<text>: line 2, column 1: unexpected character 'y' after closing quote");
    row("second quoted part", "a,b\n1,\"x\" \"y\"\n",
        "<text>: line 2, column 2: unexpected character '\"' after closing quote");
    row("after quote on a later line", "a,b\n\"x\ny\"z,1\n",
        "<text>: line 3, column 1: unexpected character 'z' after closing quote");
    row("non-ascii after quote", "a\n\"x\"\xC3\xA9\n",
        "<text>: line 2, column 1: unexpected byte 0xC3 after closing quote");

    const auto withNul = [](const char* text, int size) { return QByteArray(text, size); };
    row("nul in field", withNul("a,b\n1,2\0\n", 9),
        qPrintable(QString("<text>: line 2, column 2: ") + nul));
    row("nul in quotes", withNul("a,b\n1,\"x\ny\0\"\n", 13),
        qPrintable(QString("<text>: line 3, column 2: ") + nul));
    row("nul after quote", withNul("a\n\"x\"\0", 6),
        qPrintable(QString("<text>: line 2, column 1: ") + nul));
    row("nul in header", withNul("a\0,b\n1,2\n", 9),
        qPrintable(QString("<text>: line 1, column 1: ") + nul));

    row("quote as delimiter", "a\n1\n", "<text>: a quote or line end cannot be the delimiter",
        HeaderMode::Detect, "\"");
}

void tst_CsvReader::errors() {
    QFETCH(QByteArray, input);
    QFETCH(HeaderMode, header);
    QFETCH(QByteArray, delimiter);
    QFETCH(QString, expected);

    const CsvOptions options = makeOptions(header, delimiter);
    QCOMPARE(errorOf([&] { bps::readCsvText(view(input), "<text>", options); }), expected);
}

void tst_CsvReader::errorsNameTheFile() {
    QFETCH(QByteArray, input);
    QFETCH(HeaderMode, header);
    QFETCH(QByteArray, delimiter);
    QFETCH(QString, expected);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, "bad.csv", input);
    QVERIFY(!path.isEmpty());
    const CsvOptions options = makeOptions(header, delimiter);
    QCOMPARE(errorOf([&] { bps::readCsvFile(path.toStdString(), options); }),
             expected.replace("<text>", "bad.csv"));
}

void tst_CsvReader::missingMarker_data() {
    QTest::addColumn<QByteArray>("cell");
    QTest::addColumn<bool>("missing");
    for (const char* cell :
         {"", "NA", "na", "N/A", "n/a", "NaN", "nan", "NAN", "?", "null", "NULL", "Null"})
        QTest::newRow(cell) << QByteArray(cell) << true;
    for (const char* cell : {"0", "-", "none", "NA.", "??", "nil", "nulls", " "})
        QTest::newRow(cell) << QByteArray(cell) << false;
}

void tst_CsvReader::missingMarker() {
    QFETCH(QByteArray, cell);
    QFETCH(bool, missing);
    QCOMPARE(bps::isMissingMarker(view(cell)), missing);
}

void tst_CsvReader::largeInputAcrossChunks() {
    const BigCsv csv = makeBigCsv();
    // The tricky bytes must really sit on the boundaries, or this test checks less than it says.
    QCOMPARE(QString::fromStdString(csv.text.substr(kChunk - 1, 2)), QString("\"\""));
    QCOMPARE(QString::fromStdString(csv.text.substr(2 * kChunk - 1, 2)), QString("\r\n"));
    QCOMPARE(QString::fromStdString(csv.text.substr(3 * kChunk - 3, 6)), QString("345.67"));
    QVERIFY(csv.text.size() > 3 * kChunk);

    checkBigCsv(bps::readCsvText(csv.text), csv);
    if (QTest::currentTestFailed()) return;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(
        dir, "big.csv", QByteArray(csv.text.data(), static_cast<qsizetype>(csv.text.size())));
    QVERIFY(!path.isEmpty());
    checkBigCsv(bps::readCsvFile(path.toStdString()), csv);
}

void tst_CsvReader::sampleFile() {
    const CsvTable table = bps::readCsvFile(BPS_SAMPLE_CSV);
    QCOMPARE(QString::fromStdString(table.source), QString("htru2.csv"));
    QCOMPARE(table.delimiter, ',');
    QVERIFY(table.hasHeader);
    QCOMPARE(table.rows, std::size_t{17898});
    QCOMPARE(table.columns.size(), std::size_t{9});
    QCOMPARE(brokenInvariant(table), QString());
    const std::vector<std::string> names = {"Mean_IP",     "SD_IP",           "EK_IP",
                                            "Skewness_IP", "Mean_DM_SNR",     "SD_DM_SNR",
                                            "EK_DM_SNR",   "Skewness_DM_SNR", "Class"};
    for (std::size_t c = 0; c < names.size(); ++c) {
        QCOMPARE(QString::fromStdString(table.columns[c].name), QString::fromStdString(names[c]));
        QVERIFY(table.columns[c].numeric);
        QCOMPARE(table.columns[c].missing, std::size_t{0});
    }
    const std::vector<double>& label = table.columns[8].numbers;
    QCOMPARE(std::count(label.begin(), label.end(), 1.0), std::ptrdiff_t{1639});
    QCOMPARE(std::count(label.begin(), label.end(), 0.0), std::ptrdiff_t{16259});
    QCOMPARE(table.columns[0].numbers.front(), 140.5625);
    QCOMPARE(table.rowLine.front(), std::size_t{2});
    QCOMPARE(table.rowLine.back(), std::size_t{17899});
}

void tst_CsvReader::unopenableFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(errorOf([&] { bps::readCsvFile(dir.filePath("nope.csv").toStdString()); }),
             QString("nope.csv: cannot open: No such file or directory"));
    QVERIFY(QDir(dir.path()).mkdir("folder.csv"));
    QCOMPARE(errorOf([&] { bps::readCsvFile(dir.filePath("folder.csv").toStdString()); }),
             QString("folder.csv: cannot open: Is a directory"));
}

void tst_CsvReader::progressAndCancel() {
    const std::string text = makeBigCsv().text;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
    CsvOptions options;
    options.progress = [&](std::uint64_t done, std::uint64_t total) {
        calls.emplace_back(done, total);
    };
    bps::readCsvText(text, "<text>", options);
    QCOMPARE(calls.size(), (text.size() + kChunk - 1) / kChunk);
    QCOMPARE(calls.front(), std::make_pair(std::uint64_t{kChunk}, std::uint64_t{text.size()}));
    QCOMPARE(calls.back(), std::make_pair(std::uint64_t{text.size()}, std::uint64_t{text.size()}));

    // Cancelled before it starts: even a tiny text stops after its one chunk.
    std::atomic<bool> cancel{true};
    options = {};
    options.cancel = &cancel;
    QCOMPARE(errorOf([&] { bps::readCsvText("a\n1\n", "<text>", options); }),
             QString("<text>: reading cancelled"));

    // Cancelled while reading: it stops after the current chunk.
    cancel = false;
    calls.clear();
    options.progress = [&](std::uint64_t done, std::uint64_t total) {
        calls.emplace_back(done, total);
        cancel = true;
    };
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path =
        writeFile(dir, "big.csv", QByteArray(text.data(), static_cast<qsizetype>(text.size())));
    QCOMPARE(errorOf([&] { bps::readCsvFile(path.toStdString(), options); }),
             QString("big.csv: reading cancelled"));
    QCOMPARE(calls.size(), std::size_t{1});
}

QTEST_GUILESS_MAIN(tst_CsvReader)
#include "tst_csv_reader.moc"
