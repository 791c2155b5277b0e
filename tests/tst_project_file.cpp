// The project file (.bps): a round trip keeps every field (the model predicting bit for bit),
// long curves are bounded, and malformed files get an error naming the place.

#include <QtTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/base/errors.h"
#include "core/io/project_file.h"
#include "core/training/trainer.h"
#include "tests/test_support.h"

using namespace bps;

class tst_ProjectFile : public QObject {
    Q_OBJECT
private slots:
    void roundTripKeepsEverything();
    void longCurvesAndManyRunsAreBounded();
    void relativePathIsAgainstTheProjectFolder();
    void refusesToOverwriteItsDataFile();
    void malformed_data();
    void malformed();

private:
    static Project sample();
};

Project tst_ProjectFile::sample() {
    const Dataset data = test::syntheticDataset(Task::Binary, 200, 4, 2, 5);
    TrainingConfig config;
    config.hidden = {6};
    config.epochs = 3;
    Trainer trainer(data, config);
    trainer.run();
    Project p;
    p.dataPath = "/data/some table.csv";
    p.dataSha256 = std::string(64, 'a');
    p.dataRows = 200;
    p.selection.target = "label";
    p.selection.features = {"x1", "colour", "when"};
    p.selection.kinds = {{"colour", ColumnKind::Categorical}, {"x1", ColumnKind::Numeric}};
    p.selection.encoding.missing = MissingPolicy::Category;
    p.selection.encoding.minLevelCount = 7;
    p.selection.expandDates = true;
    p.selection.task = Task::Binary;
    p.config = config;
    p.config.live.learningRate = 0.003;
    p.model = trainer.model();
    p.threshold = 0.31;
    p.chartTask = Task::Binary;
    p.baselineLoss = 0.42;
    p.runs = {{{{1, 0.7}, {2, 0.6}}, {{1, 0.72}, {2, 0.65}}}, {{{3, 0.5}}, {{3, 0.55}}}};
    return p;
}

void tst_ProjectFile::roundTripKeepsEverything() {
    const Project p = sample();
    const Project q = projectFromJson(projectToJson(p), "p.bps");
    QCOMPARE(q.dataPath, p.dataPath);
    QCOMPARE(q.dataSha256, p.dataSha256);
    QCOMPARE(q.dataRows, p.dataRows);
    QCOMPARE(q.selection.target, p.selection.target);
    QCOMPARE(q.selection.features, p.selection.features);
    QVERIFY(q.selection.kinds == p.selection.kinds);
    QVERIFY(q.selection.encoding.missing == MissingPolicy::Category);
    QCOMPARE(q.selection.encoding.minLevelCount, std::optional<std::size_t>(7));
    QCOMPARE(q.selection.expandDates, true);
    QVERIFY(q.selection.task == std::optional<Task>(Task::Binary));
    QVERIFY(q.config == p.config);
    QCOMPARE(q.threshold, 0.31);
    QVERIFY(q.runs == p.runs);
    QVERIFY(q.chartTask == std::optional<Task>(Task::Binary));
    QCOMPARE(q.baselineLoss, 0.42);
    QVERIFY(q.model.has_value());
    const Dataset data = test::syntheticDataset(Task::Binary, 200, 4, 2, 5);
    QVERIFY2(q.model->predict(data.x) == p.model->predict(data.x),
             "the project's model must predict bit for bit what the saved one did");
    // Without a model (nothing trained yet) the key is absent and reads back as none.
    Project empty = p;
    empty.model.reset();
    empty.selection.task.reset();
    empty.selection.encoding.minLevelCount.reset();
    empty.runs.clear();
    empty.chartTask.reset();
    empty.baselineLoss = kNaN;
    const Project e = projectFromJson(projectToJson(empty));
    QVERIFY(!e.chartTask.has_value());
    QVERIFY(std::isnan(e.baselineLoss));
    QVERIFY(!e.model.has_value());
    QVERIFY(!e.selection.task.has_value());
    QVERIFY(!e.selection.encoding.minLevelCount.has_value());
}

void tst_ProjectFile::longCurvesAndManyRunsAreBounded() {
    Project p = sample();
    ProjectRun longRun;
    for (int i = 0; i < 100001; ++i) longRun.train.push_back({double(i), 1.0 / (i + 1)});
    longRun.validation = {{0, 1}};
    p.runs.assign(Project::kMaxRuns + 3, p.runs.front());
    p.runs.back() = longRun;
    const Project q = projectFromJson(projectToJson(p));
    QCOMPARE(q.runs.size(), Project::kMaxRuns);
    const auto& curve = q.runs.back().train;
    QVERIFY(curve.size() <= Project::kMaxCurvePoints);
    QVERIFY(curve.size() > Project::kMaxCurvePoints / 2);
    QCOMPARE(curve.front(), longRun.train.front());
    QCOMPARE(curve.back(), longRun.train.back());  // the run's last epoch stays
}

void tst_ProjectFile::relativePathIsAgainstTheProjectFolder() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string root = dir.path().toStdString();
    std::filesystem::create_directories(root + "/work/data");
    std::filesystem::create_directories(root + "/work/projects");
    Project p = sample();
    p.dataPath = root + "/work/data/table.csv";
    saveProject(p, root + "/work/projects/../p.bps");
    const Project q = loadProject(root + "/work/p.bps");
    QCOMPARE(q.dataRelativePath, std::string("data/table.csv"));
    QCOMPARE(q.dataPath, p.dataPath);
}

