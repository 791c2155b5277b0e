// The diagnosis rules about the input columns (issue #13): an identifier used as a feature and
// a one-hot column with too many levels, each on either side of its thresholds on hand-built
// runs, the per-column summary they read, and both found end to end by the Trainer.

#include <QtTest>
#include <algorithm>

#include "core/data/dataset.h"
#include "core/training/trainer.h"
#include "tests/common/hand_built_run.h"

using namespace bps;
using test::codes;
using test::HandBuiltRun;
using test::kThreshold;

class tst_InputRules : public QObject {
    Q_OBJECT
private slots:
    void identifierLeakAtItsThreshold_data();
    void identifierLeakAtItsThreshold();
    void manyLevelsAtItsThreshold_data();
    void manyLevelsAtItsThreshold();
    void inputSummaryCountsMergedLevels();
    void trainerFindsAnIdentifierAndManyLevels();
    void trainerFindsARowNumberFeature();
};

namespace {
// A run on `rows` encoded rows whose one input column is categorical with these counts.
HandBuiltRun categoricalRun(std::size_t rows, std::size_t inputs, std::size_t distinct,
                            std::size_t networkInputs) {
    HandBuiltRun run;
    run.context.encodedRows = rows;
    run.context.inputCount = networkInputs;
    run.context.inputColumns = {{"x", ColumnKind::Numeric, 1, 0},
                                {"c", ColumnKind::Categorical, inputs, distinct}};
    return run;
}
}  // namespace

// At least identifierLevelFraction of the rows as distinct levels (and identifierMinLevels of
// them): an identifier. Merged levels count: --min-level-count hides no identifier.
void tst_InputRules::identifierLeakAtItsThreshold_data() {
    QTest::addColumn<std::size_t>("rows");
    QTest::addColumn<std::size_t>("distinct");
    QTest::addColumn<bool>("found");
    const auto atFraction = std::size_t(kThreshold.identifierLevelFraction * 1000);
    QTest::newRow("at the fraction") << std::size_t(1000) << atFraction << true;
    QTest::newRow("short of it") << std::size_t(1000) << atFraction - 1 << false;
    const std::size_t fewest = kThreshold.identifierMinLevels;
    QTest::newRow("every row distinct, fewest levels") << fewest << fewest << true;
    QTest::newRow("every row distinct, too few levels") << fewest - 1 << fewest - 1 << false;
}

void tst_InputRules::identifierLeakAtItsThreshold() {
    QFETCH(std::size_t, rows);
    QFETCH(std::size_t, distinct);
    QFETCH(bool, found);
    // All but one level merged into `other`: two inputs.
    const HandBuiltRun run = categoricalRun(rows, 2, distinct, 3);
    const std::optional<Finding> f = run.apply(rules::identifierLeak);
    QCOMPARE(f.has_value(), found);
    QCOMPARE(run.apply(rules::manyLevels).has_value(), false);
    QVERIFY(!f || f->code == FindingCode::IdentifierLeak);
    QVERIFY(!f || f->message.find("'c' has " + std::to_string(distinct) + " distinct values") !=
                      std::string::npos);
    QVERIFY(!f || f->message.find("merged into `other`, so its 2 input(s)") != std::string::npos);
    QVERIFY(!f || f->suggestion ==
                      "Leave 'c' out: mark it Ignored in the Data tab, or drop it "
                      "from --features.");
}

// More than manyLevels one-hot inputs; or at least manyLevelsMinInputs of them, half the
// network's inputs, on fewer than manyLevelsRowsPerLevel rows per level.
void tst_InputRules::manyLevelsAtItsThreshold_data() {
    QTest::addColumn<std::size_t>("rows");
    QTest::addColumn<std::size_t>("inputs");
    QTest::addColumn<std::size_t>("networkInputs");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QString>("suggested");  // the --min-level-count in the suggestion
    const std::size_t many = kThreshold.manyLevels;
    // 100,000 rows: 1000 per level, so only the level count speaks.
    QTest::newRow("more than many")
        << std::size_t(100000) << many + 1 << many + 2 << true << "1000";
    QTest::newRow("exactly many") << std::size_t(100000) << many << many + 1 << false << "";
    const std::size_t few = kThreshold.manyLevelsMinInputs;
    const auto rowsPerLevel = std::size_t(kThreshold.manyLevelsRowsPerLevel);
    QTest::newRow("most inputs, thin rows")
        << few * rowsPerLevel - 1 << few << 2 * few << true << "10";
    QTest::newRow("most inputs, enough rows")
        << few * rowsPerLevel << few << 2 * few << false << "";
    QTest::newRow("thin rows, not most inputs")
        << few * rowsPerLevel - 1 << few << 2 * few + 1 << false << "";
    QTest::newRow("thin rows, too few levels")
        << few * rowsPerLevel - 1 << few - 1 << few << false << "";
}

