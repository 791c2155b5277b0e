// The Diagnosis panel: what each one-click fix changes, the cards of a diagnosis (updated in
// place, a button per fix), and end to end in the main window: a run built to fail shows its
// root cause first, a healthy run shows none of the failure codes, and fix buttons change the
// settings (a live one reaches the running training).

#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QtTest>
#include <memory>

#include "core/diagnosis/diagnosis_thresholds.h"
#include "core/model/limits.h"
#include "tests/common/gui_test_setup.h"
#include "ui/panels/diagnosis_panel.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/panels/log_value_control.h"
#include "ui/panels/restart_banner.h"
#include "ui/panels/suggested_fix.h"
#include "ui/training/training_thread.h"
#include "ui/window/main_window.h"

using namespace bps;
using Kind = SuggestedFix::Kind;

Q_DECLARE_METATYPE(bps::SuggestedFix::Kind)
Q_DECLARE_METATYPE(bps::FindingCode)

namespace {
Finding finding(FindingCode code, std::optional<SuggestedFix> fix) {
    return {code,
            "message of " + std::string(findingCodeName(code)),
            {{"learning_rate", 1e-4}},
            "suggestion",
            fix};
}
}  // namespace

class tst_DiagnosisPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void fixChangesOneSetting_data();
    void fixChangesOneSetting();
    void cardsShowFindingsAndEmitFixes();
    void cardTitles_data();
    void cardTitles();
    void everyCodeHasATitle();
    void seedFailureRankedFirstAndFixed_data();
    void seedFailureRankedFirstAndFixed();
    void healthyRunHasNoFailureCodes();
    void liveFixReachesRunningTraining();

private:
    void train(const TrainingConfig& config);
    std::unique_ptr<MainWindow> m_window;
};

