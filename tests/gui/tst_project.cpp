// Projects (issue #17, "Save the work"): File > Save Project writes the screen's state and Open
// Project in another window restores it (roles, missing-cell policy, hyperparameters, the model
// predicting bit for bit, its threshold, the chart's runs); a data file that moved is found
// beside the project, one that changed is named in a warning, one that is gone must be located.
// The Sweep window's results come back too (same rows and scores, plot, Use These Settings and
// Open This Model working), and a project without them clears that window's.

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineSeries>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "core/io/project_file.h"
#include "tests/common/gui_test_setup.h"
#include "ui/charts/cost_chart.h"
#include "ui/panels/column_roles_view.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/panels/results_panel.h"
#include "ui/training/training_controller.h"
#include "ui/validation/parallel_coordinates.h"
#include "ui/validation/sweep_results_model.h"
#include "ui/validation/sweep_space_editor.h"
#include "ui/validation/sweep_window.h"

using namespace bps;

namespace {
constexpr int kWaitMs = 60'000;

// 240 rows: two numbers, a text column and a binary label that depends on them, a few missing
// cells (so the missing-cell policy matters).
QByteArray tableText(int extraRows = 0) {
    QByteArray text = "x1,x2,colour,label\n";
    for (int i = 0; i < 240 + extraRows; ++i) {
        const double a = (i * 37 % 100) / 100.0, b = (i * 53 % 100) / 100.0;
        const char* colour = i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "blue";
        const int label = a + b + (i % 3 == 0 ? 0.3 : 0) > 1.0;
        text += (i % 29 == 5 ? QByteArray() : QByteArray::number(a)) + ',' + QByteArray::number(b) +
                ',' + colour + ',' + QByteArray::number(label) + '\n';
    }
    return text;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

bool train(MainWindow& window) {
    TrainingController* c = window.controller();
    window.startTraining();
    return QTest::qWaitFor([&] { return c->state() == TrainingController::State::Idle; }, kWaitMs);
}
}  // namespace

class tst_Project : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void reopenRestoresTheScreen();
    void movedDataIsFoundBesideTheProject();
    void changedDataIsNamedInAWarning();
    void missingDataMustBeLocated();
    void malformedProjectIsAClearError();
    void savingNeedsDataAndRefusesTheDataFile();
    void sweepResultsComeBack();

private:
    // Trains twice on `csv` with chosen settings and saves the project to `project`.
    void trainAndSave(MainWindow& window, const QString& csv, const QString& project);
    QTemporaryDir m_dir;
};

void tst_Project::initTestCase() {
    test::useTestSettings(QStringLiteral("tst_project"));
    QVERIFY(m_dir.isValid());
}

void tst_Project::trainAndSave(MainWindow& window, const QString& csv, const QString& project) {
    QSignalSpy loaded(&window, &MainWindow::dataLoaded);
    window.loadFile(csv);
    QVERIFY(loaded.wait(kWaitMs));
    QComboBox* policy = window.dataPanel()->missingPolicyBox();
    policy->setCurrentIndex(policy->findData(static_cast<int>(MissingPolicy::Category)));
    TrainingConfig config = window.hyperparameters()->config();
    config.hidden = {5};
    config.epochs = 4;
    config.live.learningRate = 0.003;
    window.hyperparameters()->setConfig(config);
    QVERIFY(train(window));
    window.resetWeights();
    QVERIFY(train(window));  // a second run: the first stays faded
    QCOMPARE(window.costChart()->earlierRunCount(), 1);
    window.resultsPanel()->setThreshold(0.37);
    QCOMPARE(window.saveProjectTo(project), QString());
}

void tst_Project::reopenRestoresTheScreen() {
    const QString csv = m_dir.filePath("table.csv"), project = m_dir.filePath("work.bps");
    QVERIFY(writeFile(csv, tableText()));
    const auto first = test::shownMainWindow();
    QVERIFY(first);
    trainAndSave(*first, csv, project);

    const auto second = test::shownMainWindow();
    QVERIFY(second);
    QSignalSpy restored(second.get(), &MainWindow::projectRestored);
    QSignalSpy evaluated(second.get(), &MainWindow::openedModelEvaluated);
    QCOMPARE(second->openProject(project), QString());
    QVERIFY(restored.wait(kWaitMs));
    QCOMPARE(restored.first().at(1).toStringList(), QStringList());  // no warnings
    // Results: the model's own validation rows, found again, give the trained run's numbers
    // (the run measured them with the float kernels, the restored model in double).
    QVERIFY(evaluated.count() == 1 || evaluated.wait(kWaitMs));
    QCOMPARE(evaluated.first().at(0).toBool(), true);
    const TrainingResultPtr trained = first->resultsPanel()->result();
    const TrainingResultPtr reopened = second->resultsPanel()->result();
    QVERIFY(trained && reopened && reopened->reopened);
    QCOMPARE(reopened->validationTargets.size(), trained->validationTargets.size());
    QCOMPARE(second->resultsPanel()->metrics().confusion,
             first->resultsPanel()->metrics().confusion);
    QVERIFY(std::abs(second->resultsPanel()->metrics().rocAuc -
                     first->resultsPanel()->metrics().rocAuc) < 1e-9);

    const DataSelection before = first->dataPanel()->selection();
    const DataSelection after = second->dataPanel()->selection();
    QCOMPARE(after.target, before.target);
    QCOMPARE(after.features, before.features);
    QVERIFY(after.encoding.missing == MissingPolicy::Category);
    QVERIFY(second->hyperparameters()->config() == first->hyperparameters()->config());
    QCOMPARE(second->hyperparameters()->config().live.learningRate, 0.003);
    QCOMPARE(second->resultsPanel()->threshold(), 0.37);
    const auto a = first->controller()->model(), b = second->controller()->model();
    QVERIFY(a && b);
    const Eigen::MatrixXd x = Eigen::MatrixXd::Random(20, a->inputCount());
    QVERIFY2(a->predict(x) == b->predict(x), "the restored model must predict bit for bit");
    QCOMPARE(second->costChart()->earlierRunCount(), 1);
    QVERIFY(second->costChart()->runs() == first->costChart()->runs());
    QCOMPARE(second->costChart()->trainSeries()->count(),
             first->costChart()->trainSeries()->count());
}

