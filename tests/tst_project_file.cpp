// The project file (.bps): a round trip keeps every field (the model predicting bit for bit),
// long curves are bounded, and malformed files get an error naming the place. The last sweep's
// results (issue #17) come back trial for trial, bounded, and a project without them loads.

#include <QtTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/base/errors.h"
#include "core/io/project_file.h"
#include "core/training/trainer.h"
#include "core/validation/sweep.h"
#include "tests/test_support.h"

using namespace bps;

class tst_ProjectFile : public QObject {
    Q_OBJECT
private slots:
    void roundTripKeepsEverything();
    void longCurvesAndManyRunsAreBounded();
    void relativePathIsAgainstTheProjectFolder();
    void refusesToOverwriteItsDataFile();
    void sweepRoundTripKeepsEveryTrial();
    void projectWithoutSweepLoadsAsBefore();
    void bigSweepsAreBounded();
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
    // A real sweep: 4 settings x 2 seeds.
    Project::Sweep sweep;
    sweep.selection = p.selection;
    sweep.selection.features = {"x1", "colour"};
    sweep.saved.task = Task::Binary;
    sweep.saved.seeds = 2;
    sweep.saved.space = parseSweepSpace("lr=0.01,0.1; activation=tanh,relu", false);
    SweepOptions options;
    options.seeds = 2;
    options.jobs = 1;
    sweep.saved.result = runSweep(data, config, gridSettings(sweep.saved.space), options);
    p.sweep = std::move(sweep);
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

void tst_ProjectFile::sweepRoundTripKeepsEveryTrial() {
    const Project p = sample();
    const Project q = projectFromJson(projectToJson(p), "p.bps");
    QVERIFY(q.sweep.has_value());
    const SavedSweep& a = p.sweep->saved;
    const SavedSweep& b = q.sweep->saved;
    QCOMPARE(q.sweep->selection.features, p.sweep->selection.features);
    QCOMPARE(q.sweep->selection.target, p.sweep->selection.target);
    QVERIFY(b.task == a.task);
    QCOMPARE(b.folds, 0);
    QCOMPARE(b.seeds, 2);
    QCOMPARE(b.prune, false);
    QCOMPARE(b.space.dimensions.size(), std::size_t(2));
    QVERIFY(b.space.dimensions[1].parameter == SweepParameter::Activation);
    QCOMPARE(b.space.dimensions[0].values, a.space.dimensions[0].values);
    QCOMPARE(b.result.bestTrial, a.result.bestTrial);
    QCOMPARE(b.result.bestSetting, a.result.bestSetting);
    QVERIFY(a.result.bestTrial >= 0);
    QCOMPARE(b.result.trials.size(), std::size_t(8));
    for (std::size_t i = 0; i < a.result.trials.size(); ++i) {
        const SweepTrial& x = a.result.trials[i];
        const SweepTrial& y = b.result.trials[i];
        QCOMPARE(y.index, x.index);
        QCOMPARE(y.setting, x.setting);
        QCOMPARE(y.seedIndex, x.seedIndex);
        QVERIFY(y.values.values == x.values.values);  // the space's order, lr first
        QVERIFY(y.config == x.config);
        QCOMPARE(y.score, x.score);
        QCOMPARE(y.metrics.accuracy, x.metrics.accuracy);
        QCOMPARE(y.metrics.rocAuc, x.metrics.rocAuc);
        QCOMPARE(y.metrics.confusion, x.metrics.confusion);
        QCOMPARE(y.epochs, x.epochs);
        QCOMPARE(y.pruned, x.pruned);
        QCOMPARE(y.seconds, x.seconds);
        QVERIFY(y.curve == x.curve);
        QVERIFY(!y.curve.empty());
    }
    // And a second round trip writes the same text.
    QCOMPARE(projectToJson(q), projectToJson(p));
}

void tst_ProjectFile::projectWithoutSweepLoadsAsBefore() {
    // A version-1 project written before sweeps were kept has no "sweep" key.
    nlohmann::json j = nlohmann::json::parse(projectToJson(sample()));
    j.erase("sweep");
    const Project q = projectFromJson(j.dump(), "old.bps");
    QVERIFY(!q.sweep.has_value());
    QVERIFY(q.model.has_value());
    QCOMPARE(q.runs.size(), std::size_t(2));
    QVERIFY(projectToJson(q).find("\"sweep\"") == std::string::npos);
}

void tst_ProjectFile::bigSweepsAreBounded() {
    Project p = sample();
    SweepResult& result = p.sweep->saved.result;
    const SweepTrial first = result.trials.front();
    result.trials.clear();
    const int count = int(SavedSweep::kMaxTrials) + 500;
    for (int i = 0; i < count; ++i) {
        SweepTrial t = first;
        t.index = i;
        t.score = 1.0 + (i * 7919 % count);  // scores in a shuffled order
        t.curve.clear();
        for (int e = 1; e <= kMaxSweepCurvePoints; ++e) t.curve.emplace_back(e, 1.0 / e);
        result.trials.push_back(t);
    }
    result.trials[10].score = 99999;  // the best trial by mean, not the lowest score: kept
    result.trials[10].setting = result.bestSetting;
    result.bestTrial = 10;
    const Project q = projectFromJson(projectToJson(p));
    const auto& kept = q.sweep->saved.result.trials;
    QCOMPARE(kept.size(), SavedSweep::kMaxTrials);
    QCOMPARE(q.sweep->saved.result.bestTrial, 10);
    QVERIFY(std::any_of(kept.begin(), kept.end(),
                        [](const SweepTrial& t) { return t.index == 10 && t.score == 99999; }));
    double worstKept = 0;
    for (const SweepTrial& t : kept)
        if (t.index != 10) worstKept = std::max(worstKept, t.score);
    QCOMPARE(worstKept, double(SavedSweep::kMaxTrials - 1));  // the lowest scores stay
    for (std::size_t i = 1; i < kept.size(); ++i) QVERIFY(kept[i - 1].index < kept[i].index);
    QVERIFY(kept.front().curve.size() <= SavedSweep::kMaxCurvePoints);
    QVERIFY(kept.front().curve.size() > SavedSweep::kMaxCurvePoints / 2);
    QCOMPARE(kept.front().curve.back().first, kMaxSweepCurvePoints);  // the last epoch stays
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
    // The sweep's results.
    const auto sweep = [](const char* name, const char* pointer, const char* value,
                          const char* expected) {
        QTest::newRow(name) << QString(pointer) << QString(value) << QString(expected);
    };
    sweep("sweep without results", "/sweep/results", "-", "sweep: missing key 'results'");
    sweep("sweep target", "/sweep/selection/target", "5",
          "sweep.selection.target: expected a string");
    sweep("sweep task", "/sweep/results/task", "\"ranking\"", "sweep.results.task: unknown task");
    sweep("sweep scoring", "/sweep/results/scored_by", "\"1-fold cross-validation\"",
          "sweep.results.scored_by: expected \"validation loss\"");
    sweep("sweep seeds", "/sweep/results/seeds", "0",
          "sweep.results.seeds: expected a whole number from 1");
    sweep("sweep pruned", "/sweep/results/pruned", "1",
          "sweep.results.pruned: expected true or false");
    sweep("sweep parameter", "/sweep/results/space/0/parameter", "\"speed\"",
          "sweep.results.space[0].parameter: unknown parameter");
    sweep("sweep parameter twice", "/sweep/results/space/1/parameter", "\"lr\"",
          "sweep.results.space[1].parameter: 'lr' is given twice");
    sweep("sweep range", "/sweep/results/space/0/range", "{\"low\":1,\"high\":0,\"log\":false}",
          "sweep.results.space[0].range: expected");
    sweep("sweep trials", "/sweep/results/trials", "{}", "sweep.results.trials: expected an array");
    sweep("trial number", "/sweep/results/trials/1/trial", "1",
          "sweep.results.trials[1].trial: trial numbers must increase");
    sweep("trial config", "/sweep/results/trials/0/config/epochs", "-5",
          "sweep.results.trials[0].config: ");
    sweep("trial seed", "/sweep/results/trials/0/seed", "999",
          "sweep.results.trials[0].seed: expected its config's seed");
    sweep("trial value", "/sweep/results/trials/0/hyperparameters/lr", "0.01",
          "sweep.results.trials[0].hyperparameters.lr: expected a string");
    sweep("trial value missing", "/sweep/results/trials/2/hyperparameters/activation", "-",
          "sweep.results.trials[2].hyperparameters: expected a value for each");
    sweep("trial score", "/sweep/results/trials/0/score", "\"low\"",
          "sweep.results.trials[0].score: expected a number");
    sweep("trial metric", "/sweep/results/trials/0/metrics/accuracy", "\"x\"",
          "sweep.results.trials[0].metrics: metrics: 'accuracy' is not a number");
    sweep("trial epochs", "/sweep/results/trials/0/epochs", "-1",
          "sweep.results.trials[0].epochs: expected a whole number");
    sweep("trial seconds", "/sweep/results/trials/0/seconds", "-1",
          "sweep.results.trials[0].seconds: expected 0 or more");
    sweep("trial seed index", "/sweep/results/trials/0/seed_index", "2",
          "sweep.results.trials[0].seed_index: expected a whole number from 0 to 1");
    sweep("trial curve point", "/sweep/results/trials/0/curve/1", "[1]",
          "sweep.results.trials[0].curve[1]: expected an [epoch, loss] pair");
    sweep("trial curve backwards", "/sweep/results/trials/0/curve/1/0", "0",
          "sweep.results.trials[0].curve[1]: epochs go backwards");
    sweep("trial curve loss", "/sweep/results/trials/0/curve/0/1", "\"x\"",
          "sweep.results.trials[0].curve[0][1]: expected a number");
    sweep("best trial", "/sweep/results/best_trial", "99",
          "sweep.results.best_trial: names no saved trial");
    sweep("best setting", "/sweep/results/best_setting", "0",
          "sweep.results.best_setting: expected a whole number from 1");
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
