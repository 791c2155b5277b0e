// The training configuration's rules, from limits.h: validate() at the edges of each range,
// operator== field by field, the momentum a running training accepts (the same as a new one),
// and the name tables every enum is spelt by (model files, reports and the command line).

#include <QtTest>
#include <functional>

#include "core/io/json_convert.h"
#include "core/model/limits.h"
#include "core/model/training_config.h"
#include "core/training/trainer.h"
#include "tests/test_support.h"

using namespace bps;

using Edit = std::function<void(TrainingConfig&)>;
Q_DECLARE_METATYPE(Edit)

namespace bps {
// What QCOMPARE prints for a config that differs: its JSON.
char* toString(const TrainingConfig& c) { return qstrdup(configToJson(c).dump().c_str()); }
}  // namespace bps

class tst_TrainingConfig : public QObject {
    Q_OBJECT
private slots:
    void validateAtTheLimits_data();
    void validateAtTheLimits();
    void equalityComparesEveryField_data();
    void equalityComparesEveryField();
    void runningTrainingAcceptsTheSameMomentum_data();
    void runningTrainingAcceptsTheSameMomentum();
    void namesRoundTrip();
};

void tst_TrainingConfig::validateAtTheLimits_data() {
    using namespace limits;
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<QString>("problem");  // empty: valid
    const auto hidden = [](int units) {
        return Edit([units](TrainingConfig& c) { c.hidden = {8, units}; });
    };
    QTest::newRow("defaults") << Edit([](TrainingConfig&) {}) << "";
    QTest::newRow("fewest units") << hidden(kHiddenUnits.min) << "";
    QTest::newRow("most units") << hidden(kHiddenUnits.max) << "";
    QTest::newRow("no units") << hidden(kHiddenUnits.min - 1)
                              << "hidden layer sizes must be between 1 and 100000";
    QTest::newRow("too many units")
        << hidden(kHiddenUnits.max + 1) << "hidden layer sizes must be between 1 and 100000";
    // Momentum: [0, 1), for a new run and a running one alike.
    const auto momentum = [](double m) {
        return Edit([m](TrainingConfig& c) { c.live.momentum = m; });
    };
    QTest::newRow("no momentum") << momentum(0) << "";
    QTest::newRow("the panel's largest momentum") << momentum(kMomentumControl.max) << "";
    QTest::newRow("momentum just below 1") << momentum(0.9995) << "";
    QTest::newRow("momentum 1") << momentum(kMomentumEnd) << "momentum must be in [0, 1)";
    QTest::newRow("negative momentum") << momentum(-0.1) << "momentum must be in [0, 1)";
    QTest::newRow("NaN momentum") << momentum(kNaN) << "momentum must be in [0, 1)";
    const auto fraction = [](double f) {
        return Edit([f](TrainingConfig& c) { c.validationFraction = f; });
    };
    QTest::newRow("no validation") << fraction(kValidationFraction.min) << "";
    QTest::newRow("most validation") << fraction(kValidationFraction.max) << "";
    QTest::newRow("too much validation")
        << fraction(0.91) << "validation fraction must be between 0 and 0.9";
    QTest::newRow("one epoch") << Edit([](TrainingConfig& c) { c.epochs = kMinEpochs; }) << "";
    QTest::newRow("no epochs") << Edit([](TrainingConfig& c) { c.epochs = kMinEpochs - 1; })
                               << "epochs must be at least 1";
    QTest::newRow("tiny rate") << Edit([](TrainingConfig& c) { c.live.learningRate = 1e-9; }) << "";
    QTest::newRow("zero rate") << Edit([](TrainingConfig& c) { c.live.learningRate = 0; })
                               << "learning rate must be a positive number";
}

void tst_TrainingConfig::validateAtTheLimits() {
    QFETCH(Edit, edit);
    QFETCH(QString, problem);
    TrainingConfig c;
    edit(c);
    QCOMPARE(QString::fromStdString(c.validate()), problem);
}