void tst_DiagnosisPanel::initTestCase() {
    test::useTestSettings(QStringLiteral("tst_diagnosis_panel"));
    m_window = test::shownMainWindow();
    QVERIFY(m_window);
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(QStringLiteral(BPS_SAMPLE_CSV));
    QVERIFY2(loaded.wait(10'000), "the sample did not load");
}

void tst_DiagnosisPanel::fixChangesOneSetting_data() {
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("changed");  // the words describeConfigChange must use
    QTest::newRow("learning rate") << Kind::SetLearningRate << 0.003 << "learning rate";
    QTest::newRow("rate clamped to the panel") << Kind::SetLearningRate << 50.0 << "learning rate";
    QTest::newRow("standardise") << Kind::Standardize << 1.0 << "standardisation";
    QTest::newRow("balanced") << Kind::BalancedClassWeights << 1.0 << "class weighting";
    QTest::newRow("activation") << Kind::UseActivation << 0.0 << "activation";
    QTest::newRow("early stopping") << Kind::EarlyStopping << 12.0 << "early stopping";
    QTest::newRow("initialisation") << Kind::DefaultInitialisation << 1.0 << "init scale";
}

void tst_DiagnosisPanel::fixChangesOneSetting() {
    QFETCH(Kind, kind);
    QFETCH(double, value);
    QFETCH(QString, changed);
    TrainingConfig before;
    before.live.learningRate = 1e-4;
    before.standardize = false;
    before.initScale = 1e-4;
    const SuggestedFix fix{kind, value, Activation::LeakyRelu};
    const TrainingConfig after = withFix(before, fix);
    const QString change = describeConfigChange(before, after);
    QVERIFY2(change.startsWith(changed), qPrintable(change));
    QVERIFY2(!change.contains(','), qPrintable("more than one setting changed: " + change));
    QVERIFY(!fixButtonText(fix).isEmpty());
    QCOMPARE(fixIsLive(fix), kind == Kind::SetLearningRate);
    switch (kind) {
        case Kind::SetLearningRate:
            QCOMPARE(after.live.learningRate, std::min(value, limits::kLearningRateControl.max));
            break;
        case Kind::Standardize:
            QVERIFY(after.standardize);
            break;
        case Kind::BalancedClassWeights:
            QVERIFY(after.classWeight == ClassWeighting::Balanced);
            break;
        case Kind::UseActivation:
            QVERIFY(after.activation == Activation::LeakyRelu);
            break;
        case Kind::EarlyStopping:
            QCOMPARE(after.earlyStoppingPatience, 12);
            break;
        case Kind::DefaultInitialisation:
            QCOMPARE(after.initScale, 1.0);
            break;
    }
    // Applied to the panel, the setting shows up in its config.
    HyperparameterPanel panel;
    panel.setConfig(before);
    QSignalSpy structure(&panel, &HyperparameterPanel::structureChanged);
    QSignalSpy live(&panel, &HyperparameterPanel::liveChanged);
    panel.applyConfig(after, change);
    QCOMPARE(describeConfigChange(panel.config(), after), QString());
    QCOMPARE(live.count(), kind == Kind::SetLearningRate ? 1 : 0);
    QCOMPARE(structure.count(), kind == Kind::SetLearningRate ? 0 : 1);
}

void tst_DiagnosisPanel::cardsShowFindingsAndEmitFixes() {
    DiagnosisPanel panel;
    DiagnosisUpdate update;
    update.epoch = 7;
    update.findings = {
        finding(FindingCode::TinyInitialisation, SuggestedFix{Kind::DefaultInitialisation, 1}),
        finding(FindingCode::Plateau, std::nullopt)};
    panel.setDiagnosis(update);
    QCOMPARE(panel.codes(), QStringList({"tiny_initialisation", "plateau"}));
    QVERIFY(panel.headline().contains("2 problems"));
    QPushButton* first = panel.fixButton(0);
    QVERIFY(first && !first->isHidden());
    QVERIFY(panel.fixButton(1)->isHidden());  // no fix, no button
    QSignalSpy fixes(&panel, &DiagnosisPanel::fixRequested);
    first->click();
    QCOMPARE(fixes.count(), 1);
    QVERIFY(fixes.at(0).at(0).value<SuggestedFix>().kind == Kind::DefaultInitialisation);

    // New numbers, same codes: the same button stays (no flicker under the mouse).
    update.epoch = 8;
    update.findings[0].message = "changed";
    panel.setDiagnosis(update);
    QCOMPARE(panel.fixButton(0), first);
    update.findings = {};
    panel.setDiagnosis(update);
    QVERIFY(panel.codes().isEmpty());
    QVERIFY2(panel.headline().contains("healthy"), qPrintable(panel.headline()));
    QCOMPARE(formatEvidence({{"initial_weight_std", 2.5e-5}}), "initial weight std = 2.5e-05");
}

// Titles are words for people, translated with tr(), not the code with its underscores replaced.
void tst_DiagnosisPanel::cardTitles_data() {
    QTest::addColumn<FindingCode>("code");
    QTest::addColumn<QString>("title");
    QTest::newRow("tiny") << FindingCode::TinyInitialisation << "Tiny initialisation";
    QTest::newRow("rate") << FindingCode::LearningRateTooHigh << "Learning rate too high";
    QTest::newRow("majority") << FindingCode::PredictingMajorityClass
                              << "Predicting majority class";
    QTest::newRow("constant") << FindingCode::ConstantFeatures << "Constant features";
    QTest::newRow("identifier") << FindingCode::IdentifierLeak << "Identifier as an input";
    QTest::newRow("levels") << FindingCode::ManyLevels << "Many levels";
}

void tst_DiagnosisPanel::cardTitles() {
    QFETCH(FindingCode, code);
    QFETCH(QString, title);
    QCOMPARE(findingTitle(code), title);
    DiagnosisPanel panel;
    DiagnosisUpdate update;
    update.findings = {finding(FindingCode::Diverged, std::nullopt), finding(code, std::nullopt)};
    panel.setDiagnosis(update);
    QCOMPARE(panel.cardTitle(1), QStringLiteral("2. ") + title);
    QCOMPARE(panel.codes().value(1), QString::fromUtf8(findingCodeName(code).data()));
}

void tst_DiagnosisPanel::everyCodeHasATitle() {
    QSet<QString> titles;
    for (const FindingCodeInfo& info : kFindingCodes) {
        const QString title = findingTitle(info.code);
        QVERIFY2(!title.contains('_') && title != QString::fromUtf8(info.name.data()),
                 qPrintable(title));
        titles.insert(title);
    }
    QCOMPARE(titles.size(), qsizetype(kFindingCodes.size()));
}

void tst_DiagnosisPanel::train(const TrainingConfig& config) {
    m_window->hyperparameters()->setConfig(config);
    m_window->resetWeights();
    m_window->startTraining();
    TrainingController* c = m_window->controller();
    // The thread sends its last diagnosis before the final result that makes the state Idle, so
    // the panel shows it by then.
    QTRY_VERIFY_WITH_TIMEOUT(c->state() == TrainingController::State::Idle, 30'000);
}

void tst_DiagnosisPanel::seedFailureRankedFirstAndFixed_data() {
    QTest::addColumn<double>("learningRate");
    QTest::addColumn<double>("initScale");
    QTest::addColumn<bool>("standardize");
    QTest::addColumn<int>("activation");
    QTest::addColumn<int>("optimizer");
    QTest::addColumn<QString>("first");
    // The seed network's failure, as in README's "My cost is flat".
    QTest::newRow("tiny init, unscaled, tiny rate")
        << 1e-4 << 1e-4 << false << int(Activation::Tanh) << int(OptimizerKind::Sgd)
        << "tiny_initialisation";
    QTest::newRow("unscaled") << 0.01 << 1.0 << false << int(Activation::Tanh)
                              << int(OptimizerKind::Adam) << "unscaled_inputs";
    QTest::newRow("rate too high") << 10.0 << 1.0 << true << int(Activation::Relu)
                                   << int(OptimizerKind::Sgd) << "learning_rate_too_high";
    QTest::newRow("diverged") << 10.0 << 10.0 << true << int(Activation::LeakyRelu)
                              << int(OptimizerKind::Momentum) << "diverged";
}

void tst_DiagnosisPanel::seedFailureRankedFirstAndFixed() {
    QFETCH(double, learningRate);
    QFETCH(double, initScale);
    QFETCH(bool, standardize);
    QFETCH(int, activation);
    QFETCH(int, optimizer);
    QFETCH(QString, first);
    TrainingConfig c;
    c.epochs = 15;
    c.live.learningRate = learningRate;
    c.initScale = initScale;
    c.standardize = standardize;
    c.activation = static_cast<Activation>(activation);
    c.optimizer = static_cast<OptimizerKind>(optimizer);
    train(c);
    DiagnosisPanel* panel = m_window->diagnosisPanel();
    QVERIFY2(panel->appliedText().isEmpty(), "a note from the previous run is still shown");
    const QStringList codes = panel->codes();
    QVERIFY2(codes.value(0) == first, qPrintable(codes.join(", ")));
    if (first == "tiny_initialisation")
        QVERIFY2(codes.contains("unscaled_inputs"), qPrintable(codes.join(", ")));

    // Each fix button changes its setting in the hyperparameter panel, and says what it did.
    HyperparameterPanel* settings = m_window->hyperparameters();
    QPushButton* fix = panel->fixButton(0);
    QVERIFY(fix && !fix->isHidden());
    fix->click();
    const TrainingConfig now = settings->config();
    if (first == "tiny_initialisation") QCOMPARE(now.initScale, 1.0);
    if (first == "unscaled_inputs") QVERIFY(now.standardize);
    // A tenth of 10 is 1, which diverges as well: capped at the optimiser's safe rate (both
    // rows train with SGD or momentum, and no lower rate trained stably before).
    if (first == "diverged" || first == "learning_rate_too_high")
        QCOMPARE(now.live.learningRate,
                 std::min(learningRate / 10, kDiagnosisThresholds.safeMomentumRate));
    QVERIFY2(!panel->appliedText().isEmpty(), "the user is not told what changed");
    if (first == "tiny_initialisation") {
        panel->fixButton(codes.indexOf("unscaled_inputs"))->click();
        QVERIFY(settings->config().standardize);
        QVERIFY(settings->standardize()->isChecked());
    }
}

void tst_DiagnosisPanel::healthyRunHasNoFailureCodes() {
    TrainingConfig c;
    c.epochs = 25;
    train(c);
    const QStringList codes = m_window->diagnosisPanel()->codes();
    for (const char* failure :
         {"diverged", "frozen_parameters", "tiny_initialisation", "unscaled_inputs",
          "learning_rate_too_high", "learning_rate_too_low", "dead_relu", "saturated_units",
          "vanishing_gradients", "predicting_majority_class", "plateau"})
        QVERIFY2(!codes.contains(failure), qPrintable("healthy run diagnosed " + codes.join(", ")));
    QVERIFY2(m_window->diagnosisPanel()->headline().contains("Healthy"),
             qPrintable(m_window->diagnosisPanel()->headline()));
}

void tst_DiagnosisPanel::liveFixReachesRunningTraining() {
    // The finding must hold for the whole run whatever the machine's speed: Adam at 1e-5 falls
    // below 0.9 x the baseline loss after ~225 HTRU2 epochs (a quarter of a second), which a
    // fast machine passed before the panel's first update. Plain SGD's small-rate path scales
    // with rate x steps: at 1e-7 it gets there after ~260,000 epochs, beyond the run's 100,000.
    TrainingConfig c;
    c.epochs = 100'000;
    c.optimizer = OptimizerKind::Sgd;
    c.live.learningRate = 1e-7;
    m_window->hyperparameters()->setConfig(c);
    m_window->resetWeights();
    m_window->startTraining();
    DiagnosisPanel* panel = m_window->diagnosisPanel();
    // Live cards are drawn only while the panel is on screen (RedrawThrottle).
    QVERIFY2(panel->isVisible(), "the Findings panel is hidden, so it is not updated live");
    QTRY_VERIFY_WITH_TIMEOUT(panel->codes().contains("learning_rate_too_low"), 20'000);
    panel->fixButton(panel->codes().indexOf("learning_rate_too_low"))->click();
    const double rate = m_window->hyperparameters()->learningRate()->value();
    QVERIFY2(rate >= 10 * c.live.learningRate, qPrintable(QString::number(rate)));
    TrainingController* controller = m_window->controller();
    QTRY_VERIFY_WITH_TIMEOUT(controller->lastReport().live.learningRate == rate, 10'000);
    QVERIFY2(panel->appliedText().contains("next epoch"), qPrintable(panel->appliedText()));
    QVERIFY(m_window->restartBanner()->isHidden());  // a live change needs no restart
    m_window->stopTraining();
    QTRY_VERIFY_WITH_TIMEOUT(controller->state() == TrainingController::State::Idle, 10'000);
}

QTEST_MAIN(tst_DiagnosisPanel)
#include "tst_diagnosis_panel.moc"
