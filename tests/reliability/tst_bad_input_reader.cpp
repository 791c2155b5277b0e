// The bad-input corpus in process, through the CSV reader and the data set (the code `train` and
// the GUI share): each file is read or refused as the manifest says, only DataError is ever
// thrown, and messages are one short line naming the file. Also: a file that changes while it is
// read, a quoted field that never ends, and thousands of mutated corpus files.

#include <fcntl.h>
#include <unistd.h>

#include <QDeadlineTimer>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <random>
#include <thread>

#include "core/base/errors.h"
#include "core/csv/csv_reader.h"
#include "core/data/dataset.h"
#include "tests/reliability/bad_corpus.h"

using namespace bps;
using namespace bps::test;

Q_DECLARE_METATYPE(bps::test::CorpusCase)

namespace {

// What is wrong with an error message, or an empty string.
QString judgeMessage(const QString& message, const QString& name) {
    if (message.contains('\n') || message.contains('\r'))
        return "a message of several lines: " + message;
    if (message.size() > 400) return QString("a message of %1 characters").arg(message.size());
    if (!message.startsWith(name + ": ")) return "the message does not name the file: " + message;
    return {};
}

// Every column has a value per row and every row a line.
QString brokenInvariant(const CsvTable& table) {
    if (table.rowLine.size() != table.rows) return "rowLine size";
    for (const CsvColumn& c : table.columns) {
        const std::size_t n = c.numeric ? c.numbers.size() : c.codes.size();
        if (n != table.rows) return QString::fromStdString("column '" + c.name + "' size");
        for (std::int32_t code : c.codes)
            if (code < -1 || code >= static_cast<std::int32_t>(c.levels.size()))
                return "code range";
    }
    return {};
}

// Reads `text` and prepares a data set from it; any exception but DataError fails the test.
// Returns the DataError's message (empty if none).
QString readAndPrepare(std::string_view text) {
    try {
        const CsvTable table = readCsvText(text, "m.csv");
        const QString broken = brokenInvariant(table);
        if (!broken.isEmpty()) return "invariant: " + broken;
        prepareDataset(table, {});
    } catch (const DataError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

}  // namespace

class tst_BadInputReader : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void corpus_data();
    void corpus();
    void mutatedCorpusNeverCrashes();
    void fileChangingWhileRead();
    void quotedFieldThatNeverEnds();
    void tolerantReadings();

private:
    QTemporaryDir m_dir;
};

void tst_BadInputReader::initTestCase() { QVERIFY(m_dir.isValid()); }

void tst_BadInputReader::corpus_data() {
    QTest::addColumn<CorpusCase>("corpusCase");
    QString error;
    const QList<CorpusCase> committed = committedCsvCases(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const CorpusCase& c : committed + generatedCsvCases(m_dir))
        if (!c.unreadable) QTest::newRow(qPrintable(c.name)) << c;
}

void tst_BadInputReader::corpus() {
    QFETCH(CorpusCase, corpusCase);
    QVERIFY2(!corpusCase.path.isEmpty(), "the generated file could not be made");
    CsvTable table;
    try {
        table = readCsvFile(corpusCase.path.toStdString());
    } catch (const DataError& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(!corpusCase.readerAccepts, qPrintable("refused: " + message));
        QVERIFY2(message.contains(corpusCase.message), qPrintable(message));
        const QString problem = judgeMessage(message, corpusCase.name);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        return;
    }
    QVERIFY2(corpusCase.readerAccepts, "the reader accepted a file it should refuse");
    QCOMPARE(brokenInvariant(table), QString());
    try {
        const Dataset data = prepareDataset(table, {});
        QVERIFY2(corpusCase.trainExit == 0, "the data set was accepted");
        for (const std::string& warning : data.warnings) {
            QVERIFY2(warning.size() <= 400, "a long warning");
            QVERIFY2(warning.find('\n') == std::string::npos, warning.c_str());
        }
    } catch (const DataError& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(corpusCase.trainExit == 1, qPrintable("refused: " + message));
        QVERIFY2(message.contains(corpusCase.message), qPrintable(message));
        const QString problem = judgeMessage(message, corpusCase.name);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

// Seeded mutations of every committed corpus file (bytes flipped, CSV syntax inserted, cut,
// spliced): thousands of odd files, none of which may crash or throw anything but a DataError.
void tst_BadInputReader::mutatedCorpusNeverCrashes() {
    QString error;
    const QList<CorpusCase> cases = committedCsvCases(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    std::mt19937 random(20240601);
    const std::string syntax[] = {"\"",
                                  "\"\"",
                                  ",",
                                  ";",
                                  "\t",
                                  "\n",
                                  "\r",
                                  "\r\n",
                                  std::string(1, '\0'),
                                  "inf",
                                  "1e400",
                                  "NA",
                                  "\xEF\xBB\xBF",
                                  "\xFF\xFE",
                                  "sep=,\n",
                                  "\xC3"};
    int runs = 0, errors = 0;
    for (const CorpusCase& c : cases) {
        QFile file(c.path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const std::string original(bytes.constData(), static_cast<std::size_t>(bytes.size()));
        for (int i = 0; i < 300; ++i) {
            std::string text = original;
            const int edits = 1 + static_cast<int>(random() % 4);
            for (int e = 0; e < edits; ++e) {
                const std::size_t at = text.empty() ? 0 : random() % (text.size() + 1);
                switch (random() % 5) {
                    case 0:
                        if (!text.empty() && at < text.size())
                            text[at] = static_cast<char>(random());
                        break;
                    case 1:
                        text.insert(at, syntax[random() % std::size(syntax)]);
                        break;
                    case 2:
                        text.resize(at);
                        break;
                    case 3:
                        text.erase(at, random() % 16);
                        break;
                    default:
                        text.insert(at, text.substr(random() % (text.size() + 1), random() % 64));
                }
            }
            const QString message = readAndPrepare(text);
            ++runs;
            if (message.isEmpty()) continue;
            ++errors;
            QVERIFY2(!message.startsWith("invariant"), qPrintable(message));
            const QString problem = judgeMessage(message, "m.csv");
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
    }
    qInfo("%d mutated files, %d refused with a DataError", runs, errors);
}

// A writer appends, truncates and rewrites the file while it is read. Each read must end as a
// clean table or a DataError; never a crash, a hang or a table whose columns disagree.
void tst_BadInputReader::fileChangingWhileRead() {
    const std::string path = m_dir.filePath("changing.csv").toStdString();
    std::string rows;
    for (int i = 0; i < 50'000; ++i)
        rows +=
            std::to_string(i) + ".5," + std::to_string(i % 7) + "," + std::to_string(i % 2) + "\n";
    const std::string start = "a,b,y\n" + rows;
    {
        QFile file(QString::fromStdString(path));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(start.data(), static_cast<qint64>(start.size()));
    }
    std::atomic<bool> done{false};
    std::atomic<int> writes{0};
    std::thread writer([&] {
        std::mt19937 random(99);
        const std::string ragged = "1,2\n3\n\"open quote,4,5\n";
        while (!done.load()) {
            const int fd = ::open(path.c_str(), O_WRONLY);
            if (fd < 0) continue;
            switch (random() % 4) {
                case 0:  // append rows, up to 16 MiB
                    if (::lseek(fd, 0, SEEK_END) < (16 << 20) &&
                        ::write(fd, rows.data(), 65'536) < 0)
                        break;
                    break;
                case 1:  // cut anywhere, even mid-row
                    if (::ftruncate(fd, static_cast<off_t>(random() % start.size())) != 0) break;
                    break;
                case 2:  // overwrite the middle with broken rows
                    if (::pwrite(fd, ragged.data(), ragged.size(),
                                 static_cast<off_t>(random() % start.size())) < 0)
                        break;
                    break;
                default:  // start over
                    if (::ftruncate(fd, 0) != 0 || ::write(fd, start.data(), start.size()) < 0)
                        break;
            }
            ::close(fd);
            ++writes;
            std::this_thread::yield();
        }
    });
    // At least 60 reads and 200 changes; waiting for the writer's changes at most 20 s.
    int parsed = 0, refused = 0;
    const QDeadlineTimer limit(20'000);
    for (int i = 0; (i < 60 || writes.load() < 200) && !limit.hasExpired(); ++i) {
        try {
            const CsvTable table = readCsvFile(path);
            QCOMPARE(brokenInvariant(table), QString());
            ++parsed;
        } catch (const DataError& e) {
            const QString problem = judgeMessage(QString::fromUtf8(e.what()), "changing.csv");
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            ++refused;
        }
    }
    done = true;
    writer.join();
    qInfo("%d reads parsed, %d refused, %d writes while reading", parsed, refused, writes.load());
    QVERIFY2(writes.load() >= 200, "the writer hardly ran: the test did not test much");
}

// A quote that is never closed in a big file: a clear error at the 64 MiB cap, not all memory.
void tst_BadInputReader::quotedFieldThatNeverEnds() {
    std::string text = "a,b\n1,\"";
    text.append((std::size_t{64} << 20) + 1024, 'x');
    try {
        readCsvText(text, "big.csv");
        QFAIL("expected a DataError");
    } catch (const DataError& e) {
        QCOMPARE(QString::fromUtf8(e.what()),
                 QString("big.csv: line 2, column 2: quoted field longer than 64 MiB (is a closing "
                         "quote missing?)"));
    }
}

// The documented tolerant readings (docs/reliability.md), value by value.
void tst_BadInputReader::tolerantReadings() {
    const auto names = [](const CsvTable& table) {
        QStringList out;
        for (const CsvColumn& c : table.columns) out << QString::fromStdString(c.name);
        return out;
    };
    // Repeated header names are made unique, like pandas and R do; a file reads the same every
    // time, so `predict` finds what `train` saw.
    CsvTable t = readCsvText("a,a,b,a,a.1\n1,2,3,4,5\n", "d.csv");
    QCOMPARE(names(t), (QStringList{"a", "a.1", "b", "a.2", "a.1.1"}));
    t = readCsvText("column_2,,x\n1,2,3\n", "d.csv");
    QCOMPARE(names(t), (QStringList{"column_2", "column_2.1", "x"}));

    // Excel's "sep=" line names the delimiter and is not a record; lines still count from 1.
    t = readCsvText("sep=;\r\na;b\r\n1,5;2\r\n", "s.csv");
    QCOMPARE(t.delimiter, ';');
    QCOMPARE(names(t), (QStringList{"a", "b"}));
    QCOMPARE(t.rowLine, std::vector<std::size_t>{3});
    try {
        readCsvText("sep=,\na,b\n1\n", "s.csv");
        QFAIL("expected a DataError");
    } catch (const DataError& e) {
        QCOMPARE(QString::fromUtf8(e.what()), QString("s.csv: line 3: 1 field, header has 2"));
    }

    // Numbers too small for a double read as 0; too large ones are not numbers.
    t = readCsvText("x\n1e-400\n-1e-999\n0.5\n", "u.csv");
    QVERIFY(t.columns[0].numeric);
    QCOMPARE(t.columns[0].numbers, (std::vector<double>{0.0, -0.0, 0.5}));
    t = readCsvText("x\n1e400\n", "u.csv");
    QVERIFY(!t.columns[0].numeric);

    // Text that is not UTF-8 is Windows-1252: the same level whichever way it was written.
    t = readCsvText("caf\xE9,\x80\nx,1\ncaf\xC3\xA9,2\ncaf\xE9,3\n", "w.csv", {});
    QCOMPARE(names(t),
             (QStringList{QString::fromUtf8("caf\xC3\xA9"), QString::fromUtf8("\xE2\x82\xAC")}));
    t = readCsvText("name,v\ncaf\xE9,1\ncaf\xC3\xA9,2\nx,3\n", "w.csv");
    QCOMPARE(t.columns[0].levels, (std::vector<std::string>{"caf\xC3\xA9", "x"}));
    QCOMPARE(t.columns[0].codes, (std::vector<std::int32_t>{0, 0, 1}));

    // A UTF-16 file is named as such instead of failing on its first NUL byte.
    try {
        readCsvText(std::string_view("\xFF\xFE"
                                     "a\0,\0b\0",
                                     8),
                    "x.csv");
        QFAIL("expected a DataError");
    } catch (const DataError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).startsWith("x.csv: the file is UTF-16 text"),
                 e.what());
    }

    // Progress never passes 100%, even for a file that grows while it is read.
    CsvOptions options;
    bool over = false;
    options.progress = [&](std::uint64_t done, std::uint64_t total) {
        over = over || done > total;
    };
    readCsvText("a\n1\n", "p.csv", options);
    QVERIFY(!over);
}

QTEST_GUILESS_MAIN(tst_BadInputReader)
#include "tst_bad_input_reader.moc"
