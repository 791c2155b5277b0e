// The JSON model file: a round trip predicts exactly what the saved model did, and malformed
// files get a clear error.

#include <QtTest>

#include "core/base/errors.h"
#include "core/io/csv_writer.h"
#include "core/io/model_file.h"
#include "core/training/trainer.h"
#include "tests/test_support.h"

using namespace bps;

Q_DECLARE_METATYPE(bps::Task)

class tst_ModelFile : public QObject {
    Q_OBJECT
private slots:
    void roundTripPredictsIdentically_data();
    void roundTripPredictsIdentically();
    void malformed_data();
    void malformed();
    void saveIsAtomicAndLoadReportsMissingFile();
    void thresholdRoundTripsAndDecides();

private:
    static std::string validJson();
};

void tst_ModelFile::roundTripPredictsIdentically_data() {
    QTest::addColumn<Task>("task");
    QTest::newRow("binary") << Task::Binary;
    QTest::newRow("multiclass") << Task::Multiclass;
    QTest::newRow("regression") << Task::Regression;
}

void tst_ModelFile::roundTripPredictsIdentically() {
    QFETCH(Task, task);
    const Dataset data = test::syntheticDataset(task, 300, 5, 3, 21);
    TrainingConfig config;
    config.hidden = {7, 5};
    config.epochs = 5;
    config.activation = Activation::Relu;
    Trainer trainer(data, config);
    trainer.run();
    const Model model = trainer.model();
    const Model loaded = modelFromJson(modelToJson(model), "m.json");
    QCOMPARE(loaded.features, model.features);
    QCOMPARE(loaded.classes, model.classes);
    QCOMPARE(loaded.config.hidden, config.hidden);
    QCOMPARE(loaded.config.activation, config.activation);
    const Eigen::MatrixXd before = model.predict(data.x), after = loaded.predict(data.x);
    QVERIFY2(before == after, "a loaded model must predict bit for bit what the saved one did");
    QVERIFY(loaded.validation.has_value());
    QCOMPARE(loaded.validation->loss, model.validation->loss);
    if (task == Task::Binary) QCOMPARE(loaded.validation->confusion, model.validation->confusion);
    if (task == Task::Regression) QCOMPARE(loaded.validation->r2, model.validation->r2);
    QCOMPARE(modelToJson(loaded).size() > 0, true);
}

std::string tst_ModelFile::validJson() {
    return R"({"format":"backprop-studio-model","version":1,"task":"binary","target":"y",
      "classes":["0","1"],"features":["a","b"],"scaler":{"mean":[0,0],"std":[1,1]},
      "layers":[{"inputs":2,"units":2,"activation":"tanh","weights":[[1,2],[3,4]],"bias":[0,0]},
                {"inputs":2,"units":1,"activation":"sigmoid","weights":[[1],[1]],"bias":[0]}]})";
}

void tst_ModelFile::malformed_data() {
    QTest::addColumn<QString>("find");
    QTest::addColumn<QString>("replace");
    QTest::addColumn<QString>("error");
    QTest::newRow("valid") << ""
                           << ""
                           << "";
    QTest::newRow("truncated") << R"("bias":[0]}]})"
                               << R"("bias":[0)"
                               << "m.json: not valid JSON";
    QTest::newRow("wrong format") << "backprop-studio-model"
                                  << "other"
                                  << "m.json: not a Backprop Studio model";
    QTest::newRow("unknown version") << R"("version":1)"
                                     << R"("version":7)"
                                     << "m.json: unsupported model version 7";
    QTest::newRow("missing features") << R"("features":["a","b"],)"
                                      << ""
                                      << "m.json: model: missing key 'features'";
    QTest::newRow("wrong weight rows") << R"([[1,2],[3,4]])"
                                       << R"([[1,2]])"
                                       << "m.json: layers[0]: weights must have 'inputs' rows";
    QTest::newRow("ragged weights") << R"([[1,2],[3,4]])"
                                    << R"([[1,2],[3]])"
                                    << "m.json: layers[0].weights[1]: expected 2 numbers";
    QTest::newRow("string weight") << R"([[1,2],[3,4]])"
                                   << R"([[1,2],[3,"x"]])"
                                   << "m.json: layers[0].weights[1][1]: expected a number";
    QTest::newRow("huge declared size") << R"("inputs":2,"units":2)"
                                        << R"("inputs":2000000000,"units":2)"
                                        << "m.json: layers[0]: weights must have 'inputs' rows";
    QTest::newRow("scaler size") << R"("std":[1,1])"
                                 << R"("std":[1])"
                                 << "m.json: scaler has 2 means and 1 stds for 2 features";
    QTest::newRow("zero std") << R"("std":[1,1])"
                              << R"("std":[1,0])"
                              << "m.json: scaler values must be finite and std positive";
    QTest::newRow("chain mismatch")
        << R"("inputs":2,"units":1,"activation":"sigmoid","weights":[[1],[1]])"
        << R"("inputs":3,"units":1,"activation":"sigmoid","weights":[[1],[1],[1]])"
        << "m.json: layer 2 has 3 inputs, expected 2";
    QTest::newRow("bad activation") << R"("activation":"tanh")"
                                    << R"("activation":"swish")"
                                    << "m.json: layers[0]: unknown activation";
    QTest::newRow("output for task")
        << R"("activation":"sigmoid")"
        << R"("activation":"identity")"
        << "m.json: output activation 'identity' does not fit task 'binary'";
    QTest::newRow("duplicate feature") << R"("features":["a","b"])"
                                       << R"("features":["a","a"])"
                                       << "m.json: the feature name 'a' appears twice";
    QTest::newRow("duplicate class") << R"("classes":["0","1"])"
                                     << R"("classes":["1","1"])"
                                     << "m.json: the class name '1' appears twice";
    QTest::newRow("threshold above 1") << R"("target":"y")"
                                       << R"("target":"y","threshold":1.5)"
                                       << "m.json: threshold: expected a number between 0 and 1";
    QTest::newRow("threshold 0") << R"("target":"y")"
                                 << R"("target":"y","threshold":0)"
                                 << "m.json: threshold: expected a number between 0 and 1";
    QTest::newRow("threshold text") << R"("target":"y")"
                                    << R"("target":"y","threshold":"0.3")"
                                    << "m.json: threshold: expected a number";
    QTest::newRow("threshold valid") << R"("target":"y")"
                                     << R"("target":"y","threshold":0.25)"
                                     << "";
    QTest::newRow("not an object") << validJson().c_str() << "[1,2]"
                                   << "m.json: not a Backprop Studio model";
}

