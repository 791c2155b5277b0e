// `backprop-studio importance` (issue #17), run as a user runs it: which rows it uses (the
// model's validation rows on its training file, all rows with a warning on another file), the
// table and the files it writes, partial dependence (of a multiclass model: of the class
// --class names), and its usage errors (exit code 2).

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>
#include <vector>

class tst_CliImportance : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void trainingFileUsesItsValidationRows();
    void otherFileUsesAllRowsAndWarns();
    void partialDependenceFile();
    void partialDependenceOfAClass();
    void usageErrors_data();
    void usageErrors();

private:
    struct Result {
        int exitCode;
        QString out, err;
    };
    Result run(const QStringList& args);
    QJsonObject readJson(const QString& path);
    QTemporaryDir m_dir;
    const QString m_cars = BPS_TEST_DATA "/cars.csv";
    QString m_model;
};

tst_CliImportance::Result tst_CliImportance::run(const QStringList& args) {
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

QJsonObject tst_CliImportance::readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// A regression model on cars with a categorical column (Origin) and a date (Year, expanded
// into parts, which importance shuffles as the one column it is). The split is given: the
// expectations below count the rows of a 0.2 split (the adapted default for 406 rows is 0.1).
void tst_CliImportance::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_model = m_dir.filePath("cars.json");
    const Result r =
        run({"train", m_cars, "--target", "Miles_per_Gallon", "--expand-dates", "--epochs", "60",
             "--val-fraction", "0.2", "--quiet", "--model-out", m_model});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
}

void tst_CliImportance::trainingFileUsesItsValidationRows() {
    const QString out = m_dir.filePath("imp.json");
    const Result r = run({"importance", m_model, m_cars, "--out", out, "--seed", "4"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("the validation rows of the model's split (seed 1, fraction 0.2)"),
             qPrintable(r.out));
    QVERIFY2(r.out.contains("R2 as they are"), qPrintable(r.out));
    const QJsonObject j = readJson(out);
    QCOMPARE(j["score"].toString(), QString("r2"));
    // 406 cars, 8 without a Miles_per_Gallon: 398 usable, a fifth (79.6) rounded held out.
    QCOMPARE(j["rows"].toInt(), 80);
    const QJsonArray columns = j["columns"].toArray();
    QStringList names;
    for (const auto& c : columns) names << c.toObject()["column"].toString();
    names.sort();
    QCOMPARE(names, (QStringList{"Acceleration", "Cylinders", "Displacement", "Horsepower",
                                 "Origin", "Weight_in_lbs", "Year"}));
    // Sorted by the mean drop, each with its 5 repeats.
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const QJsonObject c = columns[i].toObject();
        QCOMPARE(c["drops"].toArray().size(), 5);
        if (i > 0) QVERIFY(columns[i - 1].toObject()["mean"].toDouble() >= c["mean"].toDouble());
    }
    // The same seed, the same numbers, in CSV too.
    const QString csv = m_dir.filePath("imp.csv");
    const Result again =
        run({"importance", m_model, m_cars, "--out", csv, "--seed", "4", "--rows", "validation"});
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QCOMPARE(again.out, r.out);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines[0], QString("column,mean_drop,sd,drop_1,drop_2,drop_3,drop_4,drop_5"));
    QCOMPARE(lines.size(), 8);
    const QStringList first = lines[1].split(',');
    QCOMPARE(first[0], columns[0].toObject()["column"].toString());
    QCOMPARE(first[1].toDouble(), columns[0].toObject()["mean"].toDouble());
    // All rows of the training file: said to include the training rows.
    const Result all = run({"importance", m_model, m_cars, "--rows", "all", "--quiet"});
    QCOMPARE(all.exitCode, 0);
    QVERIFY2(all.out.contains("on 398 rows, all rows"), qPrintable(all.out));
    QVERIFY2(all.err.contains("is the model's training file"), qPrintable(all.err));
}

