// The Decision map tab (ui/explain) in the main window: a trained model's map and network,
// hovering a hidden unit switches the picture and leaving restores it, another file clears it,
// and during training the maps computed are bounded by the weight snapshots, which a simulated
// clock paces (no timing). The first columns: on a table whose target depends on its third and
// fourth columns only, the map opens on those two once the run ends (permutation importance,
// measured by the map's worker or taken from the Importance tab); a pair the user picks
// survives another run; another data set brings the defaults back. Saves decision_map.png and
// decision_map_unit.png (and, for the README, BPS_DECISION_MAP_SHOT_OUT and
// BPS_DECISION_MAP_UNIT_SHOT_OUT).

#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QTabWidget>
#include <QtTest>
#include <chrono>
#include <set>

#include "core/base/random.h"
#include "core/explain/decision_grid.h"
#include "tests/common/gui_test_setup.h"
#include "tests/common/manual_clock.h"
#include "ui/explain/decision_map_panel.h"
#include "ui/explain/decision_map_view.h"
#include "ui/explain/importance_panel.h"
#include "ui/explain/network_diagram.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/theme.h"

using namespace bps;
using namespace std::chrono_literals;

class tst_DecisionMap : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void showsTheMapOfATrainedModel();
    void hoveringAUnitShowsItsActivation();
    void computesOnlyWhileShownAndBounded();
    void anotherFileClearsTheMap();
    void defaultColumnsAreTheTwoMostImportant();
    void userPairIsKeptAfterAnotherRun();
    void otherDataBringsTheDefaultsBack();

private:
    void configure(int epochs);
    void showMapTab();
    void train();
    void load(const QString& path);
    void waitForTheFinalModelsMap();
    QSet<QString> shownPair() const;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
    QString m_fourColumns;  // A, B (categorical noise), C, D (the target's), y
    DecisionMapPanel* m_panel = nullptr;
};