void tst_Project::movedDataIsFoundBesideTheProject() {
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath("a/data"));
    const QString csv = dir.filePath("a/data/t.csv"), project = dir.filePath("a/p.bps");
    QVERIFY(writeFile(csv, tableText()));
    {
        const auto window = test::shownMainWindow();
        QVERIFY(window);
        trainAndSave(*window, csv, project);
    }
    QVERIFY(QDir(dir.path()).rename("a", "b"));  // the folder moved with both files
    const auto window = test::shownMainWindow();
    QSignalSpy restored(window.get(), &MainWindow::projectRestored);
    QCOMPARE(window->openProject(dir.filePath("b/p.bps")), QString());
    QVERIFY(restored.wait(kWaitMs));
    QCOMPARE(window->data()->path, QFileInfo(dir.filePath("b/data/t.csv")).absoluteFilePath());
    const QStringList warnings = restored.first().at(1).toStringList();
    QCOMPARE(warnings.size(), 1);  // where it was read from; the bytes are the same
    QVERIFY2(warnings.front().contains("the project named"), qPrintable(warnings.front()));
    QVERIFY(window->controller()->model());
}

void tst_Project::changedDataIsNamedInAWarning() {
    const QString csv = m_dir.filePath("changing.csv"), project = m_dir.filePath("changing.bps");
    QVERIFY(writeFile(csv, tableText()));
    {
        const auto window = test::shownMainWindow();
        QVERIFY(window);
        trainAndSave(*window, csv, project);
    }
    QVERIFY(writeFile(csv, tableText(3)));  // three more rows
    const auto window = test::shownMainWindow();
    QSignalSpy restored(window.get(), &MainWindow::projectRestored);
    QCOMPARE(window->openProject(project), QString());
    QVERIFY(restored.wait(kWaitMs));
    const QStringList warnings = restored.first().at(1).toStringList();
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.front().contains("changed since the project was saved"),
             qPrintable(warnings.front()));
    QCOMPARE(window->resultsPanel()->threshold(), 0.37);  // restored, and said to be suspect
}

void tst_Project::missingDataMustBeLocated() {
    QTemporaryDir dir;
    const QString csv = dir.filePath("gone.csv"), project = dir.filePath("gone.bps");
    QVERIFY(writeFile(csv, tableText()));
    {
        const auto window = test::shownMainWindow();
        QVERIFY(window);
        trainAndSave(*window, csv, project);
    }
    const QString elsewhere = m_dir.filePath("found-again.csv");
    QVERIFY(QFile::rename(csv, elsewhere));
    const auto window = test::shownMainWindow();
    const QString error = window->openProject(project);
    QVERIFY2(error.contains("was not found"), qPrintable(error));
    QVERIFY(!window->data());  // nothing was loaded
    QSignalSpy restored(window.get(), &MainWindow::projectRestored);
    QCOMPARE(window->openProject(project, elsewhere), QString());  // "Locate…"
    QVERIFY(restored.wait(kWaitMs));
    QCOMPARE(window->data()->path, elsewhere);
    QVERIFY(window->controller()->model());
}

void tst_Project::malformedProjectIsAClearError() {
    const QString path = m_dir.filePath("broken.bps");
    QVERIFY(writeFile(path, R"({"format":"backprop-studio-project","version":1,"data":{}})"));
    const auto window = test::shownMainWindow();
    const QString error = window->openProject(path);
    QCOMPARE(error, QString("broken.bps: data: missing key 'path'"));
}

void tst_Project::savingNeedsDataAndRefusesTheDataFile() {
    const auto window = test::shownMainWindow();
    QVERIFY(window->saveProjectTo(m_dir.filePath("empty.bps")).contains("Open a data file"));
    const QString csv = m_dir.filePath("self.csv");
    QVERIFY(writeFile(csv, tableText()));
    QSignalSpy loaded(window.get(), &MainWindow::dataLoaded);
    window->loadFile(csv);
    QVERIFY(loaded.wait(kWaitMs));
    QVERIFY(!window->saveProjectTo(csv).isEmpty());
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), tableText());  // untouched
}

