// The hyperparameter panel: parsing, a lossless round trip of the config, which changes count as
// live and which need a restart, and the logarithmic learning-rate control.

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QtTest>
#include <climits>
#include <cmath>

#include "core/io/json_convert.h"
#include "core/model/limits.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/panels/log_value_control.h"

using namespace bps;

namespace bps {
// What QCOMPARE prints for a config that differs: its JSON.
char* toString(const TrainingConfig& config) {
    return qstrdup(configToJson(config).dump().c_str());
}
}  // namespace bps

class tst_HyperparameterPanel : public QObject {
    Q_OBJECT
private slots:
    void parsesHiddenLayers_data();
    void parsesHiddenLayers();
    void roundTripsConfig();
    void liveAndStructuralChanges();
    void resetRestoresDefaults();
    void adaptsToTheRowsKeepingTheUsersValues();
    void controlsStayInsideTheLimits();
    void logControlRangeAndSteps_data();
    void logControlRangeAndSteps();
    void learningRateSliderIsFine();
    void logControlBoxKeepsExactValues();
};

void tst_HyperparameterPanel::parsesHiddenLayers_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<std::vector<int>>("units");
    QTest::newRow("one layer") << "16" << true << std::vector<int>{16};
    QTest::newRow("two layers") << "32,16" << true << std::vector<int>{32, 16};
    QTest::newRow("spaces") << " 64 , 8 " << true << std::vector<int>{64, 8};
    QTest::newRow("none") << "" << true << std::vector<int>{};
    QTest::newRow("zero units") << "0" << false << std::vector<int>{};
    QTest::newRow("word") << "abc" << false << std::vector<int>{};
    QTest::newRow("empty part") << "8,,4" << false << std::vector<int>{};
    QTest::newRow("largest") << QString::number(limits::kHiddenUnits.max) << true
                             << std::vector<int>{limits::kHiddenUnits.max};
    QTest::newRow("too large") << QString::number(limits::kHiddenUnits.max + 1) << false
                               << std::vector<int>{};
}

void tst_HyperparameterPanel::parsesHiddenLayers() {
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(std::vector<int>, units);
    std::vector<int> parsed;
    QCOMPARE(parseHiddenLayers(text, parsed), ok);
    QCOMPARE(parsed, units);  // nothing half-parsed on failure
}

void tst_HyperparameterPanel::roundTripsConfig() {
    HyperparameterPanel panel;
    QCOMPARE(panel.config(), TrainingConfig{});
    TrainingConfig c;
    c.hidden = {32, 16};
    c.activation = Activation::Relu;
    c.optimizer = OptimizerKind::Momentum;
    c.nesterov = true;
    c.live = {0.003, 0.8, 0.001, 64};
    c.epochs = 500;
    c.validationFraction = 0.3;
    c.seed = 42;
    c.classWeight = ClassWeighting::Balanced;
    c.earlyStoppingPatience = 20;
    c.standardize = false;  // the seed network's setting, which the diagnosis flags
    c.initScale = 1e-4;
    QSignalSpy any(&panel, &HyperparameterPanel::configChanged);
    panel.setConfig(c);
    QCOMPARE(any.size(), 0);  // showing a config is not a user change
    QCOMPARE(panel.config(), c);
}