void tst_CliImportance::otherFileUsesAllRowsAndWarns() {
    QFile in(m_cars);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = in.readAll().split('\n');
    QFile part(m_dir.filePath("part.csv"));
    QVERIFY(part.open(QIODevice::WriteOnly));
    for (int i = 0; i <= 120; ++i) part.write(lines[i] + "\n");
    part.close();
    const Result r = run({"importance", m_model, part.fileName(), "--quiet"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("all rows"), qPrintable(r.out));
    // Warnings survive --quiet.
    QVERIFY2(r.err.contains("these should be rows the model was not trained on"),
             qPrintable(r.err));
    const Result v = run({"importance", m_model, part.fileName(), "--rows", "validation"});
    QCOMPARE(v.exitCode, 1);
    QVERIFY2(v.err.contains("is not the file the model was trained on"), qPrintable(v.err));
    // A file too small for the model's split (one row: none to validate on) is no training
    // file either: all its rows.
    QFile tiny(m_dir.filePath("tiny.csv"));
    QVERIFY(tiny.open(QIODevice::WriteOnly));
    for (int i = 0; i <= 1; ++i) tiny.write(lines[i] + "\n");
    tiny.close();
    const Result t = run({"importance", m_model, tiny.fileName(), "--quiet"});
    QVERIFY2(t.exitCode == 0, qPrintable(t.err));
    QVERIFY2(t.out.contains("on 1 row, all rows"), qPrintable(t.out));
}

void tst_CliImportance::partialDependenceFile() {
    const QString out = m_dir.filePath("pdp.csv");
    const Result r =
        run({"importance", m_model, m_cars, "--pdp", "Origin", "--pdp-out", out, "--repeats", "1"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(
        r.out.contains("Partial dependence of Miles_per_Gallon on 'Origin' (mean over 80 rows)"),
        qPrintable(r.out));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);  // the header, one line per level
    const QStringList header = lines[0].split(',');
    QCOMPARE(header.size(), 2 + 80);
    QCOMPARE(header[0], QString("Origin"));
    QVERIFY(header[2].startsWith("line_"));
    QStringList levels;
    for (int i = 1; i < 4; ++i) {
        const QStringList cells = lines[i].split(',');
        levels << cells[0];
        double sum = 0;
        for (qsizetype k = 2; k < cells.size(); ++k) sum += cells[k].toDouble();
        QVERIFY(qAbs(sum / 80 - cells[1].toDouble()) < 1e-9 * (1 + qAbs(cells[1].toDouble())));
    }
    QCOMPARE(levels, (QStringList{"Europe", "Japan", "USA"}));
}

// A multiclass model (cars' last column, Origin): --class picks the class whose probability
// the curve is, so the three classes' curves sum to 1 at every grid point; without it the
// curve is of the second class, as before the option.
void tst_CliImportance::partialDependenceOfAClass() {
    const QString model = m_dir.filePath("origin.json");
    const Result trained = run({"train", m_cars, "--epochs", "30", "--val-fraction", "0.2",
                                "--quiet", "--model-out", model});
    QVERIFY2(trained.exitCode == 0, qPrintable(trained.err));
    std::vector<std::vector<double>> means;
    for (const QString name : {"Europe", "Japan", "USA"}) {
        const QString out = m_dir.filePath("pdp-" + name + ".csv");
        const Result r = run({"importance", model, m_cars, "--pdp", "Weight_in_lbs", "--class",
                              name, "--pdp-out", out, "--repeats", "1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("Partial dependence of P(" + name + ") on 'Weight_in_lbs'"),
                 qPrintable(r.out));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        QVERIFY(lines.size() > 10);
        means.emplace_back();
        for (qsizetype i = 1; i < lines.size(); ++i)
            means.back().push_back(lines[i].split(',')[1].toDouble());
    }
    QCOMPARE(means[1].size(), means[0].size());
    QCOMPARE(means[2].size(), means[0].size());
    QVERIFY(means[0] != means[2]);
    for (std::size_t j = 0; j < means[0].size(); ++j) {
        const double sum = means[0][j] + means[1][j] + means[2][j];
        QVERIFY2(qAbs(sum - 1) < 1e-9, qPrintable(QString::number(sum, 'g', 17)));
    }
    const Result plain =
        run({"importance", model, m_cars, "--pdp", "Weight_in_lbs", "--repeats", "1"});
    QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
    QVERIFY2(plain.out.contains("Partial dependence of P(Japan) on 'Weight_in_lbs'"),
             qPrintable(plain.out));
    const Result unknown = run({"importance", model, m_cars, "--pdp", "Weight_in_lbs", "--class",
                                "Mars", "--repeats", "1"});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains("option '--class': no class 'Mars' to show (the model's "
                                  "classes are Europe, Japan, USA)"),
             qPrintable(unknown.err));
}

void tst_CliImportance::usageErrors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    QTest::newRow("repeats 0") << QStringList{"--repeats", "0"}
                               << "option '--repeats' must be between 1 and 1000";
    QTest::newRow("score for another task")
        << QStringList{"--score", "auc"} << "option '--score auc' does not fit a regression model";
    QTest::newRow("unknown score") << QStringList{"--score", "gini"}
                                   << "option '--score' must be one of auc, accuracy, f1, r2, "
                                      "rmse, loss, got 'gini'";
    QTest::newRow("rows") << QStringList{"--rows", "some"}
                          << "option '--rows' must be one of validation, all, got 'some'";
    QTest::newRow("out extension")
        << QStringList{"--out", "imp.txt"} << "option '--out' must name a .csv or .json file";
    QTest::newRow("pdp-out alone")
        << QStringList{"--pdp-out", "pdp.csv"} << "option '--pdp-out' needs --pdp COLUMN";
    QTest::newRow("class alone") << QStringList{"--class", "USA"}
                                 << "option '--class' needs --pdp COLUMN";
    QTest::newRow("class of a regression")
        << QStringList{"--pdp", "Origin", "--class", "USA"}
        << "option '--class': a regression model's partial dependence is of its value";
    QTest::newRow("pdp column") << QStringList{"--pdp", "Colour"}
                                << "option '--pdp': the model has no input column 'Colour'";
    QTest::newRow("out is the input")
        << QStringList{"--out", BPS_TEST_DATA "/cars.csv"} << "the CSV file";
}

void tst_CliImportance::usageErrors() {
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    const Result r = run(QStringList{"importance", m_model, m_cars} + args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(error), qPrintable(r.err));
    const Result missing = run({"importance", m_model});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains("expected MODEL.json and FILE.csv"));
}

QTEST_GUILESS_MAIN(tst_CliImportance)
#include "tst_cli_importance.moc"
