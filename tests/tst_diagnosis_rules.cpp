// The diagnosis rules one at a time, on hand-built runs (no training): the code table's names,
// ranks and root-cause flags, each rule on either side of its threshold, the plateau speaking
// only when nothing else explains a flat loss, and diagnose() ranking by the table.

#include <QtTest>
#include <cmath>

#include "core/data/dataset.h"
#include "core/diagnosis/diagnosis_rules.h"
#include "core/diagnosis/diagnosis_thresholds.h"
#include "tests/common/hand_built_run.h"

using namespace bps;

Q_DECLARE_METATYPE(bps::FindingCode)
Q_DECLARE_METATYPE(bps::rules::Rule)

using test::codes;
using test::HandBuiltRun;
using test::kThreshold;

namespace {

LayerHealth initialWeights(double ratioToReference) {
    LayerHealth h;
    h.referenceStd = 0.25;
    h.weightStd = 0.25 * ratioToReference;
    return h;
}

}  // namespace

class tst_DiagnosisRules : public QObject {
    Q_OBJECT
private slots:
    void codeTable_data();
    void codeTable();
    void ruleAtItsThreshold_data();
    void ruleAtItsThreshold();
    void plateauOnlyWhenNothingElseExplainsIt();
    void rankedByTheCodeTable();
    void noBetterThanLinearAtTheFoldSpread_data();
    void noBetterThanLinearAtTheFoldSpread();
    void continuedRunHasNoInitialisationFinding_data();
    void continuedRunHasNoInitialisationFinding();
    void lowerRateTrainsStably_data();
    void lowerRateTrainsStably();
};

// The spellings and order README and users' scripts rely on.
void tst_DiagnosisRules::codeTable_data() {
    QTest::addColumn<FindingCode>("code");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("rank");
    QTest::addColumn<bool>("rootCause");
    const auto row = [](FindingCode code, const char* name, int rank, bool root) {
        QTest::newRow(name) << code << QString(name) << rank << root;
    };
    row(FindingCode::LargeInitialisation, "large_initialisation", 1, true);
    row(FindingCode::Diverged, "diverged", 2, true);
    row(FindingCode::FrozenParameters, "frozen_parameters", 3, true);
    row(FindingCode::TinyInitialisation, "tiny_initialisation", 4, true);
    row(FindingCode::UnscaledInputs, "unscaled_inputs", 5, true);
    row(FindingCode::LearningRateTooHigh, "learning_rate_too_high", 6, true);
    row(FindingCode::LearningRateTooLow, "learning_rate_too_low", 7, true);
    row(FindingCode::DeadRelu, "dead_relu", 8, false);
    row(FindingCode::SaturatedUnits, "saturated_units", 9, false);
    row(FindingCode::VanishingGradients, "vanishing_gradients", 10, false);
    row(FindingCode::PredictingMajorityClass, "predicting_majority_class", 11, false);
    row(FindingCode::Overfitting, "overfitting", 12, false);
    row(FindingCode::Plateau, "plateau", 13, false);
    row(FindingCode::ConstantFeatures, "constant_features", 14, false);
    row(FindingCode::NoBetterThanLinear, "no_better_than_linear", 15, false);
    row(FindingCode::IdentifierLeak, "identifier_leak", 16, true);
    row(FindingCode::ManyLevels, "many_levels", 17, false);
}

void tst_DiagnosisRules::codeTable() {
    QFETCH(FindingCode, code);
    QFETCH(QString, name);
    QFETCH(int, rank);
    QFETCH(bool, rootCause);
    QCOMPARE(QString::fromUtf8(findingCodeName(code).data()), name);
    QVERIFY(parseFindingCode(name.toStdString()) == code);
    QCOMPARE(findingRank(code), rank);
    QCOMPARE(isRootCause(code), rootCause);
    QCOMPARE(int(kFindingCodes.size()), 17);
}

