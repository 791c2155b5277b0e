// Issue #13's wiring: column kinds and the encoding from a CSV table through prepareDataset,
// TrainingData (the encoding fitted on the training rows only), the trained Model, the model
// file v2, and prediction on raw rows. Data: tests/data/cars.csv and generated tables.

#include <QtTest>
#include <nlohmann/json.hpp>

#include "core/base/errors.h"
#include "core/data/dataset.h"
#include "core/data/split.h"
#include "core/io/model_file.h"
#include "core/training/trainer.h"
#include "core/training/training_data.h"
#include "test_support.h"

using namespace bps;

namespace {

CsvTable cars() { return readCsvFile(BPS_TEST_DATA "/cars.csv"); }

bool hasWarning(const std::vector<std::string>& warnings, const std::string& text) {
    for (const auto& w : warnings)
        if (w.find(text) != std::string::npos) return true;
    return false;
}

std::string allWarnings(const std::vector<std::string>& warnings) {
    std::string out;
    for (const auto& w : warnings) out += w + " | ";
    return out;
}

TrainingConfig quickConfig(int epochs = 150) {
    TrainingConfig c;
    c.epochs = epochs;
    c.hidden = {8};
    c.live.learningRate = 0.01;
    c.live.batchSize = 32;
    c.seed = 7;
    return c;
}

Model trainModel(const Dataset& data, const TrainingConfig& config) {
    Trainer trainer(data, config);
    trainer.run();
    return trainer.model();
}

// A table of `rows` rows: a numeric x, a text column c cycling over `levels`, and y = x + the
// level's index (so the level matters).
std::string generated(int rows, const std::vector<std::string>& levels) {
    std::string csv = "x,c,y\n";
    for (int r = 0; r < rows; ++r) {
        const std::size_t l = static_cast<std::size_t>(r) % levels.size();
        csv += std::to_string(r % 17) + "," + levels[l] + "," +
               std::to_string(1.1 * (r % 17) + 3.0 * static_cast<double>(l) + 0.05) + "\n";
    }
    return csv;
}

}  // namespace

class tst_InputWiring : public QObject {
    Q_OBJECT
private slots:
    void carsDefaultFeatures();
    void carsExpandDates();
    void namedIdentifierIsCategoricalWithAWarning();
    void missingTargetRowsAreCounted();
    void dropPolicyDropsRowsWithMissingFeatures();
    void encodingIsFittedOnTrainingRowsOnly();
    void scalerLeavesOneHotInputsAlone();
    void continuedRunKeepsTheModelsEncoding();
    void plainNumericTablesStayVersion1();
    void modelFileVersion2RoundTrips();
    void modelFileVersion2Errors_data();
    void modelFileVersion2Errors();
    void unseenLevelsAtPredictionEncodeAsZeros();
    void allLevelsRareMergeIntoOther();
    void categoricalTargetWithCategoricalFeature();
    void originOneHotImprovesCarsMpg();
};

void tst_InputWiring::carsDefaultFeatures() {
    DataSelection s;
    s.target = "Miles_per_Gallon";
    const Dataset d = prepareDataset(cars(), s);
    QCOMPARE(d.features, (std::vector<std::string>{"Cylinders", "Displacement", "Horsepower",
                                                   "Weight_in_lbs", "Acceleration", "Origin"}));
    QVERIFY2(
        hasWarning(d.warnings, "column 'Name' left out: identifier: 311 of 406 values distinct"),
        allWarnings(d.warnings).c_str());
    QVERIFY2(hasWarning(d.warnings, "column 'Year' left out: date/time"),
             allWarnings(d.warnings).c_str());
    QVERIFY(hasWarning(d.warnings, "--expand-dates"));
    QVERIFY(d.encoded());
    QCOMPARE(d.columnKinds.size(), std::size_t(9));
    // 8 rows lack the target; the 6 without Horsepower are kept (imputed).
    QCOMPARE(d.rows(), Eigen::Index(398));
    QVERIFY(hasWarning(d.warnings, "dropped 8 rows with missing values (Miles_per_Gallon: 8)"));
    QVERIFY(hasWarning(d.warnings, "6 rows with missing feature cells kept (Horsepower: 6)"));
    const std::vector<std::string> names = d.inputNames;
    QVERIFY(std::find(names.begin(), names.end(), "Origin=USA") != names.end());
    QVERIFY(std::find(names.begin(), names.end(), "Horsepower_missing") != names.end());
    QCOMPARE(d.x.cols(), Eigen::Index(names.size()));
}

