// The Sweep window (Training > Sweep…): a small sweep fills the table with a row per trial and
// the same numbers core's runSweep gives for the same space, data and seed; brushing an axis of
// the parallel-coordinates plot (through its API and with the mouse) filters the table to
// exactly the trials inside; "Use These Settings" sets the main window's panel; "Open This
// Model" opens the best trial's model (and trains another's again); Export writes core's results
// CSV; Cancel and closing the window stop the sweep within an epoch of each running trial (counted,
// not timed).

#include <QAction>
#include <QChart>
#include <QComboBox>
#include <QFile>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <cmath>
#include <memory>

#include "core/io/sweep_results.h"
#include "core/validation/sweep.h"
#include "tests/common/gui_test_setup.h"
#include "ui/charts/cost_chart.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/training/training_controller.h"
#include "ui/validation/parallel_coordinates.h"
#include "ui/validation/sweep_results_model.h"
#include "ui/validation/sweep_runner.h"
#include "ui/validation/sweep_space_editor.h"
#include "ui/validation/sweep_window.h"
#include "ui/window/main_window.h"
#include "ui/window/theme.h"

using namespace bps;
using Mode = SweepSpaceEditor::Mode;

class tst_SweepWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void tableMatchesCoreSweep();
    void brushingFiltersRows();
    void mouseDragBrushes();
    void useTheseSettingsSetsThePanel();
    void openThisModelOpensTheBest();
    void showOnCostChartDrawsTheSelectedTrials();
    void cancelStopsWithinAnEpoch();
    void closingTheWindowStopsTheSweep();
    void gridRefusesRanges();
    void screenshotOnHtru2();

private:
    // Runs the window's sweep to its end.
    bool runToEnd();
    // The rows the table shows, as trial indices.
    QSet<int> shownTrials() const;
    std::unique_ptr<MainWindow> m_window;
    SweepWindow* m_sweep = nullptr;
    QTemporaryDir m_dir;
};