// The table's cells as text, row by row in the order shown.
static QStringList shownCells(const SweepWindow& sweep) {
    QStringList rows;
    const QAbstractItemModel* model = sweep.table()->model();
    for (int r = 0; r < model->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < model->columnCount(); ++c)
            cells << model->index(r, c).data().toString();
        rows << cells.join(QLatin1Char('|'));
    }
    return rows;
}

void tst_Project::sweepResultsComeBack() {
    const QString csv = m_dir.filePath("swept.csv"), project = m_dir.filePath("swept.bps");
    QVERIFY(writeFile(csv, tableText()));
    const auto first = test::shownMainWindow();
    QVERIFY(first);
    QSignalSpy loaded(first.get(), &MainWindow::dataLoaded);
    first->loadFile(csv);
    QVERIFY(loaded.wait(kWaitMs));
    TrainingConfig config = first->hyperparameters()->config();
    config.hidden = {4};
    config.epochs = 5;
    first->hyperparameters()->setConfig(config);
    SweepWindow* sweep = first->sweepWindow();
    sweep->show();
    sweep->spaceEditor()->setRow(SweepParameter::LearningRate, SweepSpaceEditor::Mode::List,
                                 QStringLiteral("0.003, 0.03"));
    sweep->seeds()->setValue(2);
    sweep->jobs()->setValue(2);
    QSignalSpy ended(sweep, &SweepWindow::sweepEnded);
    QCOMPARE(sweep->run(), QString());
    QVERIFY(ended.wait(kWaitMs));
    QVERIFY(sweep->lastResult() && sweep->lastResult()->bestTrial >= 0);
    QCOMPARE(sweep->resultsModel()->rowCount(), 4);
    QCOMPARE(first->saveProjectTo(project), QString());

    const auto second = test::shownMainWindow();
    QVERIFY(second);
    QSignalSpy restored(second.get(), &MainWindow::projectRestored);
    QCOMPARE(second->openProject(project), QString());
    QVERIFY(restored.wait(kWaitMs));
    SweepWindow* again = second->sweepWindow();
    QVERIFY(again->lastResult().has_value());
    QCOMPARE(again->resultsModel()->rowCount(), 4);
    QCOMPARE(shownCells(*again), shownCells(*sweep));  // same rows, scores and order
    QCOMPARE(again->resultsModel()->bestTrial(), sweep->resultsModel()->bestTrial());
    QCOMPARE(again->plot()->axes().size(), sweep->plot()->axes().size());
    QCOMPARE(again->plot()->brushedTrials(), sweep->plot()->brushedTrials());
    QCOMPARE(again->spaceEditor()->spaceText(), QStringLiteral("lr=0.003,0.03"));
    QCOMPARE(again->seeds()->value(), 2);

    // Use These Settings: the row's config goes to the panel.
    const SweepResult& result = *sweep->lastResult();
    const int other = result.bestTrial == 0 ? 1 : 0;
    const SweepTrial& otherTrial = result.trials[std::size_t(other)];
    again->selectTrial(other);
    QVERIFY(again->useButton()->isEnabled());
    QTest::mouseClick(again->useButton(), Qt::LeftButton);
    QVERIFY(second->hyperparameters()->config() == otherTrial.config);
    // Open This Model trains the restored row's setting again: the trial's own model, its
    // validation loss the trial's score.
    QVERIFY(again->openButton()->isEnabled());
    QTest::mouseClick(again->openButton(), Qt::LeftButton);
    QVERIFY(again->isRetraining());
    QTRY_VERIFY_WITH_TIMEOUT(!again->isRetraining(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        second->controller()->model() && second->controller()->model()->config == otherTrial.config,
        kWaitMs);
    const auto retrained = second->controller()->model();
    QVERIFY(retrained->validation);
    QVERIFY2(
        std::abs(retrained->validation->loss - otherTrial.score) <=
            1e-9 * std::abs(otherTrial.score),
        qPrintable(QString("%1 vs %2").arg(retrained->validation->loss).arg(otherTrial.score)));

    // Other data in the first window: its sweep is not that data's, so the project saved now
    // has none, and opening it clears the second window's results.
    const QString otherCsv = m_dir.filePath("other.csv"), plain = m_dir.filePath("plain.bps");
    QVERIFY(writeFile(otherCsv, tableText(7)));
    first->loadFile(otherCsv);
    QVERIFY(loaded.wait(kWaitMs));
    QCOMPARE(first->saveProjectTo(plain), QString());
    QVERIFY(!loadProject(plain.toStdString()).sweep.has_value());
    QVERIFY(loadProject(project.toStdString()).sweep.has_value());
    QCOMPARE(second->openProject(plain), QString());
    QVERIFY(restored.wait(kWaitMs));
    QVERIFY(!again->lastResult().has_value());
    QCOMPARE(again->resultsModel()->rowCount(), 0);
    QVERIFY(!again->openButton()->isEnabled());
}

QTEST_MAIN(tst_Project)
#include "tst_project.moc"