// Each rule just short of its threshold says nothing, and just beyond it finds its code; at the
// threshold itself, "more than" rules say nothing and "at least" rules find it.
void tst_DiagnosisRules::ruleAtItsThreshold_data() {
    QTest::addColumn<rules::Rule>("rule");
    QTest::addColumn<double>("value");  // the measurement the threshold applies to
    QTest::addColumn<bool>("found");
    QTest::addColumn<FindingCode>("code");
    const double up = 1 + 1e-9, down = 1 - 1e-9;
    const auto rows = [&](const char* name, rules::Rule rule, double threshold, bool strictlyAbove,
                          FindingCode code) {
        const QByteArray n(name);
        QTest::newRow((n + " at the threshold").constData())
            << rule << threshold << !strictlyAbove << code;
        QTest::newRow((n + " beyond it").constData()) << rule << threshold * up << true << code;
        QTest::newRow((n + " short of it").constData())
            << rule << threshold * down << false << code;
    };
    rows("dead relu", rules::deadRelu, kThreshold.deadFraction, true, FindingCode::DeadRelu);
    rows("saturated", rules::saturatedUnits, kThreshold.saturatedFraction, true,
         FindingCode::SaturatedUnits);
    rows("large init", rules::largeInitialisation, kThreshold.largeInitialisationRatio, false,
         FindingCode::LargeInitialisation);
    // Tiny is "below": beyond the threshold is smaller.
    QTest::newRow("tiny init at the threshold")
        << rules::Rule(rules::tinyInitialisation) << kThreshold.tinyInitialisationRatio << false
        << FindingCode::TinyInitialisation;
    QTest::newRow("tiny init beyond it")
        << rules::Rule(rules::tinyInitialisation) << kThreshold.tinyInitialisationRatio * down
        << true << FindingCode::TinyInitialisation;
    QTest::newRow("NaN init is neither") << rules::Rule(rules::tinyInitialisation) << double(NAN)
                                         << false << FindingCode::TinyInitialisation;
    rows("unscaled", rules::unscaledInputs, kThreshold.unscaledScaleSpread, false,
         FindingCode::UnscaledInputs);
}

void tst_DiagnosisRules::ruleAtItsThreshold() {
    QFETCH(rules::Rule, rule);
    QFETCH(double, value);
    QFETCH(bool, found);
    QFETCH(FindingCode, code);
    LayerHealth hidden = HandBuiltRun::healthy();
    hidden.deadFraction = value;
    hidden.saturatedFraction = value;
    HandBuiltRun run(20, hidden);
    run.context.config.activation =
        code == FindingCode::DeadRelu ? Activation::Relu : Activation::Tanh;
    run.context.initialLayers = {initialWeights(value)};
    run.context.data.standardized = false;
    run.context.data.scaleSpread = value;
    const std::optional<Finding> f = run.apply(rule);
    const std::optional<FindingCode> got = f ? std::optional(f->code) : std::nullopt;
    QVERIFY2(got == (found ? std::optional(code) : std::nullopt),
             f ? f->message.c_str() : "no finding");
}

void tst_DiagnosisRules::plateauOnlyWhenNothingElseExplainsIt() {
    HandBuiltRun flat;
    QCOMPARE(codes(flat.diagnosis()), QString("plateau"));

    HandBuiltRun frozen;
    EpochReport last = frozen.monitor.recent().back();
    last.epoch += 1;
    last.layers[0].biasFrozen = true;
    frozen.monitor.observe(last);
    QCOMPARE(codes(frozen.diagnosis()), QString("frozen_parameters"));

    // Constant features are not about the loss: they do not silence the plateau.
    HandBuiltRun constant;
    constant.context.data.constantFeatures = {"zeros"};
    QCOMPARE(codes(constant.diagnosis()), QString("plateau, constant_features"));

    HandBuiltRun tooShort(int(kThreshold.plateauWindowEpochs) - 1);
    QCOMPARE(codes(tooShort.diagnosis()), QString());
}

void tst_DiagnosisRules::rankedByTheCodeTable() {
    HandBuiltRun run;
    run.context.data.constantFeatures = {"zeros", "ones"};
    run.context.data.standardized = false;
    run.context.data.scaleSpread = 100;
    run.context.initialLayers = {initialWeights(1e-4)};
    const std::vector<Finding> findings = run.diagnosis();
    QCOMPARE(codes(findings), QString("tiny_initialisation, unscaled_inputs, constant_features"));
    QCOMPARE(findings.back().message,
             std::string("Constant features carry no information: 'zeros', 'ones'."));
    QCOMPARE(findings.front().message,
             std::string("The initial weights of layer 1 were 1e+04 times smaller than the "
                         "Glorot/He scale: signals and gradients shrink layer by layer and the "
                         "network starts out unable to learn."));
}

// Folds whose scores spread by sd 0.01 (the linear one 0.005): a gain of 0.009 is within the
// spread and finds the code, 0.011 beyond it does not; NaN folds (a class absent) are skipped.
void tst_DiagnosisRules::noBetterThanLinearAtTheFoldSpread_data() {
    QTest::addColumn<double>("gain");
    QTest::addColumn<bool>("found");
    QTest::newRow("worse") << -0.02 << true;
    QTest::newRow("within") << 0.009 << true;
    QTest::newRow("beyond") << 0.011 << false;
}