void tst_SweepWindow::initTestCase() {
    test::useTestSettings(QStringLiteral("tst_sweep_window"));
    QVERIFY(m_dir.isValid());
    // 240 rows of two features; the label says which side of a line a point lies.
    QFile csv(m_dir.filePath(QStringLiteral("small.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("a,b,label\n");
    for (int i = 0; i < 240; ++i) {
        const double a = std::sin(i * 0.7) * 2, b = std::cos(i * 1.3) * 2;
        csv.write(
            QStringLiteral("%1,%2,%3\n").arg(a).arg(b).arg(a + 0.5 * b > 0.2 ? 1 : 0).toUtf8());
    }
}

void tst_SweepWindow::init() {
    m_window = test::shownMainWindow();
    QVERIFY(m_window);
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(m_dir.filePath(QStringLiteral("small.csv")));
    QVERIFY2(loaded.wait(10'000), "the CSV did not load");
    TrainingConfig config = m_window->hyperparameters()->config();
    config.epochs = 6;
    config.live.batchSize = 32;
    m_window->hyperparameters()->setConfig(config);
    QAction* action = m_window->findChild<QAction*>(QStringLiteral("sweepAction"));
    QVERIFY(action);
    action->trigger();
    m_sweep = m_window->sweepWindow();
    QVERIFY(m_sweep->isVisible());
    m_sweep->spaceEditor()->setRow(SweepParameter::LearningRate, Mode::List,
                                   QStringLiteral("0.001, 0.01, 0.1, 0.3"));
    m_sweep->spaceEditor()->setRow(SweepParameter::Hidden, Mode::List, QStringLiteral("4, 8"));
    m_sweep->jobs()->setValue(2);
}

void tst_SweepWindow::cleanup() {
    m_sweep = nullptr;
    m_window.reset();
}

bool tst_SweepWindow::runToEnd() {
    QSignalSpy ended(m_sweep, &SweepWindow::sweepEnded);
    const QString error = m_sweep->run();
    if (!error.isEmpty()) {
        qWarning() << error;
        return false;
    }
    return ended.wait(60'000);
}

QSet<int> tst_SweepWindow::shownTrials() const {
    QSet<int> out;
    for (int r = 0; r < m_sweep->proxy()->rowCount(); ++r)
        out.insert(m_sweep->proxy()->index(r, 0).data(SweepResultsModel::kTrialRole).toInt());
    return out;
}

void tst_SweepWindow::tableMatchesCoreSweep() {
    m_sweep->seeds()->setValue(2);
    QCOMPARE(m_sweep->spaceEditor()->spaceText(),
             QStringLiteral("lr=0.001,0.01,0.1,0.3; hidden=4,8"));
    QCOMPARE(m_sweep->plannedTrials(), 16);
    QVERIFY(m_sweep->trialCountLabel()->text().contains(QStringLiteral("16 trials")));
    QSignalSpy reported(m_sweep->runner(), &SweepRunner::trialFinished);
    QVERIFY(runToEnd());
    QCOMPARE(reported.count(), 16);
    QCOMPARE(m_sweep->table()->model()->rowCount(), 16);

    // Core on the same data, selection, settings and seed.
    const Dataset data =
        prepareDataset(m_window->data()->table, m_window->dataPanel()->selection());
    SweepOptions options;
    options.seeds = 2;
    options.jobs = 1;
    const auto settings = gridSettings(parseSweepSpace("lr=0.001,0.01,0.1,0.3; hidden=4,8", false));
    const SweepResult core =
        runSweep(data, m_window->hyperparameters()->config(), settings, options);
    const SweepResultsModel* model = m_sweep->resultsModel();
    for (const SweepTrial& expected : core.trials) {
        const int row = model->rowOf(expected.index);
        QVERIFY2(row >= 0, qPrintable(QString::number(expected.index)));
        const SweepTrial& shown = model->trialAt(row);
        QCOMPARE(shown.values.describe(), expected.values.describe());
        QCOMPARE(shown.config.seed, expected.config.seed);
        QCOMPARE(shown.score, expected.score);
        QCOMPARE(shown.metrics.rocAuc, expected.metrics.rocAuc);
        QCOMPARE(shown.epochs, expected.epochs);
        QCOMPARE(model->index(row, model->scoreColumn()).data().toString(),
                 QString::number(expected.score, 'g', 4));
    }
    QCOMPARE(model->bestTrial(), core.bestTrial);
    // Sorted by score after the sweep: the lowest score first (the best trial is the best
    // setting's, by its mean over the seeds, so it need not be the lowest single score).
    double lowest = INFINITY;
    for (const SweepTrial& t : core.trials) lowest = std::min(lowest, t.score);
    const int first = m_sweep->proxy()->index(0, 0).data(SweepResultsModel::kTrialRole).toInt();
    QCOMPARE(core.trials[std::size_t(first)].score, lowest);

    // Export: core's own CSV of the same trials, the seconds aside.
    const QString path = m_dir.filePath(QStringLiteral("sweep.csv"));
    QCOMPARE(m_sweep->exportResults(path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split('\n');
    const QStringList expectedLines =
        QString::fromStdString(sweepResultsCsv(core, settings, data.task)).trimmed().split('\n');
    QCOMPARE(lines.size(), 17);
    QCOMPARE(lines.front(), expectedLines.front());
    for (int i = 1; i < lines.size(); ++i)
        QCOMPARE(lines[i].section(',', 0, -2), expectedLines[i].section(',', 0, -2));
    QVERIFY(!m_sweep->exportResults(m_window->data()->path).isEmpty());  // never the input
}

void tst_SweepWindow::brushingFiltersRows() {
    QVERIFY(runToEnd());
    ParallelCoordinates* plot = m_sweep->plot();
    QCOMPARE(int(plot->axes().size()), 3);  // lr, hidden, score
    QCOMPARE(plot->axes()[0].kind, ParallelCoordinates::Axis::Kind::Log);
    QCOMPARE(plot->axes()[1].kind, ParallelCoordinates::Axis::Kind::Categorical);
    QCOMPARE(m_sweep->proxy()->rowCount(), 8);
    plot->setBrush(0, 0.005, 0.2);  // lr 0.01 and 0.1
    QSet<int> inside;
    for (const SweepTrial& t : m_sweep->resultsModel()->trials()) {
        const double lr = t.config.live.learningRate;
        if (lr >= 0.005 && lr <= 0.2) inside.insert(t.index);
    }
    QCOMPARE(inside.size(), 4);
    QCOMPARE(shownTrials(), inside);
    plot->setBrush(1, 0.5, 1.0);  // hidden 8 only: AND with the lr brush
    QSet<int> both;
    for (const SweepTrial& t : m_sweep->resultsModel()->trials())
        if (inside.contains(t.index) && t.config.hidden == std::vector<int>{8})
            both.insert(t.index);
    QCOMPARE(both.size(), 2);
    QCOMPARE(shownTrials(), both);
    QCOMPARE(plot->brushedTrials(), both);
    plot->clearBrushes();
    QCOMPARE(m_sweep->proxy()->rowCount(), 8);

    // Hovering: lr=0.3 with hidden=8 is the only line along the top between those two axes.
    int top = -1;
    for (const SweepTrial& t : m_sweep->resultsModel()->trials())
        if (t.values.describe() == "lr=0.3 hidden=8") top = t.index;
    QVERIFY(top >= 0);
    const QPointF mid = (plot->pointOf(0, 0.3) + plot->pointOf(1, 1)) / 2;
    QCOMPARE(plot->trialAt(mid), top);
    QCOMPARE(plot->trialAt(mid - QPointF(0, 12)), -1);  // above every line
}

void tst_SweepWindow::mouseDragBrushes() {
    QVERIFY(runToEnd());
    ParallelCoordinates* plot = m_sweep->plot();
    QVERIFY(plot->isVisible());
    // Drag along the score axis from the top to the middle: the worse half of the span.
    const int score = int(plot->axes().size()) - 1;
    const auto& axis = plot->axes()[std::size_t(score)];
    const double middle = (axis.low + axis.high) / 2;
    const QPointF from = plot->pointOf(score, axis.high), to = plot->pointOf(score, middle);
    auto send = [plot](QEvent::Type type, QPointF at, Qt::MouseButtons buttons) {
        QMouseEvent event(type, at, plot->mapToGlobal(at), Qt::LeftButton, buttons, Qt::NoModifier);
        QApplication::sendEvent(plot, &event);
    };
    send(QEvent::MouseButtonPress, from, Qt::LeftButton);
    send(QEvent::MouseMove, (from + to) / 2, Qt::LeftButton);
    send(QEvent::MouseMove, to, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, to, Qt::NoButton);
    const auto brush = plot->brush(score);
    QVERIFY(brush.has_value());
    QVERIFY2(std::abs(brush->low - middle) < (axis.high - axis.low) * 0.02,
             qPrintable(QString::number(brush->low)));
    QSet<int> inside;
    for (const SweepTrial& t : m_sweep->resultsModel()->trials())
        if (t.score >= brush->low && t.score <= brush->high) inside.insert(t.index);
    QVERIFY(!inside.isEmpty());
    QVERIFY(inside.size() < 8);
    QCOMPARE(shownTrials(), inside);
    // A click on the axis clears its brush.
    send(QEvent::MouseButtonPress, to, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, to, Qt::NoButton);
    QVERIFY(!plot->hasBrush());
    QCOMPARE(m_sweep->proxy()->rowCount(), 8);
}

void tst_SweepWindow::useTheseSettingsSetsThePanel() {
    QVERIFY(runToEnd());
    int target = -1;
    for (const SweepTrial& t : m_sweep->resultsModel()->trials())
        if (t.values.describe() == "lr=0.3 hidden=8") target = t.index;
    QVERIFY(target >= 0);
    m_sweep->table()->clearSelection();
    QVERIFY(!m_sweep->useButton()->isEnabled());
    m_sweep->selectTrial(target);
    QCOMPARE(m_sweep->selectedTrial(), target);
    QVERIFY(m_sweep->useButton()->isEnabled());
    QSignalSpy structure(m_window->hyperparameters(), &HyperparameterPanel::structureChanged);
    QTest::mouseClick(m_sweep->useButton(), Qt::LeftButton);
    const TrainingConfig config = m_window->hyperparameters()->config();
    QCOMPARE(config.live.learningRate, 0.3);
    QCOMPARE(config.hidden, std::vector<int>{8});
    QCOMPARE(config.epochs, 6);
    QCOMPARE(structure.count(), 1);  // hidden 8 differs from the panel's: restart to apply
    // The selected trial's curve is drawn.
    QCOMPARE(m_sweep->curveChart()->series().size(), 1);
}

void tst_SweepWindow::openThisModelOpensTheBest() {
    QVERIFY(runToEnd());
    const SweepResult& result = *m_sweep->lastResult();
    QVERIFY(result.bestTrial >= 0);
    // Another row: its model is trained again (only the best is kept) and is the trial's own:
    // its validation loss is the trial's score (scored by the validation split here).
    const int other = result.bestTrial == 0 ? 1 : 0;
    const SweepTrial& otherTrial = result.trials[std::size_t(other)];
    QVERIFY(!otherTrial.pruned);
    m_sweep->selectTrial(other);
    QVERIFY(m_sweep->openButton()->isEnabled());
    QTest::mouseClick(m_sweep->openButton(), Qt::LeftButton);
    QVERIFY(m_sweep->isRetraining());
    QVERIFY(!m_sweep->openButton()->isEnabled());  // one at a time
    QTRY_VERIFY_WITH_TIMEOUT(!m_sweep->isRetraining(), 60'000);
    const auto retrained = m_window->controller()->model();
    QVERIFY(retrained && retrained->validation);
    QCOMPARE(retrained->config, otherTrial.config);
    QVERIFY2(
        std::abs(retrained->validation->loss - otherTrial.score) <=
            1e-9 * std::abs(otherTrial.score),
        qPrintable(QString("%1 vs %2").arg(retrained->validation->loss).arg(otherTrial.score)));

    m_sweep->selectTrial(result.bestTrial);
    QVERIFY(m_sweep->openButton()->isEnabled());
    QTest::mouseClick(m_sweep->openButton(), Qt::LeftButton);
    QVERIFY(m_window->controller()->model());
    QCOMPARE(m_window->controller()->model()->config,
             result.trials[std::size_t(result.bestTrial)].config);
    QCOMPARE(m_window->hyperparameters()->config().live.learningRate,
             result.trials[std::size_t(result.bestTrial)].config.live.learningRate);

    // Other data in the main window: the model no longer belongs there, the settings still do.
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(QStringLiteral(BPS_SAMPLE_CSV));
    QVERIFY(loaded.wait(20'000));
    m_sweep->refreshBase();
    m_sweep->selectTrial(result.bestTrial);
    QVERIFY(!m_sweep->openButton()->isEnabled());
    QVERIFY(m_sweep->useButton()->isEnabled());
    QVERIFY(m_sweep->findChild<QLabel*>(QStringLiteral("sweepDataLabel"))
                ->text()
                .contains(QStringLiteral("results shown are from the sweep of <b>small.csv")));
}

void tst_SweepWindow::cancelStopsWithinAnEpoch() {
    TrainingConfig config = m_window->hyperparameters()->config();
    config.epochs = 100000;  // far more than the test waits for
    m_window->hyperparameters()->setConfig(config);
    m_sweep->jobs()->setValue(2);
    std::atomic<int> epochs{0}, afterCancel{0};
    std::atomic<bool> cancelled{false};
    SweepRunner* runner = m_sweep->runner();
    runner->setEpochObserver([&] {
        if (cancelled) ++afterCancel;
        if (++epochs == 20) {
            cancelled = true;
            runner->cancel();
        }
    });
    QSignalSpy ended(m_sweep, &SweepWindow::sweepEnded);
    QCOMPARE(m_sweep->run(), QString());
    QVERIFY(ended.wait(60'000));
    QVERIFY(m_sweep->lastResult()->cancelled);
    // Each of the 2 running trials asks at most once more after the cancel, then stops.
    QVERIFY2(afterCancel <= 2, qPrintable(QString::number(afterCancel)));
    QVERIFY(m_sweep->resultsModel()->rowCount() <= 2);
    for (const SweepTrial& t : m_sweep->resultsModel()->trials()) QVERIFY(t.epochs <= 21);
    QVERIFY(m_sweep->runButton()->isEnabled());
}

void tst_SweepWindow::closingTheWindowStopsTheSweep() {
    TrainingConfig config = m_window->hyperparameters()->config();
    config.epochs = 100000;
    config.earlyStoppingPatience = 0;  // the trials must still be running when it closes
    m_window->hyperparameters()->setConfig(config);
    std::atomic<int> epochs{0};
    m_sweep->runner()->setEpochObserver([&] { ++epochs; });
    QSignalSpy ended(m_sweep, &SweepWindow::sweepEnded);
    QCOMPARE(m_sweep->run(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(epochs > 5, 30'000);
    m_sweep->close();
    QVERIFY(ended.wait(60'000));
    QVERIFY(m_sweep->lastResult()->cancelled);
    QVERIFY(!m_sweep->isRunning());
}

void tst_SweepWindow::gridRefusesRanges() {
    m_sweep->spaceEditor()->setRow(SweepParameter::L2, Mode::LogRange,
                                   QStringLiteral("1e-5 .. 1e-2"));
    QCOMPARE(m_sweep->plannedTrials(), 0);
    QVERIFY(!m_sweep->runButton()->isEnabled());
    QVERIFY(m_sweep->trialCountLabel()->text().contains(QStringLiteral("Random")));
    m_sweep->searchBox()->setCurrentIndex(1);
    m_sweep->randomCount()->setValue(5);
    QCOMPARE(m_sweep->plannedTrials(), 5);
    QVERIFY(m_sweep->runButton()->isEnabled());
    QCOMPARE(m_sweep->spaceEditor()->spaceText(),
             QStringLiteral("lr=0.001,0.01,0.1,0.3; l2=log:1e-5..1e-2; hidden=4,8"));
    // The text sets the rows.
    QCOMPARE(m_sweep->spaceEditor()->setSpaceText(QStringLiteral("momentum=0.5..0.9; batch=16,64")),
             QString());
    QCOMPARE(m_sweep->spaceEditor()->modeBox(SweepParameter::Momentum)->currentData().toInt(),
             int(Mode::Range));
    QCOMPARE(m_sweep->spaceEditor()->modeBox(SweepParameter::LearningRate)->currentData().toInt(),
             int(Mode::Fixed));
    QVERIFY(m_sweep->spaceEditor()
                ->setSpaceText(QStringLiteral("lr=abc"))
                .contains("expected a number"));
}

// A real sweep on the bundled HTRU2 sample, saved into the build directory (sweep_window.png)
// and, when BPS_SWEEP_SHOT_OUT names a file, there too (docs/sweep-window.png is made that way).
void tst_SweepWindow::screenshotOnHtru2() {
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(QStringLiteral(BPS_SAMPLE_CSV));
    QVERIFY2(loaded.wait(20'000), "the sample did not load");
    TrainingConfig config = m_window->hyperparameters()->config();
    config.epochs = 20;
    config.live.batchSize = 64;
    m_window->hyperparameters()->setConfig(config);
    m_sweep->spaceEditor()->setRow(SweepParameter::LearningRate, Mode::List,
                                   QStringLiteral("1e-4, 1e-3, 1e-2, 1e-1"));
    m_sweep->spaceEditor()->setRow(SweepParameter::Hidden, Mode::List,
                                   QStringLiteral("4, 8, 16x8"));
    m_sweep->spaceEditor()->setRow(SweepParameter::Activation, Mode::List,
                                   QStringLiteral("tanh, relu"));
    QCOMPARE(m_sweep->plannedTrials(), 24);
    QVERIFY(runToEnd());
    QCOMPARE(m_sweep->resultsModel()->rowCount(), 24);
    const SweepResult& result = *m_sweep->lastResult();
    QVERIFY(result.bestTrial >= 0);
    // The better half of the scores brushed, the best trial and two others selected.
    const auto& score = m_sweep->plot()->axes().back();
    m_sweep->plot()->setBrush(int(m_sweep->plot()->axes().size()) - 1, score.low,
                              (score.low + score.high) / 2);
    m_sweep->table()->selectAll();
    QTRY_COMPARE(m_sweep->curveChart()->series().size(),
                 std::min(12, m_sweep->proxy()->rowCount()));
    m_sweep->selectTrial(result.bestTrial);
    for (int row = 1; row <= 3; ++row)
        m_sweep->table()->selectionModel()->select(
            m_sweep->proxy()->index(row, 0),
            QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QTRY_COMPARE(m_sweep->curveChart()->series().size(), 4);
    m_sweep->resize(1400, 860);
    QCoreApplication::processEvents();
    const QImage shot = m_sweep->grab().toImage();
    QVERIFY(!shot.isNull());
    const QString path = QDir::currentPath() + QStringLiteral("/sweep_window.png");
    QVERIFY2(shot.save(path), qPrintable(path));
    if (const QByteArray out = qgetenv("BPS_SWEEP_SHOT_OUT"); !out.isEmpty())
        QVERIFY2(shot.save(QString::fromLocal8Bit(out)), out.constData());
    // The same in the dark theme: the plot's background follows the palette.
    applyTheme(Theme::Dark);
    QCoreApplication::processEvents();
    const QImage dark = m_sweep->grab().toImage();
    applyTheme(Theme::System);
    const QPoint inPlot = m_sweep->plot()->mapTo(m_sweep, QPoint(4, 4));
    QVERIFY2(dark.pixelColor(inPlot).lightness() < 100, qPrintable(dark.pixelColor(inPlot).name()));
    QVERIFY(dark.save(QDir::currentPath() + QStringLiteral("/sweep_window_dark.png")));
}

// "Show on Cost Chart": the selected trials' validation curves, point for point, dashed on the
// main window's cost chart; other data in the main window removes them.
void tst_SweepWindow::showOnCostChartDrawsTheSelectedTrials() {
    QVERIFY(runToEnd());
    const SweepResult& result = *m_sweep->lastResult();
    QVERIFY(result.trials.size() >= 2);
    m_sweep->selectTrial(0);
    const QModelIndex second = m_sweep->proxy()->mapFromSource(
        m_sweep->resultsModel()->index(m_sweep->resultsModel()->rowOf(1), 0));
    m_sweep->table()->selectionModel()->select(
        second, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QVERIFY(m_sweep->compareButton()->isEnabled());
    QTest::mouseClick(m_sweep->compareButton(), Qt::LeftButton);
    CostChart* chart = m_window->costChart();
    QCOMPARE(chart->comparisonCount(), 2);
    for (QLineSeries* series : chart->comparisonSeries()) {
        const int trial = series->name().contains("trial 1 ") ? 0 : 1;
        const auto& curve = result.trials[std::size_t(trial)].curve;
        QCOMPARE(series->count(), int(curve.size()));
        QCOMPARE(series->at(series->count() - 1), QPointF(curve.back().first, curve.back().second));
        QCOMPARE(series->pen().style(), Qt::DashLine);
    }
    QSignalSpy loaded(m_window.get(), &MainWindow::dataLoaded);
    m_window->loadFile(QStringLiteral(BPS_SAMPLE_CSV));
    QVERIFY(loaded.wait(20'000));
    QCOMPARE(chart->comparisonCount(), 0);  // other data: they no longer compare
}

QTEST_MAIN(tst_SweepWindow)
#include "tst_sweep_window.moc"