void tst_InputRules::manyLevelsAtItsThreshold() {
    QFETCH(std::size_t, rows);
    QFETCH(std::size_t, inputs);
    QFETCH(std::size_t, networkInputs);
    QFETCH(bool, found);
    QFETCH(QString, suggested);
    // Few distinct levels per row: no identifier.
    const HandBuiltRun run = categoricalRun(rows, inputs, inputs, networkInputs);
    const std::optional<Finding> f = run.apply(rules::manyLevels);
    QCOMPARE(f.has_value(), found);
    QVERIFY(!f || f->code == FindingCode::ManyLevels);
    QVERIFY(!f || f->message.find("'c' is one-hot encoded into " + std::to_string(inputs) +
                                  " levels") != std::string::npos);
    const std::string expected = "Merge rare levels into `other` (--min-level-count " +
                                 suggested.toStdString() + ", or the Data tab).";
    QVERIFY2(!f || f->suggestion == expected, f ? f->suggestion.c_str() : "");
}

void tst_InputRules::inputSummaryCountsMergedLevels() {
    TableEncoding encoding;
    ColumnEncoding c;
    c.name = "c";
    c.kind = ColumnKind::Categorical;
    c.levels = {"a", "b", "other", "missing"};
    c.otherLevel = 2;
    c.missingLevel = 3;
    c.mergedLevels = {"d", "e", "f"};
    ColumnEncoding x;
    x.name = "x";
    encoding.columns = {x, c};
    const std::vector<InputColumnSummary> s = summarizeInputColumns(encoding);
    QCOMPARE(s.size(), std::size_t(2));
    QCOMPARE(s[0].distinctLevels, std::size_t(0));
    QCOMPARE(s[1].inputs, std::size_t(4));
    QCOMPARE(s[1].distinctLevels, std::size_t(5));  // a, b and the three merged
}

// End to end: a row-number ID forced in as a categorical feature, and a 150-level column on
// 10 rows per level kept whole (--min-level-count 1), found by the Trainer's diagnosis.
void tst_InputRules::trainerFindsAnIdentifierAndManyLevels() {
    std::string csv = "id,x,shop,y\n";
    for (int r = 0; r < 1500; ++r)
        csv += std::to_string(r) + "," + std::to_string(r % 13) + ",s" + std::to_string(r % 150) +
               "," + std::to_string(0.5 * (r % 13) + (r % 150) % 7) + "\n";
    DataSelection s;
    s.target = "y";
    s.features = {"id", "x", "shop"};
    s.kinds["id"] = ColumnKind::Categorical;
    s.kinds["shop"] = ColumnKind::Categorical;
    s.encoding.minLevelCount = 1;
    const Dataset data = prepareDataset(readCsvText(csv), s);
    TrainingConfig config;
    config.epochs = 1;
    config.hidden = {4};
    config.seed = 3;
    Trainer trainer(data, config);
    trainer.run();
    const std::vector<Finding> findings = trainer.diagnose();
    const auto find = [&](FindingCode code) {
        return std::find_if(findings.begin(), findings.end(),
                            [&](const Finding& f) { return f.code == code; });
    };
    const auto leak = find(FindingCode::IdentifierLeak);
    QVERIFY2(leak != findings.end(), qPrintable(codes(findings)));
    QVERIFY2(leak->message.find("Column 'id' has ") == 0, leak->message.c_str());
    QVERIFY2(leak->message.find("memorise the training rows") != std::string::npos,
             leak->message.c_str());
    const auto levels = find(FindingCode::ManyLevels);
    QVERIFY2(levels != findings.end(), qPrintable(codes(findings)));
    QVERIFY2(levels->message.find("Column 'shop' is one-hot encoded into 150 levels") == 0,
             levels->message.c_str());
}

// A numeric row number named in --features (the kinds call it an identifier) is one too.
void tst_InputRules::trainerFindsARowNumberFeature() {
    std::string csv = "obs,x,y\n";
    for (int r = 1; r <= 200; ++r)
        csv += std::to_string(r) + "," + std::to_string(r % 11) + "," +
               std::to_string(0.3 * (r % 11)) + "\n";
    DataSelection s;
    s.target = "y";
    s.features = {"obs", "x"};
    const Dataset data = prepareDataset(readCsvText(csv), s);
    TrainingConfig config;
    config.epochs = 1;
    config.hidden = {4};
    Trainer trainer(data, config);
    trainer.run();
    const std::vector<Finding> findings = trainer.diagnose();
    const auto leak = std::find_if(findings.begin(), findings.end(), [](const Finding& f) {
        return f.code == FindingCode::IdentifierLeak;
    });
    QVERIFY2(leak != findings.end(), qPrintable(codes(findings)));
    QVERIFY2(leak->message.find("Column 'obs' counts the rows") == 0, leak->message.c_str());
    // Without it, x is no identifier.
    s.features = {"x"};
    Trainer without(prepareDataset(readCsvText(csv), s), config);
    without.run();
    const std::vector<Finding> rest = without.diagnose();
    QVERIFY2(std::none_of(rest.begin(), rest.end(),
                          [](const Finding& f) { return f.code == FindingCode::IdentifierLeak; }),
             qPrintable(codes(rest)));
}

QTEST_APPLESS_MAIN(tst_InputRules)
#include "tst_input_rules.moc"