void tst_ProjectFile::refusesToOverwriteItsDataFile() {
    QTemporaryDir dir;
    const std::string data = dir.filePath("t.csv").toStdString();
    std::ofstream(data) << "a,b\n1,2\n";
    Project p = sample();
    p.dataPath = data;
    QVERIFY_THROWS_EXCEPTION(DataError, saveProject(p, data));
    std::ifstream in(data);
    std::string first;
    std::getline(in, first);
    QCOMPARE(first, std::string("a,b"));  // the data file is untouched
}

void tst_ProjectFile::malformed_data() {
    QTest::addColumn<QString>("pointer");   // a JSON pointer to change, or "" for raw text
    QTest::addColumn<QString>("value");     // the JSON value put there ("-" removes the key)
    QTest::addColumn<QString>("expected");  // part of the error message
    QTest::newRow("not json") << ""
                              << "{\"format\":"
                              << "not valid JSON";
    QTest::newRow("a model file") << "/format"
                                  << "\"backprop-studio-model\""
                                  << "not a Backprop Studio project";
    QTest::newRow("future version") << "/version"
                                    << "2"
                                    << "unsupported project version 2";
    QTest::newRow("huge version") << "/version"
                                  << "4294967297"
                                  << "unsupported project version";
    QTest::newRow("no data") << "/data"
                             << "-"
                             << "project: missing key 'data'";
    QTest::newRow("short hash") << "/data/sha256"
                                << "\"abc\""
                                << "data.sha256: expected 64";
    QTest::newRow("upper-case hash")
        << "/data/sha256" << QString("\"%1\"").arg(QString(64, 'A')) << "data.sha256: expected 64";
    QTest::newRow("negative rows") << "/data/rows"
                                   << "-3"
                                   << "data.rows: expected a count";
    QTest::newRow("empty path") << "/data/path"
                                << "\"\""
                                << "data.path: expected the data";
    QTest::newRow("features not strings") << "/selection/features"
                                          << "[1,2]"
                                          << "selection.features[0]: expected a string";
    QTest::newRow("unknown kind") << "/selection/kinds/colour"
                                  << "\"colourful\""
                                  << "selection.kinds.colour: unknown column kind";
    QTest::newRow("unknown missing policy") << "/selection/missing"
                                            << "\"guess\""
                                            << "selection.missing: unknown policy 'guess'";
    QTest::newRow("zero min levels") << "/selection/min_level_count"
                                     << "0"
                                     << "selection.min_level_count: expected at least 1";
    QTest::newRow("unknown task") << "/selection/task"
                                  << "\"ranking\""
                                  << "selection.task: unknown task";
    QTest::newRow("expand not bool") << "/selection/expand_dates"
                                     << "\"yes\""
                                     << "selection.expand_dates: expected true or false";
    QTest::newRow("bad hyperparameter") << "/hyperparameters/epochs"
                                        << "-5"
                                        << "hyperparameters";
    QTest::newRow("threshold 1") << "/threshold"
                                 << "1"
                                 << "threshold: expected a number between";
    QTest::newRow("threshold text") << "/threshold"
                                    << "\"half\""
                                    << "threshold: expected a number";
    QTest::newRow("broken model") << "/model/layers"
                                  << "7"
                                  << "model: layers: expected an array";
    QTest::newRow("no chart") << "/chart"
                              << "-"
                              << "project: missing key 'chart'";
    QTest::newRow("runs not array") << "/chart/runs"
                                    << "{}"
                                    << "chart.runs: expected an array";
    QTest::newRow("runs without task") << "/chart/task"
                                       << "null"
                                       << "chart.task: runs need";
    QTest::newRow("baseline text") << "/chart/baseline_loss"
                                   << "\"low\""
                                   << "chart.baseline_loss: expected a number";
    QTest::newRow("point not pair") << "/chart/runs/0/train/0"
                                    << "[1]"
                                    << "chart.runs[0].train[0]: expected an [epoch, cost] pair";
    QTest::newRow("infinite cost") << "/chart/runs/0/validation/1/1"
                                   << "1e999"
                                   << "not valid JSON";
    QTest::newRow("cost text") << "/chart/runs/0/validation/1/1"
                               << "\"x\""
                               << "chart.runs[0].validation[1][1]: expected a number";
    QTest::newRow("epochs backwards") << "/chart/runs/0/train/1/0"
                                      << "0.5"
                                      << "chart.runs[0].train[1]: epochs go backwards";
}

void tst_ProjectFile::malformed() {
    QFETCH(QString, pointer);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    std::string text;
    if (pointer.isEmpty()) {
        text = value.toStdString();
    } else if (value == QLatin1String("1e999")) {
        // nlohmann cannot hold an infinity; write the token into the text the way a file would.
        nlohmann::json j = nlohmann::json::parse(projectToJson(sample()));
        j[nlohmann::json::json_pointer(pointer.toStdString())] = 12345.5;
        text = j.dump();
        text.replace(text.find("12345.5"), 7, "1e999");
    } else {
        nlohmann::json j = nlohmann::json::parse(projectToJson(sample()));
        const nlohmann::json::json_pointer at(pointer.toStdString());
        if (value == QLatin1String("-"))
            j[at.parent_pointer()].erase(at.back());
        else
            j[at] = nlohmann::json::parse(value.toStdString());
        text = j.dump();
    }
    try {
        projectFromJson(text, "broken.bps");
        QFAIL("a malformed project was accepted");
    } catch (const DataError& e) {
        const QString message = QString::fromStdString(e.what());
        QVERIFY2(message.startsWith(QLatin1String("broken.bps: ")), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }
}

QTEST_APPLESS_MAIN(tst_ProjectFile)
#include "tst_project_file.moc"