void tst_DiagnosisRules::noBetterThanLinearAtTheFoldSpread() {
    QFETCH(double, gain);
    QFETCH(bool, found);
    rules::BaselineComparison in;
    in.metric = "ROC AUC";
    // sd of {-1, 0, 1, 0} * s is s * sqrt(2/3); scaled so that the sd is exactly 0.01.
    const double s = 0.01 / std::sqrt(2.0 / 3.0);
    for (double d : {-1.0, 0.0, 1.0, 0.0}) {
        in.linear.push_back(0.8 + d * s / 2);
        in.network.push_back(0.8 + gain + d * s);
    }
    in.network.push_back(kNaN);
    in.linear.push_back(kNaN);
    const auto finding = rules::noBetterThanLinear(in);
    QCOMPARE(finding.has_value(), found);
    const Finding f = finding.value_or(Finding{FindingCode::Plateau, "", {{"gain", kNaN}}, ""});
    QCOMPARE(f.code == FindingCode::NoBetterThanLinear, found);
    QCOMPARE(f.message.find("Across 4 folds") != std::string::npos, found);
    QCOMPARE(std::abs(f.evidence.back().second - gain) < 1e-12, found);
}

// A continued run starts from an earlier run's weights: however far off the Glorot/He scale
// they are, they are no initialisation (issue #14).
void tst_DiagnosisRules::continuedRunHasNoInitialisationFinding_data() {
    QTest::addColumn<double>("ratio");
    QTest::addColumn<bool>("continued");
    QTest::addColumn<QString>("expected");
    QTest::newRow("fresh, large") << 2.3e3 << false << "large_initialisation";
    QTest::newRow("continued, large") << 2.3e3 << true << "plateau";
    QTest::newRow("fresh, tiny") << 1e-4 << false << "tiny_initialisation";
    QTest::newRow("continued, tiny") << 1e-4 << true << "plateau";
}

void tst_DiagnosisRules::continuedRunHasNoInitialisationFinding() {
    QFETCH(double, ratio);
    QFETCH(bool, continued);
    QFETCH(QString, expected);
    HandBuiltRun run;
    run.context.initialLayers = {initialWeights(ratio)};
    run.context.continued = continued;
    QCOMPARE(codes(run.diagnosis()), expected);
}

// The lower rate a divergence suggests: the range test's rate if it ran (and is lower), else
// the rate the run last trained stably at, else a tenth capped at the optimiser's safe rate.
// Adam at 10 used to get 1, which diverges too.
void tst_DiagnosisRules::lowerRateTrainsStably_data() {
    QTest::addColumn<double>("rate");
    QTest::addColumn<int>("optimizer");
    QTest::addColumn<double>("rangeTest");
    QTest::addColumn<double>("stable");  // the rate of earlier epochs whose loss fell; 0: none
    QTest::addColumn<double>("suggested");
    const int adam = int(OptimizerKind::Adam), sgd = int(OptimizerKind::Sgd);
    QTest::newRow("adam at 10") << 10.0 << adam << double(NAN) << 0.0 << kThreshold.safeAdamRate;
    QTest::newRow("adam at 3e-3: a tenth") << 3e-3 << adam << double(NAN) << 0.0 << 3e-4;
    QTest::newRow("sgd at 10") << 10.0 << sgd << double(NAN) << 0.0 << kThreshold.safeMomentumRate;
    QTest::newRow("sgd at 0.05: a tenth") << 0.05 << sgd << double(NAN) << 0.0 << 0.005;
    QTest::newRow("range test first") << 10.0 << adam << 0.02 << 1e-4 << 0.02;
    QTest::newRow("range test above the rate") << 0.01 << adam << 0.5 << 0.0 << 1e-3;
    QTest::newRow("last stable rate") << 10.0 << adam << double(NAN) << 0.05 << 0.05;
    QTest::newRow("stable at this rate is no help")
        << 10.0 << adam << double(NAN) << 10.0 << kThreshold.safeAdamRate;
}

void tst_DiagnosisRules::lowerRateTrainsStably() {
    QFETCH(double, rate);
    QFETCH(int, optimizer);
    QFETCH(double, rangeTest);
    QFETCH(double, stable);
    QFETCH(double, suggested);
    HandBuiltRun run(0);
    run.context.config.optimizer = static_cast<OptimizerKind>(optimizer);
    run.context.config.live.learningRate = rate;
    run.context.rangeTestRate = rangeTest;
    double loss = 1.0;
    for (int e = 1; e <= 5; ++e) {
        EpochReport r;
        r.epoch = e;
        r.trainLoss = r.validationLoss = stable > 0 ? (loss *= 0.9) : 0.69;
        r.learningRate = stable > 0 ? stable : rate;
        run.monitor.observe(r);
    }
    run.stop = StopReason::Diverged;
    run.divergence = "the loss became non-finite in epoch 6";
    const std::optional<Finding> f = run.apply(rules::diverged);
    QVERIFY(f && f->fix);
    QCOMPARE(f->fix->value, suggested);
    QVERIFY2(f->suggestion.find("Lower the learning rate to") == 0, f->suggestion.c_str());
}

QTEST_APPLESS_MAIN(tst_DiagnosisRules)
#include "tst_diagnosis_rules.moc"