void tst_HyperparameterPanel::liveAndStructuralChanges() {
    HyperparameterPanel panel;
    QSignalSpy live(&panel, &HyperparameterPanel::liveChanged);
    QSignalSpy structure(&panel, &HyperparameterPanel::structureChanged);
    panel.batchSize()->setValue(32);
    QCOMPARE(live.size(), 1);
    QCOMPARE(live.at(0).at(0).value<LiveHyperparameters>().batchSize, 32);
    QCOMPARE(structure.size(), 0);
    panel.learningRate()->setValue(0.2);
    QCOMPARE(live.size(), 2);
    QCOMPARE(live.at(1).at(0).value<LiveHyperparameters>().learningRate, 0.2);
    panel.hiddenLayers()->setText("4");
    emit panel.hiddenLayers()->editingFinished();
    QCOMPARE(structure.size(), 1);
    QVERIFY2(structure.at(0).at(0).toString().contains("hidden layers"),
             qPrintable(structure.at(0).at(0).toString()));
    QCOMPARE(live.size(), 2);
    // An invalid size is refused and the last valid one comes back, without a restart notice.
    panel.hiddenLayers()->setText("0");
    emit panel.hiddenLayers()->editingFinished();
    QCOMPARE(panel.hiddenLayers()->text(), QStringLiteral("4"));
    QCOMPARE(panel.config().hidden, std::vector<int>{4});
    QCOMPARE(structure.size(), 1);
    // Standardisation and the initialisation scale change the network: restart to apply.
    panel.standardize()->setChecked(false);
    QCOMPARE(structure.size(), 2);
    QVERIFY(!panel.config().standardize);
    panel.initScale()->setValue(1e-4);
    QCOMPARE(structure.size(), 3);
    QCOMPARE(panel.config().initScale, 1e-4);
    QCOMPARE(live.size(), 2);
}

void tst_HyperparameterPanel::resetRestoresDefaults() {
    HyperparameterPanel panel;
    panel.batchSize()->setValue(8);
    QSignalSpy live(&panel, &HyperparameterPanel::liveChanged);
    panel.resetToDefaults();
    QCOMPARE(live.size(), 1);
    QCOMPARE(panel.config(), TrainingConfig{});
}

// A loaded table sets the adapted defaults, shows why, and Reset gives them; a value the user
// chose stays through a new table, one a default chose follows the table.
void tst_HyperparameterPanel::adaptsToTheRowsKeepingTheUsersValues() {
    HyperparameterPanel panel;
    QVERIFY(panel.adaptedNote()->isHidden());
    panel.batchSize()->setValue(96);
    panel.adaptToRows(150);
    const TrainingConfig small = panel.config();
    QCOMPARE(small.hidden, std::vector<int>{64});
    QCOMPARE(small.live.l2, 0.003);
    QCOMPARE(small.validationFraction, 0.1);
    QCOMPARE(small.earlyStoppingPatience, 40);
    QCOMPARE(small.live.batchSize, 96);  // the user's
    QVERIFY(!panel.adaptedNote()->isHidden());
    QVERIFY2(panel.adaptedNote()->text().startsWith("Defaults adapted to 150 rows"),
             qPrintable(panel.adaptedNote()->text()));

    panel.batchSize()->setValue(97);  // the note said what loading set: no longer all true
    QVERIFY(panel.adaptedNote()->isHidden());
    panel.batchSize()->setValue(96);
    panel.adaptToRows(20000);
    QVERIFY(!panel.adaptedNote()->isHidden());
    const TrainingConfig large = panel.config();
    QCOMPARE(large.hidden, std::vector<int>{16});
    QCOMPARE(large.live.l2, 0.0);
    QCOMPARE(large.validationFraction, 0.2);
    QCOMPARE(large.earlyStoppingPatience, 20);
    QCOMPARE(large.live.batchSize, 96);

    panel.adaptToRows(150);
    panel.resetToDefaults();
    QCOMPARE(panel.config(), adaptDefaults(TrainingConfig{}, {}, 150).config);
}

// Every control's range lies inside what validate() accepts: the largest and smallest settings
// the panel can hold make a valid run, and values beyond them are clamped to limits.h's ends.
void tst_HyperparameterPanel::controlsStayInsideTheLimits() {
    HyperparameterPanel panel;
    panel.learningRate()->setValue(1e9);
    QCOMPARE(panel.learningRate()->value(), limits::kLearningRateControl.max);
    panel.momentum()->setValue(1.0);
    QCOMPARE(panel.momentum()->value(), limits::kMomentumControl.max);
    panel.batchSize()->setValue(INT_MAX);
    QCOMPARE(panel.batchSize()->value(), limits::kBatchSizeControl.max);
    panel.initScale()->setValue(1e9);
    QCOMPARE(panel.initScale()->value(), limits::kInitScaleControl.max);
    QCOMPARE(panel.config().validate(), std::string());
    panel.learningRate()->setValue(1e-9);
    QCOMPARE(panel.learningRate()->value(), limits::kLearningRateControl.min);
    panel.momentum()->setValue(-1.0);
    QCOMPARE(panel.momentum()->value(), limits::kMomentumControl.min);
    panel.initScale()->setValue(1e-9);
    QCOMPARE(panel.initScale()->value(), limits::kInitScaleControl.min);
    QCOMPARE(panel.config().validate(), std::string());
}