void tst_ModelFile::malformed() {
    QFETCH(QString, find);
    QFETCH(QString, replace);
    QFETCH(QString, error);
    std::string text = validJson();
    if (!find.isEmpty()) {
        const auto at = text.find(find.toStdString());
        QVERIFY2(at != std::string::npos, "the test's search text is not in the model");
        text.replace(at, find.toStdString().size(), replace.toStdString());
    }
    try {
        const Model m = modelFromJson(text, "m.json");
        QVERIFY2(error.isEmpty(), "expected an error");
        QCOMPARE(m.layers.size(), std::size_t(2));
    } catch (const DataError& e) {
        QVERIFY2(!error.isEmpty(), e.what());
        QVERIFY2(QString(e.what()).startsWith(error), e.what());
    }
}

void tst_ModelFile::saveIsAtomicAndLoadReportsMissingFile() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("model.json").toStdString();
    const Model model = modelFromJson(validJson());
    saveModel(model, path);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"model.json"});  // no temp left
    QCOMPARE(loadModel(path).features, model.features);
    try {
        loadModel(dir.filePath("missing.json").toStdString());
        QFAIL("expected a DataError");
    } catch (const DataError& e) {
        QVERIFY2(QString(e.what()).contains("cannot open"), e.what());
    }
    try {
        saveModel(model, dir.filePath("no/such/dir/m.json").toStdString());
        QFAIL("expected a DataError");
    } catch (const DataError& e) {
        QVERIFY2(QString(e.what()).contains("cannot write"), e.what());
    }
}

void tst_ModelFile::thresholdRoundTripsAndDecides() {
    Model model = modelFromJson(validJson());
    QCOMPARE(model.threshold, 0.5);  // a file from before the field: the usual 0.5
    model.threshold = 0.3172;
    const std::string text = modelToJson(model);
    QVERIFY(text.find("\"threshold\": 0.3172") != std::string::npos);
    const Model loaded = modelFromJson(text);
    QCOMPARE(loaded.threshold, 0.3172);
    // The labels follow the stored threshold, in predict's CSV too.
    Eigen::MatrixXd p(3, 1);
    p << 0.2, 0.32, 0.6;
    QCOMPARE(loaded.decide(p), Eigen::Vector3i(0, 1, 1));
    QCOMPARE(predictionsToCsv(loaded, p),
             std::string("probability,predicted\n0.2,0\n0.32,1\n0.6,1\n"));
    model.threshold = 0.5;
    QCOMPARE(predictionsToCsv(model, p),
             std::string("probability,predicted\n0.2,0\n0.32,0\n0.6,1\n"));
    // Only a binary model has one.
    std::string regression = validJson();
    regression.replace(regression.find(R"("task":"binary")"), 15, R"("task":"regression")");
    regression.replace(regression.find(R"("activation":"sigmoid")"), 22,
                       R"("activation":"identity")");
    regression.replace(regression.find(R"("classes":["0","1"],)"), 20, R"("threshold":0.3,)");
    try {
        modelFromJson(regression, "r.json");
        QFAIL("expected a DataError");
    } catch (const DataError& e) {
        QVERIFY2(QString(e.what()).contains("threshold: only a binary model"), e.what());
    }
    Model wrong = model;
    wrong.threshold = 1.0;
    QVERIFY(!wrong.validate().empty());
}

QTEST_APPLESS_MAIN(tst_ModelFile)
#include "tst_model_file.moc"