void tst_InputWiring::carsExpandDates() {
    DataSelection s;
    s.target = "Miles_per_Gallon";
    s.expandDates = true;
    const Dataset d = prepareDataset(cars(), s);
    QCOMPARE(d.dates.size(), std::size_t(1));
    QCOMPARE(d.dates[0].column, std::string("Year"));
    // Every value is 1 January: month and day never change and are left out.
    QCOMPARE(d.dates[0].parts, (std::vector<DatePart>{DatePart::Year, DatePart::DayOfWeek}));
    QVERIFY(std::find(d.features.begin(), d.features.end(), "Year:year") != d.features.end());
    const Model model = trainModel(d, quickConfig(5));
    QVERIFY(model.preprocessing.has_value());
    QCOMPARE(model.preprocessing->dates.size(), std::size_t(1));
    // Prediction derives the parts from the raw column again.
    EncodedTable encoded;
    const Eigen::MatrixXd out = model.predictTable(cars(), &encoded);
    QCOMPARE(out.rows(), Eigen::Index(406));
    const auto names = model.inputNames();
    const auto year = std::find(names.begin(), names.end(), "Year:year") - names.begin();
    QCOMPARE(encoded.x(0, year), 1970.0);
    QCOMPARE(encoded.x(405, year), 1982.0);
}

void tst_InputWiring::namedIdentifierIsCategoricalWithAWarning() {
    DataSelection s;
    s.target = "Miles_per_Gallon";
    s.features = {"Name", "Weight_in_lbs"};
    const Dataset d = prepareDataset(cars(), s);
    QCOMPARE(d.inputs.at(0).kind, ColumnKind::Categorical);
    QVERIFY2(hasWarning(d.warnings,
                        "feature 'Name' is identifier: 311 of 406 values distinct; "
                        "used as categorical"),
             allWarnings(d.warnings).c_str());
    // A forced text column numeric is the kinds' error, naming the cell.
    DataSelection forced = s;
    forced.kinds["Name"] = ColumnKind::Numeric;
    QVERIFY_THROWS_EXCEPTION(DataError, prepareDataset(cars(), forced));
}

void tst_InputWiring::missingTargetRowsAreCounted() {
    const Dataset d = prepareDataset(
        test::tableFromText("a,c,y\n1,u,0\n2,v,\n3,u,1\nNA,v,0\n5,,1\n6,u,NA\n"), {});
    QCOMPARE(d.rows(), Eigen::Index(4));
    QCOMPARE(d.sourceLines, (std::vector<std::size_t>{2, 4, 5, 6}));
    QCOMPARE(QString::fromStdString(d.warnings.at(0)),
             QString("dropped 2 rows with missing values (y: 2)"));
}

void tst_InputWiring::dropPolicyDropsRowsWithMissingFeatures() {
    DataSelection s;
    s.encoding.missing = MissingPolicy::Drop;
    const CsvTable t = test::tableFromText("a,c,y\n1,u,0\n2,v,1\n3,u,1\nNA,v,0\n5,,1\n6,u,0\n");
    const Dataset d = prepareDataset(t, s);
    QCOMPARE(d.rows(), Eigen::Index(4));
    QCOMPARE(QString::fromStdString(d.warnings.at(0)),
             QString("dropped 2 rows with missing values (a: 1, c: 1)"));
    QCOMPARE(d.allRowsEncoding->inputNames(), (std::vector<std::string>{"a", "c=u", "c=v"}));
}

void tst_InputWiring::encodingIsFittedOnTrainingRowsOnly() {
    // The split depends on the targets only: find a validation row first, then give that row
    // alone a level of its own and a huge x.
    const std::string base = generated(40, {"a", "b"});
    TrainingConfig config = quickConfig(1);
    config.validationFraction = 0.25;
    DataSelection s;
    s.encoding.minLevelCount = 1;
    const Dataset plain = prepareDataset(test::tableFromText(base), s);
    const Split split = splitRows(plain, config.validationFraction, config.seed);
    const auto v = static_cast<std::size_t>(split.validation.at(0));
    std::string csv = "x,c,y\n";
    std::istringstream lines(base.substr(base.find('\n') + 1));
    std::string line;
    for (std::size_t r = 0; std::getline(lines, line); ++r)
        csv +=
            r == v ? "1000000,only_here," + line.substr(line.rfind(',') + 1) + "\n" : line + "\n";
    const Dataset d = prepareDataset(test::tableFromText(csv), s);
    // Values of every row: the level is there, for statistics and display.
    const auto allLevels = d.allRowsEncoding->columns[1].levels;
    QVERIFY(std::find(allLevels.begin(), allLevels.end(), "only_here") != allLevels.end());
    const TrainingData training(d, config);
    QCOMPARE(training.split.validation, split.validation);
    const auto levels = training.encoding->columns[1].levels;
    QCOMPARE(levels, (std::vector<std::string>{"a", "b"}));
    QCOMPARE(training.inputCount(), Eigen::Index(3));  // x, c=a, c=b
    // The scaler's mean of x saw only training rows (x <= 16 there).
    QVERIFY2(training.scaler.mean(0) < 17, std::to_string(training.scaler.mean(0)).c_str());
}