void tst_TrainingConfig::equalityComparesEveryField_data() {
    QTest::addColumn<Edit>("edit");
    QTest::newRow("hidden") << Edit([](TrainingConfig& c) { c.hidden = {16, 4}; });
    QTest::newRow("activation") << Edit([](TrainingConfig& c) { c.activation = Activation::Relu; });
    QTest::newRow("optimizer") << Edit([](TrainingConfig& c) { c.optimizer = OptimizerKind::Sgd; });
    QTest::newRow("nesterov") << Edit([](TrainingConfig& c) { c.nesterov = true; });
    QTest::newRow("learning rate") << Edit([](TrainingConfig& c) { c.live.learningRate = 0.02; });
    QTest::newRow("momentum") << Edit([](TrainingConfig& c) { c.live.momentum = 0.5; });
    QTest::newRow("l2") << Edit([](TrainingConfig& c) { c.live.l2 = 1e-4; });
    QTest::newRow("batch size") << Edit([](TrainingConfig& c) { c.live.batchSize = 0; });
    QTest::newRow("epochs") << Edit([](TrainingConfig& c) { c.epochs = 201; });
    QTest::newRow("validation") << Edit([](TrainingConfig& c) { c.validationFraction = 0.3; });
    QTest::newRow("seed") << Edit([](TrainingConfig& c) { c.seed = 2; });
    QTest::newRow("class weight") << Edit(
        [](TrainingConfig& c) { c.classWeight = ClassWeighting::Balanced; });
    QTest::newRow("patience") << Edit([](TrainingConfig& c) { c.earlyStoppingPatience = 5; });
    QTest::newRow("standardize") << Edit([](TrainingConfig& c) { c.standardize = false; });
    QTest::newRow("init scale") << Edit([](TrainingConfig& c) { c.initScale = 0.5; });
}

void tst_TrainingConfig::equalityComparesEveryField() {
    QFETCH(Edit, edit);
    TrainingConfig changed;
    edit(changed);
    QVERIFY(changed != TrainingConfig{});
    TrainingConfig again;
    edit(again);
    QCOMPARE(again, changed);
}

// Trainer::setLive once clamped momentum to 0.999 while validate() accepted anything in [0, 1):
// a running training now takes exactly what a new one accepts, and keeps its momentum otherwise
// (as it keeps its rate when given a bad one).
void tst_TrainingConfig::runningTrainingAcceptsTheSameMomentum_data() {
    QTest::addColumn<double>("momentum");
    QTest::addColumn<double>("expected");
    QTest::newRow("ordinary") << 0.5 << 0.5;
    QTest::newRow("above the panel's 0.999") << 0.9995 << 0.9995;
    QTest::newRow("zero") << 0.0 << 0.0;
    QTest::newRow("1 is refused") << 1.0 << 0.9;
    QTest::newRow("negative is refused") << -0.5 << 0.9;
}

void tst_TrainingConfig::runningTrainingAcceptsTheSameMomentum() {
    QFETCH(double, momentum);
    QFETCH(double, expected);
    const Dataset data = test::syntheticDataset(Task::Binary, 100, 3, 2, 7);
    TrainingConfig config;
    config.optimizer = OptimizerKind::Momentum;
    config.live.momentum = 0.9;
    Trainer trainer(data, config);
    LiveHyperparameters live = config.live;
    live.momentum = momentum;
    trainer.setLive(live);
    QCOMPARE(trainer.live().momentum, expected);
    TrainingConfig fresh = config;
    fresh.live.momentum = momentum;
    QCOMPARE(fresh.validate().empty(), momentum == expected);
}

void tst_TrainingConfig::namesRoundTrip() {
    for (const auto& [value, name] : kTaskNames) {
        QCOMPARE(std::string(taskName(value)), std::string(name));
        QVERIFY(parseTask(name) == value);
    }
    for (const auto& [value, name] : kActivationNames) {
        QCOMPARE(std::string(activationName(value)), std::string(name));
        QVERIFY(parseActivation(name) == value);
    }
    for (const auto& [value, name] : kOptimizerNames) {
        QCOMPARE(std::string(optimizerName(value)), std::string(name));
        QVERIFY(parseOptimizer(name) == value);
    }
    for (const auto& [value, name] : kClassWeightingNames) {
        QCOMPARE(std::string(classWeightingName(value)), std::string(name));
        QVERIFY(parseClassWeighting(name) == value);
    }
    for (const auto& [value, name] : kStopReasonNames)
        QCOMPARE(std::string(stopReasonName(value)), std::string(name));
    // The spellings files and scripts rely on.
    QCOMPARE(std::string(activationName(Activation::LeakyRelu)), std::string("leaky_relu"));
    QCOMPARE(std::string(stopReasonName(StopReason::EarlyStopping)), std::string("early_stopping"));
    QCOMPARE(joinNames(kActivationNames, "|", isHiddenActivation),
             std::string("tanh|sigmoid|relu|leaky_relu"));
    QVERIFY(!parseTask("Binary"));  // exact spelling only
    QCOMPARE(std::string(taskName(static_cast<Task>(42))), std::string("unknown"));
}

QTEST_APPLESS_MAIN(tst_TrainingConfig)
#include "tst_training_config.moc"
