#pragma once
// The bad-input corpus shared by the reliability tests: the files in tests/data/bad/ with the
// outcomes that tests/data/bad/expected.tsv promises for them, plus the cases that are better made
// at test time (huge, binary, a directory, an unreadable file) with their outcomes here.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace bps::test {

struct CorpusCase {
    QString name;                // the file name (also the test row's name)
    QString path;                // where it is
    bool readerAccepts = false;  // readCsvFile parses it (the GUI then loads it)
    int trainExit = 1;           // the exit code of `backprop-studio train FILE`
    QString message;  // a substring of train's error line (exit 1) or of its warnings (exit 0)
    QString reading;  // what happens, in words (the manifest's last column)
    bool unreadable = false;  // made unreadable by permissions (see tst_bad_input_cli)
};

inline QString corpusDir() { return QStringLiteral(BPS_BAD_CORPUS); }

// Parses a manifest: tab-separated, '#' starts a comment line, the first row names the columns.
// CSV manifest columns: file, reader (ok|error), exit, message ('-': none), reading.
inline QList<QStringList> readManifest(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = path + ": " + file.errorString();
        return {};
    }
    QList<QStringList> rows;
    bool header = true;
    for (const QByteArray& raw : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.trimmed().isEmpty() || line.startsWith('#')) continue;
        if (header) {
            header = false;
            continue;
        }
        rows.append(line.split('\t'));
    }
    return rows;
}

inline QList<CorpusCase> committedCsvCases(QString* error) {
    QList<CorpusCase> cases;
    for (const QStringList& f : readManifest(corpusDir() + "/expected.tsv", error)) {
        if (f.size() != 5) {
            *error = "expected.tsv: a row without 5 columns: " + f.join(" | ");
            return {};
        }
        CorpusCase c;
        c.name = f[0];
        c.path = corpusDir() + "/" + f[0];
        c.readerAccepts = f[1] == "ok";
        c.trainExit = f[2].toInt();
        c.message = f[3] == "-" ? QString() : f[3];
        c.reading = f[4];
        cases.append(c);
    }
    return cases;
}

inline bool writeBytes(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Files that would bloat the repository or cannot be committed, made in `dir`.
inline QList<CorpusCase> generatedCsvCases(const QTemporaryDir& dir) {
    QList<CorpusCase> cases;
    const auto add = [&](const QString& name, const QByteArray& bytes, bool readerAccepts, int exit,
                         const QString& message, const QString& reading) {
        CorpusCase c{name, dir.filePath(name), readerAccepts, exit, message, reading};
        if (!bytes.isNull() && !writeBytes(c.path, bytes)) c.path.clear();
        cases.append(c);
    };

    // Thousands of columns: 3,000 numeric features and a binary target.
    QByteArray wide;
    for (int c = 0; c < 3000; ++c) wide += "f" + QByteArray::number(c) + ",";
    wide += "y\n";
    for (int r = 0; r < 12; ++r) {
        for (int c = 0; c < 3000; ++c) wide += QByteArray::number((r * 7 + c) % 13) + ",";
        wide += QByteArray::number(r % 2) + "\n";
    }
    add("generated_3000_columns.csv", wide, true, 0, {}, "trains on 3,000 features");

    // A 100,000-character field and a 100,000-character header name: messages stay short.
    QByteArray longField = "a,b," + QByteArray(100'000, 'h') + ",y\n";
    for (int r = 0; r < 8; ++r)
        longField += QByteArray::number(r) + "," + QByteArray::number(r % 3) + "," +
                     (r == 3 ? QByteArray(100'000, 'x') : QByteArray("t")) + "," +
                     QByteArray::number(r % 2) + "\n";
    add("generated_100k_field.csv", longField, true, 0, {},
        "the text column (2 levels) is a categorical feature; the inputs table shortens names");

    // A target with 10,000 distinct strings.
    QByteArray distinct = "a,b,y\n";
    for (int r = 0; r < 10'000; ++r)
        distinct += QByteArray::number(r) + "," + QByteArray::number(r % 7) + ",s" +
                    QByteArray::number(r) + "\n";
    add("generated_10000_classes.csv", distinct, true, 1, "more than 50 distinct values",
        "error: too many distinct values for classes");

    // Random bytes (seeded): a binary file.
    QByteArray binary(64 * 1024, Qt::Uninitialized);
    QRandomGenerator random(7);
    for (char& b : binary) b = static_cast<char>(random.bounded(256));
    add("generated_random_bytes.bin", binary, false, 1, "unexpected",
        "error: the first byte that cannot be CSV, with line and column");

    // A directory with a CSV name.
    const bool madeDirectory = QDir(dir.path()).mkdir("generated_directory.csv");
    add("generated_directory.csv", QByteArray(), false, 1, "cannot open: Is a directory",
        "error: cannot open");
    if (!madeDirectory) cases.back().path.clear();

    // No read permission (tst_bad_input_cli makes it unreadable for the process it starts).
    add("generated_unreadable.csv", "a,b,y\n1,2,0\n2,1,1\n", false, 1,
        "cannot open: Permission denied", "error: cannot open");
    cases.back().unreadable = true;
    return cases;
}

// Model files: tests/data/bad/models/expected.tsv has file, exit, message, reading.
inline QList<CorpusCase> committedModelCases(QString* error) {
    QList<CorpusCase> cases;
    const QString dir = corpusDir() + "/models";
    for (const QStringList& f : readManifest(dir + "/expected.tsv", error)) {
        if (f.size() != 4) {
            *error = "models/expected.tsv: a row without 4 columns: " + f.join(" | ");
            return {};
        }
        CorpusCase c;
        c.name = f[0];
        c.path = dir + "/" + f[0];
        c.trainExit = f[1].toInt();
        c.message = f[2] == "-" ? QString() : f[2];
        c.reading = f[3];
        cases.append(c);
    }
    return cases;
}

inline QList<CorpusCase> generatedModelCases(const QTemporaryDir& dir) {
    QList<CorpusCase> cases;
    // 100,000 nested arrays where the version belongs: deep recursion in a parser or printer
    // would overflow the stack.
    const QByteArray deep = R"({"format":"backprop-studio-model","version":)" +
                            QByteArray(100'000, '[') + QByteArray(100'000, ']') + "}";
    CorpusCase c{
        "generated_deep_nesting.json", dir.filePath("generated_deep_nesting.json"), false, 1,
        "unsupported model version",   "error: names the version, shortened"};
    if (!writeBytes(c.path, deep)) c.path.clear();
    cases.append(c);
    if (QDir(dir.path()).mkdir("generated_model_directory.json"))
        cases.append({"generated_model_directory.json",
                      dir.filePath("generated_model_directory.json"), false, 1,
                      "cannot open: Is a directory", "error: cannot open"});
    return cases;
}

}  // namespace bps::test