void tst_InputWiring::scalerLeavesOneHotInputsAlone() {
    const Dataset d = prepareDataset(test::tableFromText(generated(30, {"p", "q", "r"})), {});
    const TrainingData training(d, quickConfig(1));
    QCOMPARE(training.meta.inputNames, (std::vector<std::string>{"x", "c=p", "c=q", "c=r"}));
    QVERIFY(training.scaler.std(0) > 1);
    for (Eigen::Index j = 1; j < 4; ++j) {
        QCOMPARE(training.scaler.mean(j), 0.0);
        QCOMPARE(training.scaler.std(j), 1.0);
    }
}

void tst_InputWiring::continuedRunKeepsTheModelsEncoding() {
    DataSelection s;
    s.encoding.minLevelCount = 1;
    const Model model = trainModel(
        prepareDataset(test::tableFromText(generated(40, {"a", "b"})), s), quickConfig(2));
    // The new table has a level the model never saw: the run keeps the model's inputs.
    const Dataset more = prepareDataset(test::tableFromText(generated(40, {"a", "b", "c"})), s);
    const Trainer trainer(more, quickConfig(2), &model);
    QCOMPARE(trainer.trainingData().encoding->inputNames(), model.inputNames());
    QVERIFY((trainer.trainingData().scaler.mean.array() == model.scaler.mean.array()).all());
    QCOMPARE(trainer.trainingData().inputCount(), Eigen::Index(3));
}

void tst_InputWiring::plainNumericTablesStayVersion1() {
    const Dataset d = prepareDataset(test::tableFromText("a,b,y\n1,2,0\n2,1,1\n3,5,0\n4,3,1\n"
                                                         "5,2,0\n6,1,1\n7,3,0\n8,9,1\n"),
                                     {});
    QVERIFY(!d.encoded());
    const Model model = trainModel(d, quickConfig(2));
    QVERIFY(!model.preprocessing);
    QVERIFY(modelToJson(model).find("\"version\": 1") != std::string::npos);
}

void tst_InputWiring::modelFileVersion2RoundTrips() {
    DataSelection s;
    s.target = "Miles_per_Gallon";
    s.expandDates = true;
    const Model model = trainModel(prepareDataset(cars(), s), quickConfig(3));
    const std::string text = modelToJson(model);
    QVERIFY(text.find("\"version\": 2") != std::string::npos);
    QVERIFY(text.find("\"preprocessing\"") != std::string::npos);
    const Model back = modelFromJson(text, "m.json");
    QVERIFY(back.preprocessing.has_value());
    QCOMPARE(back.features, model.features);
    QCOMPARE(back.inputNames(), model.inputNames());
    const CsvTable table = cars();
    const Eigen::MatrixXd a = model.predictTable(table), b = back.predictTable(table);
    QCOMPARE(a.rows(), Eigen::Index(406));
    QVERIFY((a.array() == b.array()).all());  // bit for bit
    QCOMPARE(modelToJson(back), text);
    // A numeric column's mean and std are the scaler's entry: a file where they differ is
    // refused rather than read one way or the other.
    nlohmann::json j = nlohmann::json::parse(text);
    j["preprocessing"]["columns"][0]["mean"] = 123.0;
    QVERIFY_THROWS_EXCEPTION(DataError, modelFromJson(j.dump(), "m.json"));
    try {
        modelFromJson(j.dump(), "m.json");
    } catch (const DataError& e) {
        QCOMPARE(QString(e.what()), QString("m.json: preprocessing.columns[0]: mean and std are "
                                            "not the scaler's entry 0"));
    }
}

void tst_InputWiring::modelFileVersion2Errors_data() {
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown kind") << R"("kind": "categorical")"
                                  << R"("kind": "fuzzy")"
                                  << "preprocessing.columns[7].kind: expected \"numeric\" or "
                                     "\"categorical\", got \"fuzzy\"";
    QTest::newRow("impute level not a level")
        << R"("impute_level": "USA")"
        << R"("impute_level": "Mars")"
        << "preprocessing.columns[7].impute_level: 'Mars' is not one of the levels";
    QTest::newRow("an unknown extra key") << R"("impute_value": 4.0)"
                                          << R"("impute_value": 4.0, "x": 1)"
                                          << "-";
    QTest::newRow("bad missing policy") << R"("missing": "impute")"
                                        << R"("missing": "guess")"
                                        << "preprocessing.missing: expected \"impute\"";
    QTest::newRow("bad date part") << R"("day_of_week")"
                                   << R"("weekday")"
                                   << "preprocessing.dates[0].parts: unknown part \"weekday\"";
    QTest::newRow("no preprocessing") << R"("preprocessing")"
                                      << R"("preprocessing_")"
                                      << "model: missing key 'preprocessing'";
    QTest::newRow("version 1 with preprocessing")
        << R"("version": 2)"
        << R"("version": 1)"
        << "a version 1 model has no 'preprocessing' (that is version 2)";
}