void tst_HyperparameterPanel::logControlRangeAndSteps_data() {
    QTest::addColumn<double>("input");
    QTest::addColumn<double>("expected");
    QTest::newRow("inside") << 0.03 << 0.03;
    QTest::newRow("below range") << 1e-9 << 1e-5;
    QTest::newRow("above range") << 100.0 << 10.0;
    QTest::newRow("zero ignored") << 0.0 << 0.01;
}

void tst_HyperparameterPanel::logControlRangeAndSteps() {
    QFETCH(double, input);
    QFETCH(double, expected);
    LogValueControl control(1e-5, 10.0);
    control.setValue(0.01);
    control.setValue(input);
    QCOMPARE(control.value(), expected);
    // The slider spans six decades; each end gives the range's end, values are rounded.
    QSignalSpy changed(&control, &LogValueControl::valueChanged);
    control.slider()->setValue(control.slider()->maximum());
    QCOMPARE(control.value(), 10.0);
    control.slider()->setValue(control.slider()->minimum());
    QCOMPARE(control.value(), 1e-5);
    control.slider()->setValue(500);  // halfway along 1e-5 .. 10 is 1e-2
    QCOMPARE(control.value(), 0.01);
    control.slider()->setValue(250);  // 10^-3.5 = 3.16e-4, shown with two digits
    QVERIFY2(qFuzzyCompare(control.value(), 3.2e-4), qPrintable(QString::number(control.value())));
}

// At the width the Hyperparameters dock gives the panel (its size hint), a pixel of slider
// travel and an arrow-key step each change the rate by at most 10^0.05 (it was 10^0.066 a pixel:
// 0.01 to 0.6 in 27 px).
void tst_HyperparameterPanel::learningRateSliderIsFine() {
    HyperparameterPanel panel;
    panel.resize(panel.sizeHint());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    LogValueControl* rate = panel.learningRate();
    QSlider* slider = rate->slider();
    const int travel =
        slider->width() - slider->style()->pixelMetric(QStyle::PM_SliderLength, nullptr, slider);
    const double decadesPerPixel = rate->decades() / travel;
    QVERIFY2(decadesPerPixel <= 0.05,
             qPrintable(QStringLiteral("%1 decades in %2 px").arg(rate->decades()).arg(travel)));

    rate->setValue(0.01);
    slider->setFocus();
    QTest::keyClick(slider, Qt::Key_Right);
    const double factor = rate->value() / 0.01;
    QVERIFY2(factor > 1 && factor <= std::pow(10.0, 0.05), qPrintable(QString::number(factor)));
}

// The box shows every digit of a value set or typed, not three significant ones.
void tst_HyperparameterPanel::logControlBoxKeepsExactValues() {
    LogValueControl control(1e-5, 10.0);
    control.setValue(0.0123456);
    QCOMPARE(control.value(), 0.0123456);
    QCOMPARE(control.editor()->text(), QStringLiteral("0.0123456"));
    control.editor()->setText(QStringLiteral("0.000314159"));
    emit control.editor()->editingFinished();
    QCOMPARE(control.value(), 0.000314159);
    QCOMPARE(control.editor()->text(), QStringLiteral("0.000314159"));
    // A slider position still gives a short, two-digit value.
    control.slider()->setValue(300);  // 10^-3.2
    QCOMPARE(control.editor()->text(), QStringLiteral("0.00063"));
}

QTEST_MAIN(tst_HyperparameterPanel)
#include "tst_hyperparameter_panel.moc"
