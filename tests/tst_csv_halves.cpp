// readCsvFile reading a big file in two halves on two threads must give exactly the table (or
// the error) that one thread gives: on plain numeric files, where the second half is taken from
// the other thread, and on every kind of file where it must not be (text, quotes across the
// middle, missing cells, ragged rows, blank lines, unusual numbers), where the reader reads on
// alone.

#include <QtTest>
#include <atomic>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>

#include "core/base/errors.h"
#include "core/csv/csv_reader.h"

namespace {

struct Outcome {
    std::optional<bps::CsvTable> table;
    std::string error;
};

Outcome read(const std::string& path, std::uint64_t parallelFromBytes,
             const std::atomic<bool>* cancel = nullptr) {
    bps::CsvOptions options;
    options.parallelFromBytes = parallelFromBytes;
    options.cancel = cancel;
    try {
        return {bps::readCsvFile(path, options), {}};
    } catch (const bps::DataError& e) {
        return {std::nullopt, e.what()};
    }
}

bool sameNumber(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

// Everything a caller can see, compared exactly ("" if equal, else what differs).
std::string difference(const bps::CsvTable& a, const bps::CsvTable& b) {
    if (a.rows != b.rows) return "rows " + std::to_string(a.rows) + " vs " + std::to_string(b.rows);
    if (a.rowLine != b.rowLine) return "row lines";
    if (a.delimiter != b.delimiter || a.hasHeader != b.hasHeader || a.source != b.source)
        return "delimiter, header or source";
    if (a.columns.size() != b.columns.size()) return "column count";
    for (std::size_t c = 0; c < a.columns.size(); ++c) {
        const auto &x = a.columns[c], &y = b.columns[c];
        if (x.name != y.name || x.numeric != y.numeric || x.missing != y.missing ||
            x.codes != y.codes || x.levels != y.levels || x.firstTextValue != y.firstTextValue ||
            x.firstText.has_value() != y.firstText.has_value() ||
            (x.firstText && (x.firstText->line != y.firstText->line ||
                             x.firstText->column != y.firstText->column)))
            return "column " + x.name;
        if (x.numbers.size() != y.numbers.size()) return "size of column " + x.name;
        for (std::size_t r = 0; r < x.numbers.size(); ++r)
            if (!sameNumber(x.numbers[r], y.numbers[r]))
                return "column " + x.name + " row " + std::to_string(r);
    }
    return {};
}

// Rows of numbers in every written form the fast path takes; `edit(row, line)` may change a
// line (0-based data row) before it is written.
std::string numericCsv(int rows, const std::string& eol = "\n", char delimiter = ',',
                       bool header = true,
                       const std::function<void(int, std::string&)>& edit = {}) {
    std::string text;
    if (header)
        text += std::string("a") + delimiter + "b" + delimiter + "c" + delimiter + "d" + eol;
    for (int r = 0; r < rows; ++r) {
        std::string line = std::to_string(r) + delimiter + std::to_string(r * 0.37 - 500.125) +
                           delimiter + std::to_string(1e-7 * r) + "e" + std::to_string(r % 40) +
                           delimiter + (r % 3 ? "-" : "") + "0.1234567890123456789";
        if (edit) edit(r, line);
        text += line + eol;
    }
    return text;
}

}  // namespace

class tst_CsvHalves : public QObject {
    Q_OBJECT
private slots:
    void sameTableEitherWay_data();
    void sameTableEitherWay();
    void cancelStopsBothHalves();

private:
    QTemporaryDir m_dir;
};

void tst_CsvHalves::sameTableEitherWay_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("halves");  // expected: the second half came from the other thread
    const int n = 6000;                // ~330 KB: the first record is known long before the middle
    const int late = n * 3 / 4;        // a row in the second half
    auto at = [](int row, std::string text) {
        return [row, text](int r, std::string& line) {
            if (r == row) line = text;
        };
    };
    auto bytes = [](const std::string& s) { return QByteArray::fromStdString(s); };
    QTest::newRow("plain") << bytes(numericCsv(n)) << true;
    QTest::newRow("CRLF") << bytes(numericCsv(n, "\r\n")) << true;
    QTest::newRow("semicolons") << bytes(numericCsv(n, "\n", ';')) << true;
    QTest::newRow("no header") << bytes(numericCsv(n, "\n", ',', false)) << true;
    // Whitespace-delimited: single spaces are the second thread's delimiter too; anything the
    // blank runs allow beyond that (runs, tabs, blanks at the ends) is read by the reader alone.
    const auto spaced = [&](int row, const char* line) {
        return bytes(numericCsv(n, "\n", ' ', true, at(row, line)));
    };
    QTest::newRow("single spaces") << spaced(-1, "") << true;
    QTest::newRow("blank run late") << spaced(late, "1  2 3 4") << false;
    QTest::newRow("tab late") << spaced(late, "1\t2 3 4") << false;
    QTest::newRow("leading blank late") << spaced(late, " 1 2 3 4") << false;
    QTest::newRow("trailing blank late") << spaced(late, "1 2 3 4 ") << false;
    std::string last = numericCsv(n);
    last.pop_back();
    QTest::newRow("no final line end") << bytes(last) << true;
    QTest::newRow("text late") << bytes(numericCsv(n, "\n", ',', true, at(late, "1,2,x,4")))
                               << false;
    QTest::newRow("text early") << bytes(numericCsv(n, "\n", ',', true, at(5, "1,2,x,4"))) << false;
    QTest::newRow("missing late") << bytes(numericCsv(n, "\n", ',', true, at(late, "1,,3,4")))
                                  << false;
    QTest::newRow("NA late") << bytes(numericCsv(n, "\n", ',', true, at(late, "1,NA,3,4")))
                             << false;
    QTest::newRow("ragged late") << bytes(numericCsv(n, "\n", ',', true, at(late, "1,2,3")))
                                 << false;
    QTest::newRow("extra field late")
        << bytes(numericCsv(n, "\n", ',', true, at(late, "1,2,3,4,5"))) << false;
    QTest::newRow("blank line late")
        << bytes(numericCsv(n, "\n", ',', true, at(late, "1,2,3,4\n"))) << false;
    QTest::newRow("plus sign late")
        << bytes(numericCsv(n, "\n", ',', true, at(late, "+1,2,3,4"))) << false;
    // Both threads' fast path reads a number too small for a double as 0.
    QTest::newRow("underflow late")
        << bytes(numericCsv(n, "\n", ',', true, at(late, "1e-400,2,3,4"))) << true;
    QTest::newRow("space late") << bytes(numericCsv(n, "\n", ',', true, at(late, "1, 2,3,4")))
                                << false;
    QTest::newRow("lone CR late") << bytes(numericCsv(n, "\n", ',', true,
                                                      at(late, "1,2,3,4\r5,6,7,8")))
                                  << false;
    QTest::newRow("infinity late")
        << bytes(numericCsv(n, "\n", ',', true, at(late, "1,inf,3,4"))) << false;
    QTest::newRow("NUL late") << bytes(numericCsv(n, "\n", ',', true,
                                                  at(late, std::string("1,2\0,3,4", 8))))
                              << false;
    // A quoted cell with line ends in it, long enough to cover the middle of the file: the
    // other thread starts inside the quotes and must not be believed.
    std::string quoted = numericCsv(n / 2, "\n", ',', true, at(n / 2 - 1, "1,2,3,\"x"));
    for (int i = 0; i < 2000; ++i) quoted += "1,2,3,4\n";
    quoted += "\"\n" + numericCsv(n / 2, "\n", ',', false);
    QTest::newRow("quotes across the middle") << bytes(quoted) << false;
    // The other half has no quote at all and parses fine, but this half ends inside one.
    QTest::newRow("unterminated quote before the middle")
        << bytes(numericCsv(n, "\n", ',', true, at(n / 4, "1,2,3,\"x"))) << false;
    std::string trailing = numericCsv(n) + "\n  \n";
    QTest::newRow("blank lines at the end") << bytes(trailing) << false;
}

void tst_CsvHalves::sameTableEitherWay() {
    QFETCH(QByteArray, text);
    QFETCH(bool, halves);
    const std::string path = m_dir.filePath("data.csv").toStdString();
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(text.constData(), text.size());
    }
    const Outcome alone = read(path, 0);
    const Outcome both = read(path, 1);
    QCOMPARE(both.error, alone.error);
    QCOMPARE(both.table.has_value(), alone.table.has_value());
    if (alone.table) {
        QVERIFY(!alone.table->readInHalves);
        QCOMPARE(both.table->readInHalves, halves);
        QCOMPARE(QString::fromStdString(difference(*both.table, *alone.table)), QString());
    }
}

void tst_CsvHalves::cancelStopsBothHalves() {
    const std::string path = m_dir.filePath("cancel.csv").toStdString();
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << numericCsv(20000);
    }
    std::atomic<bool> cancel{true};
    const Outcome outcome = read(path, 1, &cancel);
    QVERIFY(!outcome.table);
    QVERIFY2(outcome.error.find("cancelled") != std::string::npos, outcome.error.c_str());
}

QTEST_APPLESS_MAIN(tst_CsvHalves)
#include "tst_csv_halves.moc"