void tst_InputWiring::modelFileVersion2Errors() {
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, error);
    DataSelection s;
    s.target = "Miles_per_Gallon";
    s.expandDates = true;
    std::string text = modelToJson(trainModel(prepareDataset(cars(), s), quickConfig(1)));
    const auto at = text.find(from.toStdString());
    QVERIFY2(at != std::string::npos, qPrintable(from));
    text.replace(at, from.size(), to.toStdString());
    if (error == "-") {  // an unknown extra key is not an error
        QVERIFY(modelFromJson(text, "m.json").preprocessing.has_value());
        return;
    }
    try {
        modelFromJson(text, "m.json");
        QFAIL("expected a DataError");
    } catch (const DataError& e) {
        QVERIFY2(QString(e.what()).contains(error), e.what());
    }
}

void tst_InputWiring::unseenLevelsAtPredictionEncodeAsZeros() {
    const Dataset d = prepareDataset(test::tableFromText(generated(40, {"a", "b", "c"})), {});
    const Model model = trainModel(d, quickConfig(2));
    EncodedTable e;
    const Eigen::MatrixXd out =
        model.predictTable(test::tableFromText("x,c\n1,a\n2,zzz\n3,\n4,zzz\n"), &e);
    QCOMPARE(out.rows(), Eigen::Index(4));
    QCOMPARE(e.counts.at(1).unknown, std::size_t(2));
    QCOMPARE(e.counts.at(1).missing, std::size_t(1));
    QCOMPARE(e.x.row(1).tail(3).sum(), 0.0);  // all zeros
    QCOMPARE(e.x.row(2).tail(3).sum(), 1.0);  // imputed with the most frequent level
}

void tst_InputWiring::allLevelsRareMergeIntoOther() {
    DataSelection s;
    s.encoding.minLevelCount = 100;
    const Dataset d = prepareDataset(test::tableFromText(generated(40, {"a", "b", "c"})), s);
    const TrainingData training(d, quickConfig(1));
    QCOMPARE(training.encoding->columns[1].levels, (std::vector<std::string>{"other"}));
    QVERIFY2(hasWarning(training.warnings,
                        "column 'c': 3 levels seen fewer than 100 times in the "
                        "training rows merged into 'other'"),
             allWarnings(training.warnings).c_str());
}

void tst_InputWiring::categoricalTargetWithCategoricalFeature() {
    std::string csv = "colour,size,kind\n";
    const char* colours[] = {"red", "green", "blue"};
    for (int r = 0; r < 60; ++r)
        csv += std::string(colours[r % 3]) + "," + std::to_string(r % 5) + "," +
               (r % 3 == 0   ? "apple"
                : r % 3 == 1 ? "pear"
                             : "plum") +
               "\n";
    const Dataset d = prepareDataset(test::tableFromText(csv), {});
    QCOMPARE(d.task, Task::Multiclass);
    QCOMPARE(d.inputs.at(0).kind, ColumnKind::Categorical);
    TrainingConfig config = quickConfig(200);
    config.live.learningRate = 0.05;
    const Model model = trainModel(d, config);
    QVERIFY(model.validation.has_value());
    QCOMPARE(model.validation->accuracy, 1.0);  // the colour decides the kind
}

void tst_InputWiring::originOneHotImprovesCarsMpg() {
    TrainingConfig config = quickConfig(300);
    DataSelection with;
    with.target = "Miles_per_Gallon";
    with.features = {"Cylinders",     "Displacement", "Horsepower",
                     "Weight_in_lbs", "Acceleration", "Origin"};
    DataSelection without = with;
    without.features.pop_back();
    const Dataset a = prepareDataset(cars(), with), b = prepareDataset(cars(), without);
    // No row is lost to the 6 missing Horsepower cells: 406 - 8 without a target.
    QCOMPARE(a.rows(), Eigen::Index(398));
    QCOMPARE(b.rows(), Eigen::Index(398));
    Trainer ta(a, config), tb(b, config);
    ta.run();
    tb.run();
    QCOMPARE(ta.split().train.size() + ta.split().validation.size(), std::size_t(398));
    const double r2With = ta.model().validation->r2, r2Without = tb.model().validation->r2;
    QVERIFY2(r2With > r2Without,
             qPrintable(QString("R2 with Origin %1, without %2").arg(r2With).arg(r2Without)));
}

QTEST_GUILESS_MAIN(tst_InputWiring)
#include "tst_input_wiring.moc"
