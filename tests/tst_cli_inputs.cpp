// The command line on tables with text, missing cells and dates (issue #13): the data flags and
// their usage errors, the inputs table, warnings under --quiet, predict on raw rows (unknown
// levels, imputed cells, rows a --missing drop model cannot predict) and the v2 model file.

#include <QProcess>
#include <QtTest>

class tst_CliInputs : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void usageErrors_data();
    void usageErrors();
    void trainPrintsTheInputsAndWarnsUnderQuiet();
    void dateColumnWithoutExpandDatesIsAnError();
    void predictWarnsAboutUnknownLevelsAndImputedCells();
    void dropModelMarksUnpredictedRows();

private:
    struct Result {
        int exitCode;
        QString out, err;
    };
    Result run(const QStringList& args);
    QString write(const QString& name, const QByteArray& text);
    QTemporaryDir m_dir;
    const QString m_cars = BPS_TEST_DATA "/cars.csv";
};

tst_CliInputs::Result tst_CliInputs::run(const QStringList& args) {
    QProcess p;
    p.start(BPS_CLI, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        return {-1, {}, "timed out"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString tst_CliInputs::write(const QString& name, const QByteArray& text) {
    QFile f(m_dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(text);
    return f.fileName();
}

void tst_CliInputs::initTestCase() { QVERIFY(m_dir.isValid()); }

void tst_CliInputs::usageErrors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    QTest::newRow("missing policy") << QStringList{"--missing", "guess"}
                                    << "option '--missing' must be one of impute, category, drop, "
                                       "got 'guess'";
    QTest::newRow("min level count 0") << QStringList{"--min-level-count", "0"}
                                       << "option '--min-level-count' must be at least 1, got '0'";
    QTest::newRow("min level count text")
        << QStringList{"--min-level-count", "many"}
        << "option '--min-level-count' expects a whole number, got 'many'";
    QTest::newRow("both kinds") << QStringList{"--categorical", "Cylinders", "--numeric",
                                               "Cylinders"}
                                << "column 'Cylinders' is both --categorical and --numeric";
    QTest::newRow("empty categorical")
        << QStringList{"--categorical="} << "option '--categorical' needs at least one column";
    QTest::newRow("expand-dates takes no value")
        << QStringList{"--expand-dates=yes"} << "option '--expand-dates' takes no value";
}

void tst_CliInputs::usageErrors() {
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    const Result r = run(QStringList{"train", m_cars, "--epochs", "1"} + args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(error), qPrintable(r.err));
}

void tst_CliInputs::trainPrintsTheInputsAndWarnsUnderQuiet() {
    const QString model = m_dir.filePath("cars.json");
    // --val-fraction given: the counts below are of the training rows a 0.2 split leaves (the
    // adapted default for 398 rows is 0.1).
    const Result r =
        run({"train", m_cars, "--target", "Miles_per_Gallon", "--epochs", "3", "--val-fraction",
             "0.2", "--expand-dates", "--categorical", "Cylinders", "--model-out", model});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("Inputs (8 columns -> 14 network inputs; missing cells: impute)"),
             qPrintable(r.out));
    QVERIFY2(r.out.contains(QRegularExpression(
                 "Cylinders +categorical +one-hot, 4 levels \\(2 in other\\) +0 +4\n")),
             qPrintable(r.out));
    QVERIFY(r.out.contains(QRegularExpression(
        "Horsepower +numeric +standardised, median 90.0000 \\+ indicator +6 +2\n")));
    QVERIFY(r.out.contains(QRegularExpression("Year:year +date part +standardised +0 +1\n")));
    QVERIFY(r.err.contains("warning: column 'Name' left out: identifier: 311 of 406 values"));
    // Cylinders 3 and 5 (4 and 3 rows) are rarer than 1% of the 318 training rows.
    QVERIFY2(r.err.contains("warning: column 'Cylinders': 2 levels seen fewer than 4 times in the "
                            "training rows merged into 'other' (first: '3')"),
             qPrintable(r.err));
    QFile f(model);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("\"version\": 2"));
    // --quiet: no inputs table, no progress; the warnings stay.
    const Result quiet =
        run({"train", m_cars, "--target", "Miles_per_Gallon", "--epochs", "3", "--quiet"});
    QCOMPARE(quiet.exitCode, 0);
    QVERIFY(!quiet.out.contains("Inputs ("));
    QVERIFY(quiet.err.contains("warning: column 'Name' left out: identifier"));
    QVERIFY(quiet.err.contains("warning: column 'Year' left out: date/time"));
    QVERIFY(
        quiet.err.contains("warning: dropped 8 rows with missing values (Miles_per_Gallon: 8)"));
    QVERIFY(quiet.err.contains("6 rows with missing feature cells kept (Horsepower: 6)"));
}

void tst_CliInputs::dateColumnWithoutExpandDatesIsAnError() {
    const Result r = run({"train", m_cars, "--target", "Miles_per_Gallon", "--features",
                          "Weight_in_lbs,Year", "--epochs", "1"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("error: cars.csv: feature 'Year' is date/time: ISO 8601 dates, 12 "
                            "distinct in 406 rows: --expand-dates uses its year"),
             qPrintable(r.err));
}

void tst_CliInputs::predictWarnsAboutUnknownLevelsAndImputedCells() {
    const QString model = m_dir.filePath("origin.json");
    // --val-fraction 0.2: the medians below are of the training rows a 0.2 split leaves.
    const Result t =
        run({"train", m_cars, "--target", "Miles_per_Gallon", "--features", "Horsepower,Origin",
             "--epochs", "3", "--val-fraction", "0.2", "--quiet", "--model-out", model});
    QVERIFY2(t.exitCode == 0, qPrintable(t.err));
    const QString rows =
        write("new.csv", "Horsepower,Origin\n100,USA\n,Japan\n90,Mars\n80,Mars\n95,\n");
    const Result p = run({"predict", model, rows});
    QVERIFY2(p.exitCode == 0, qPrintable(p.err));
    QCOMPARE(p.out.count('\n'), 6);  // header + 5 rows
    QVERIFY2(p.err.contains("warning: " + rows +
                            ": column 'Origin': 2 rows have a level the model never saw in "
                            "training: encoded as all zeros"),
             qPrintable(p.err));
    QVERIFY2(p.err.contains("column 'Horsepower': 1 missing cell imputed with 90"),
             qPrintable(p.err));
    QVERIFY2(p.err.contains("column 'Origin': 1 missing cell imputed with 'USA'"),
             qPrintable(p.err));
}

void tst_CliInputs::dropModelMarksUnpredictedRows() {
    const QString model = m_dir.filePath("drop.json");
    const Result t =
        run({"train", m_cars, "--target", "Miles_per_Gallon", "--features", "Horsepower,Origin",
             "--missing", "drop", "--epochs", "3", "--quiet", "--model-out", model});
    QVERIFY2(t.exitCode == 0, qPrintable(t.err));
    QVERIFY(
        t.err.contains("dropped 14 rows with missing values (Horsepower: 6, "
                       "Miles_per_Gallon: 8)"));
    const QString rows = write("drop.csv", "Horsepower,Origin\n100,USA\n,Japan\n90,Europe\n");
    const Result p = run({"predict", model, rows});
    QVERIFY2(p.exitCode == 0, qPrintable(p.err));
    const QStringList lines = p.out.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[2], QString("NA"));
    QVERIFY(lines[1] != "NA" && lines[3] != "NA");
    QVERIFY2(p.err.contains("1 of 3 rows could not be predicted"), qPrintable(p.err));
}

QTEST_GUILESS_MAIN(tst_CliInputs)
#include "tst_cli_inputs.moc"