void tst_DecisionMap::initTestCase() {
    test::useTestSettings(QStringLiteral("tst_decision_map"));
    m_window = test::shownMainWindow();
    QVERIFY(m_window);
    m_panel = m_window->decisionMap();
    QVERIFY(m_panel);
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(QStringLiteral(BPS_SAMPLE_CSV));
    QVERIFY2(loaded.wait(10'000), "the sample did not load");

    // y = [C + D > 0]; A and B are categorical noise of 20 levels each, whose one-hot blocks
    // give them large first-layer weight norms: the weight heuristic would favour them.
    QVERIFY(m_dir.isValid());
    m_fourColumns = m_dir.filePath(QStringLiteral("four_columns.csv"));
    QFile f(m_fourColumns);
    QVERIFY(f.open(QIODevice::WriteOnly));
    Rng rng(11);
    QByteArray text = "A,B,C,D,y\n";
    for (int r = 0; r < 800; ++r) {
        const double c = rng.normal(), d = rng.normal();
        text += "a" + QByteArray::number(rng.below(20)) + ",b" + QByteArray::number(rng.below(20)) +
                "," + QByteArray::number(c, 'g', 6) + "," + QByteArray::number(d, 'g', 6) + "," +
                (c + d > 0 ? "yes" : "no") + "\n";
    }
    QCOMPARE(f.write(text), qint64(text.size()));
}

void tst_DecisionMap::load(const QString& path) {
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(path);
    QVERIFY2(loaded.wait(10'000), qPrintable(path));
}

// The map on show is of the model the run ended with (the controller's own, which the panel is
// given as the settled model; live snapshots are other objects).
void tst_DecisionMap::waitForTheFinalModelsMap() {
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->view()->result() && m_panel->view()->result()->model ==
                                                              m_window->controller()->model(),
                             20'000);
    QVERIFY2(m_panel->view()->result()->error.isEmpty(),
             qPrintable(m_panel->view()->result()->error));
}

QSet<QString> tst_DecisionMap::shownPair() const {
    const DecisionMapResultPtr r = m_panel->view()->result();
    const auto name = [&](int i) {
        return QString::fromStdString(r->context->columns[std::size_t(i)].name);
    };
    // The combos say what the map shows.
    if (m_panel->xCombo()->currentText() != name(r->xColumn) ||
        m_panel->yCombo()->currentText() != name(r->yColumn))
        return {QStringLiteral("combos: ") + m_panel->xCombo()->currentText(),
                m_panel->yCombo()->currentText()};
    return {name(r->xColumn), name(r->yColumn)};
}

// The tab holds the panel in a scroll area.
void tst_DecisionMap::showMapTab() {
    QTabWidget* tabs = m_window->tabs();
    for (int i = 0; i < tabs->count(); ++i)
        if (tabs->widget(i)->isAncestorOf(m_panel)) tabs->setCurrentIndex(i);
    QVERIFY(m_panel->isVisible());
    // At 1280 x 800 with both docks the whole tab fits: nothing to scroll to (once the tab,
    // just shown, has been laid out).
    QTRY_VERIFY2_WITH_TIMEOUT(m_panel->parentWidget()->width() >= m_panel->width(),
                              qPrintable(QString("panel %1 wide in %2")
                                             .arg(m_panel->width())
                                             .arg(m_panel->parentWidget()->width())),
                              5'000);
}

void tst_DecisionMap::configure(int epochs) {
    TrainingConfig c;
    c.epochs = epochs;
    c.hidden = {8, 6};
    c.live.batchSize = 64;
    c.live.learningRate = 0.01;
    m_window->hyperparameters()->setConfig(c);
}

void tst_DecisionMap::train() {
    m_window->resetWeights();
    m_window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->state() == TrainingController::State::Idle,
                             60'000);
}

void tst_DecisionMap::showsTheMapOfATrainedModel() {
    showMapTab();
    configure(40);
    train();
    // The final model's map (the last one shown is of the model the controller now holds).
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->view()->result() && m_window->controller()->model() &&
                                 m_panel->view()->result()->model->layers.front().weights ==
                                     m_window->controller()->model()->layers.front().weights,
                             20'000);
    const DecisionMapResultPtr r = m_panel->view()->result();
    QVERIFY2(r->error.isEmpty(), qPrintable(r->error));
    QCOMPARE(r->grid.columns, 100);
    QCOMPARE(r->grid.rows, 100);
    QCOMPARE(m_panel->xCombo()->count(), 8);  // HTRU2's eight inputs
    QVERIFY(m_panel->xCombo()->currentIndex() != m_panel->yCombo()->currentIndex());
    QCOMPARE(r->context->validation.rows(), r->pointOutputs.rows());
    QVERIFY(r->context->validation.rows() > 1000);
    // Both sides of the boundary are on the map: some cells say pulsar, some do not.
    const auto& p = r->grid.outputs.col(0);
    QVERIFY2(p.minCoeff() < 0.5 && p.maxCoeff() > 0.5,
             qPrintable(QString("P in [%1, %2]").arg(p.minCoeff()).arg(p.maxCoeff())));
    QCoreApplication::processEvents();
    const QImage shot = m_panel->grab().toImage();
    std::set<QRgb> colours;
    for (int y = 0; y < shot.height(); y += 3)
        for (int x = 0; x < shot.width(); x += 3) colours.insert(shot.pixel(x, y));
    QVERIFY2(colours.size() > 100, qPrintable(QString("%1 colours").arg(colours.size())));
    QVERIFY(shot.save(QDir::currentPath() + QStringLiteral("/decision_map.png")));
    QVERIFY(
        m_window->grab().save(QDir::currentPath() + QStringLiteral("/decision_map_window.png")));
    if (const QByteArray out = qgetenv("BPS_DECISION_MAP_SHOT_OUT"); !out.isEmpty()) {
        // The README's picture: the tab at the width a wider window gives it.
        m_window->resize(1720, 860);
        QTest::qWaitFor([&] { return m_panel->width() >= 740; }, 5'000);
        QVERIFY2(m_panel->grab().save(QString::fromLocal8Bit(out)), out.constData());
    }

    // The dark theme: the map's neutral (P at the threshold) is the palette's dark base.
    const QImage light = m_panel->view()->image();
    applyTheme(Theme::Dark);
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->view()->image() != light, 5'000);
    QVERIFY(qGray(m_panel->view()->palette().color(QPalette::Base).rgb()) < 100);
    QVERIFY(m_panel->grab().save(QDir::currentPath() + QStringLiteral("/decision_map_dark.png")));
    applyTheme(Theme::System);
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->view()->image(), light, 5'000);
}

void tst_DecisionMap::hoveringAUnitShowsItsActivation() {
    DecisionMapView* view = m_panel->view();
    NetworkDiagram* diagram = m_panel->diagram();
    QVERIFY(view->result());
    const QImage output = view->image();
    QCOMPARE(view->shown().layer, -1);
    const QPoint unit = diagram->unitCentre(1, 2);  // hidden layer 1, unit 3
    QVERIFY(unit.x() >= 0);
    QSignalSpy hovered(diagram, &NetworkDiagram::unitHovered);
    QTest::mouseMove(diagram, unit);
    QTRY_COMPARE_WITH_TIMEOUT(hovered.count(), 1, 5'000);
    QCOMPARE(view->shown().layer, 0);
    QCOMPARE(view->shown().unit, 2);
    QVERIFY2(view->image() != output, "the unit's map is the output's");
    QCOMPARE(view->image().size(), output.size());
    // The unit's picture is its activation: the pixel of a cell follows the grid's value.
    const DecisionGrid& g = view->result()->grid;
    const Eigen::Index hi = [&] {
        Eigen::Index best = 0;
        g.hidden[0].col(2).maxCoeff(&best);
        return best;
    }();
    const QColor top =
        view->image().pixelColor(int(hi % g.columns), g.rows - 1 - int(hi / g.columns));
    QVERIFY2(top.blue() > top.red(), "the most active cell is not drawn positive (blue)");
    QVERIFY(diagram->grab().save(QDir::currentPath() + QStringLiteral("/network_diagram.png")));
    const QImage unitShot = m_panel->grab().toImage();
    QVERIFY(unitShot.save(QDir::currentPath() + QStringLiteral("/decision_map_unit.png")));
    if (const QByteArray out = qgetenv("BPS_DECISION_MAP_UNIT_SHOT_OUT"); !out.isEmpty())
        QVERIFY2(unitShot.save(QString::fromLocal8Bit(out)), out.constData());
    QSignalSpy left(diagram, &NetworkDiagram::unitLeft);
    QTest::mouseMove(diagram, QPoint(2, 2));  // off every unit
    QTRY_COMPARE_WITH_TIMEOUT(left.count(), 1, 5'000);
    QCOMPARE(view->shown().layer, -1);
    QCOMPARE(view->image(), output);
}

void tst_DecisionMap::computesOnlyWhileShownAndBounded() {
    DecisionMapWorker* worker = m_panel->worker();
    // Hidden: a whole run computes nothing; showing the tab then draws its final model once.
    m_window->tabs()->setCurrentIndex(0);
    configure(30);
    int before = worker->computations();
    train();
    QCoreApplication::processEvents();
    QCOMPARE(worker->computations(), before);
    // Fresh weights are a new model: the previous map went when the run started.
    QVERIFY(!m_panel->view()->result());
    QSignalSpy shown(m_panel, &DecisionMapPanel::mapShown);
    showMapTab();
    QVERIFY(shown.wait(20'000));
    QCOMPARE(worker->computations(), before + 1);

    // Shown while training: one snapshot per 250 ms of the training thread's clock at most,
    // here 20 ms a simulated epoch, so 150 epochs give at most 12 (+1 for the first epoch).
    test::ManualClock clock(20ms);
    m_window->controller()->thread()->setClock(clock.clock());
    QSignalSpy snapshots(m_window->controller(), &TrainingController::weightsAvailable);
    configure(150);
    before = worker->computations();
    const int shownBefore = m_panel->mapsShown();
    train();
    // Wait for the final model's map to be on show.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_panel->view()->result() && m_panel->view()->result()->model->layers.front().weights ==
                                         m_window->controller()->model()->layers.front().weights,
        20'000);
    m_window->controller()->thread()->setClock({});
    QVERIFY2(snapshots.count() >= 1, "no live snapshot");
    QVERIFY2(snapshots.count() <= 150 * 20 / 250 + 1,
             qPrintable(QString("%1 snapshots").arg(snapshots.count())));
    const int computed = worker->computations() - before;
    // One per snapshot at most (stale ones are dropped) plus the final model.
    QVERIFY2(computed >= 1 && computed <= snapshots.count() + 1,
             qPrintable(QString("%1 maps for %2 snapshots").arg(computed).arg(snapshots.count())));
    QVERIFY(m_panel->mapsShown() > shownBefore);
}

void tst_DecisionMap::anotherFileClearsTheMap() {
    QVERIFY(m_panel->view()->result());
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    QSignalSpy failed(m_window.get(), &MainWindow::loadFailed);
    m_window->loadFile(QStringLiteral(BPS_TESTS_DIR "/data/cars.csv"));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() > 0, 10'000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    QVERIFY(!m_panel->view()->result());
    QVERIFY(m_panel->view()->image().isNull());
    QVERIFY(!m_panel->model());
    QCOMPARE(m_panel->xCombo()->count(), 0);
    QVERIFY(m_panel->diagram()->unitCentre(0, 0).x() < 0);
}

void tst_DecisionMap::defaultColumnsAreTheTwoMostImportant() {
    load(m_fourColumns);
    showMapTab();
    configure(40);
    DecisionMapWorker* worker = m_panel->worker();
    const int measured = worker->importanceMeasurements();
    train();
    waitForTheFinalModelsMap();
    const DecisionMapResultPtr r = m_panel->view()->result();
    QCOMPARE(shownPair(), (QSet<QString>{"C", "D"}));
    QCOMPARE(r->rule, MapColumnRule::Importance);
    QVERIFY2(m_panel->columnsRuleLabel()->text().contains("permutation importance"),
             qPrintable(m_panel->columnsRuleLabel()->text()));
    // Measured by the map's worker (the tab was on show when the run ended), once.
    QCOMPARE(worker->importanceMeasurements(), measured + 1);
    // The weight heuristic would have chosen otherwise here, so the rule is what chose them.
    const std::vector<int> byWeight = columnsByWeightNorm(*r->model);
    const QSet<QString> weightPair{
        QString::fromStdString(r->context->columns[std::size_t(byWeight[0])].name),
        QString::fromStdString(r->context->columns[std::size_t(byWeight[1])].name)};
    QVERIFY2(weightPair != (QSet<QString>{"C", "D"}),
             qPrintable(QStringList(weightPair.values()).join(", ")));
}

void tst_DecisionMap::userPairIsKeptAfterAnotherRun() {
    m_panel->xCombo()->setCurrentIndex(m_panel->xCombo()->findText("A"));
    m_panel->yCombo()->setCurrentIndex(m_panel->yCombo()->findText("B"));
    QTRY_COMPARE_WITH_TIMEOUT(shownPair(), (QSet<QString>{"A", "B"}), 20'000);
    QCOMPARE(m_panel->view()->result()->rule, MapColumnRule::User);
    QVERIFY2(m_panel->columnsRuleLabel()->text().contains("your choice"),
             qPrintable(m_panel->columnsRuleLabel()->text()));
    train();  // fresh weights, another model
    waitForTheFinalModelsMap();
    QCOMPARE(m_panel->xCombo()->currentText(), QString("A"));
    QCOMPARE(m_panel->yCombo()->currentText(), QString("B"));
    QCOMPARE(shownPair(), (QSet<QString>{"A", "B"}));
    QCOMPARE(m_panel->view()->result()->rule, MapColumnRule::User);
}

// Another data set (and back): the user's pair was for the other one, so after a run the
// defaults choose again, here from the Importance tab's measurement (the map was hidden when
// the run ended and is shown after the tab's result arrived), without measuring again.
void tst_DecisionMap::otherDataBringsTheDefaultsBack() {
    load(QStringLiteral(BPS_SAMPLE_CSV));
    QCOMPARE(m_panel->xCombo()->count(), 0);
    QVERIFY(m_panel->columnsRuleLabel()->text().isEmpty());
    load(m_fourColumns);
    m_window->tabs()->setCurrentIndex(0);
    QVERIFY(!m_panel->isVisible());
    DecisionMapWorker* worker = m_panel->worker();
    const int measured = worker->importanceMeasurements();
    QSignalSpy explained(m_window->importancePanel(), &ImportancePanel::importanceShown);
    train();
    QTRY_COMPARE_WITH_TIMEOUT(explained.count(), 1, 30'000);
    showMapTab();
    waitForTheFinalModelsMap();
    QCOMPARE(shownPair(), (QSet<QString>{"C", "D"}));
    QCOMPARE(m_panel->view()->result()->rule, MapColumnRule::Importance);
    QCOMPARE(worker->importanceMeasurements(), measured);
}

QTEST_MAIN(tst_DecisionMap)
#include "tst_decision_map.moc"
