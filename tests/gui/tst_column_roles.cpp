// The Data tab on tests/data/cars.csv: the roles each column's kind offers, the kind and its
// reason, the network inputs, the missing-cell policy and the notice of what is left out, and
// the DataSelection all of that produces (issue #13, the desktop app).

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "core/data/column_kinds.h"
#include "core/io/model_file.h"
#include "core/training/trainer.h"
#include "tests/common/gui_test_setup.h"
#include "ui/data/csv_loader.h"
#include "ui/panels/column_roles_view.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/target_histogram.h"
#include "ui/training/training_controller.h"

using namespace bps;

namespace {
const QString kCars = QStringLiteral(BPS_TESTS_DIR "/data/cars.csv");
constexpr int kRoleColumn = 1;
constexpr int kInputsColumn = 2;
constexpr int kKindColumn = 3;

LoadedDataPtr loadText(const std::string& text, const std::string& name) {
    auto data = std::make_shared<LoadedData>();
    data->path = data->displayName = QString::fromStdString(name);
    data->table = readCsvText(text, name);
    data->summaries = summarizeTable(data->table);
    data->kinds = inferColumnKinds(data->table);
    return data;
}

// Through the loader, as the app reads a file (it infers the kinds off the UI thread).
LoadedDataPtr loadCars() {
    CsvLoader loader;
    QSignalSpy loaded(&loader, &CsvLoader::loaded);
    QSignalSpy failed(&loader, &CsvLoader::failed);
    loader.load(kCars);
    if (!loaded.wait(20000)) {
        qWarning() << "cars.csv did not load:" << failed;
        return nullptr;
    }
    return loaded.takeFirst().at(0).value<LoadedDataPtr>();
}

int columnOf(const ColumnRolesView& view, const QString& name) {
    for (int r = 0; r < view.rowCount(); ++r)
        if (view.item(r, 0)->text() == name) return r;
    return -1;
}

QComboBox* roleBox(const ColumnRolesView& view, int column) {
    return qobject_cast<QComboBox*>(view.cellWidget(column, kRoleColumn));
}

QStringList offered(const ColumnRolesView& view, int column) {
    QStringList labels;
    QComboBox* box = roleBox(view, column);
    for (int i = 0; i < box->count(); ++i) labels << box->itemText(i);
    return labels;
}

bool hasFeature(const DataSelection& s, const std::string& name) {
    return std::find(s.features.begin(), s.features.end(), name) != s.features.end();
}

// The user picks `label` in the column's role combo box.
void pick(ColumnRolesView& view, int column, const QString& label) {
    QComboBox* box = roleBox(view, column);
    const int index = box->findText(label);
    QVERIFY2(index >= 0, qPrintable(label + " is not offered"));
    box->setCurrentIndex(index);
}
}  // namespace

class tst_ColumnRoles : public QObject {
    Q_OBJECT
private slots:
    void init();
    void loaderInfersKinds();
    void textColumnIsOneHotFeature();
    void identifierIgnoredWithReason();
    void datesIgnoredUnlessDateParts();
    void fewWholeNumbersNumericOrCategorical();
    void inputsPerColumnAndInTotal();
    void missingPolicyReachesSelection();
    void noticeListsLeftOutColumnsAndRows();
    void noticeFollowsTargetAndRoles();
    void newFileResetsOverrides();
    void newTargetDropsItsOverride();
    void changedEncodingTrainsAfresh_data();
    void changedEncodingTrainsAfresh();
    void openedModelRestoresItsForms();
    void dataTabScreenshot();

private:
    LoadedDataPtr m_cars;
};

void tst_ColumnRoles::init() {
    if (!m_cars) m_cars = loadCars();
    QVERIFY(m_cars);
}

void tst_ColumnRoles::loaderInfersKinds() {
    QCOMPARE(m_cars->kinds.size(), m_cars->table.columns.size());
    QCOMPARE(m_cars->kinds[0].kind, ColumnKind::Identifier);  // Name
}

void tst_ColumnRoles::textColumnIsOneHotFeature() {
    ColumnRolesView view;
    view.setData(m_cars);
    const int origin = columnOf(view, "Origin");
    QVERIFY(origin >= 0);
    QVERIFY(offered(view, origin).contains("Feature (one-hot, 3 levels)"));
    // Origin is the last column, so the target; with another target it is a feature.
    pick(view, columnOf(view, "Miles_per_Gallon"), "Target");
    QCOMPARE(roleBox(view, origin)->currentText(), QString("Feature (one-hot, 3 levels)"));
    QCOMPARE(view.item(origin, kKindColumn)->text(),
             QString("categorical: 3 distinct values in 406 rows"));
    const DataSelection s = view.selection();
    QCOMPARE(s.target, std::string("Miles_per_Gallon"));
    QVERIFY(hasFeature(s, "Origin"));
    QVERIFY(s.kinds.empty());  // text with few levels is categorical without an override
}

void tst_ColumnRoles::identifierIgnoredWithReason() {
    ColumnRolesView view;
    view.setData(m_cars);
    const int name = columnOf(view, "Name");
    QCOMPARE(view.item(name, kKindColumn)->text(),
             QString("identifier: 311 of 406 values distinct"));
    QCOMPARE(roleBox(view, name)->currentText(), QString("Ignored"));
    QCOMPARE(view.role(name), ColumnRole::Ignored);
    QVERIFY(!hasFeature(view.selection(), "Name"));
    // It may still be chosen: as one-hot levels, which forces the kind.
    pick(view, name, "Feature (one-hot, 311 levels)");
    const DataSelection s = view.selection();
    QVERIFY(hasFeature(s, "Name"));
    QCOMPARE(s.kinds.at("Name"), ColumnKind::Categorical);
}

void tst_ColumnRoles::datesIgnoredUnlessDateParts() {
    ColumnRolesView view;
    view.setData(m_cars);
    const int year = columnOf(view, "Year");
    QVERIFY(view.item(year, kKindColumn)->text().startsWith("date/time: ISO 8601 dates"));
    QCOMPARE(roleBox(view, year)->currentText(), QString("Ignored"));
    QVERIFY(!view.selection().expandDates);
    pick(view, year, "Feature (date parts)");
    const DataSelection s = view.selection();
    QVERIFY(s.expandDates);
    QVERIFY(hasFeature(s, "Year"));
    QVERIFY(s.kinds.empty());
    QCOMPARE(view.item(year, kInputsColumn)->text(), QString("date parts"));
}

void tst_ColumnRoles::fewWholeNumbersNumericOrCategorical() {
    ColumnRolesView view;
    view.setData(m_cars);
    pick(view, columnOf(view, "Miles_per_Gallon"), "Target");
    const int cylinders = columnOf(view, "Cylinders");
    const QStringList labels = offered(view, cylinders);
    QVERIFY(labels.contains("Feature (numeric)"));
    QVERIFY(labels.contains("Feature (categorical)"));
    QCOMPARE(roleBox(view, cylinders)->currentText(), QString("Feature (numeric)"));
    QVERIFY(view.selection().kinds.empty());
    QCOMPARE(view.item(cylinders, kInputsColumn)->text(), QString("1"));

    pick(view, cylinders, "Feature (categorical)");
    const DataSelection s = view.selection();
    QVERIFY(hasFeature(s, "Cylinders"));
    QCOMPARE(s.kinds.size(), std::size_t{1});
    QCOMPARE(s.kinds.at("Cylinders"), ColumnKind::Categorical);
    // 398 rows with a target: levels seen fewer than min(5, 1% of 398 rounded up = 4) times
    // merge into `other`: 3 (4 rows), 4, 6 and 8 stay, 5 (3 rows) merges: five inputs.
    QCOMPARE(view.item(cylinders, kInputsColumn)->text(), QString("5"));
}

void tst_ColumnRoles::inputsPerColumnAndInTotal() {
    ColumnRolesView view;
    view.setData(m_cars);
    pick(view, columnOf(view, "Miles_per_Gallon"), "Target");
    // Horsepower has missing cells: its value and a missing-indicator input.
    QCOMPARE(view.item(columnOf(view, "Horsepower"), kInputsColumn)->text(), QString("2"));
    QCOMPARE(view.item(columnOf(view, "Origin"), kInputsColumn)->text(), QString("3"));
    QCOMPARE(view.item(columnOf(view, "Name"), kInputsColumn)->text(), QString());
    // Cylinders, Displacement, Weight, Acceleration 1 each, Horsepower 2, Origin 3.
    QCOMPARE(view.plan().totalInputs, std::size_t{9});
    // Dropping rows instead needs no indicator.
    view.setMissingPolicy(MissingPolicy::Drop);
    QCOMPARE(view.item(columnOf(view, "Horsepower"), kInputsColumn)->text(), QString("1"));
    QCOMPARE(view.plan().totalInputs, std::size_t{8});
}

void tst_ColumnRoles::missingPolicyReachesSelection() {
    DataPanel panel;
    panel.setData(m_cars);
    QComboBox* policy = panel.missingPolicyBox();
    QCOMPARE(policy->currentText(), QString("Impute (median, most frequent level)"));
    QCOMPARE(panel.selection().encoding.missing, MissingPolicy::Impute);
    QSignalSpy changed(&panel, &DataPanel::selectionChanged);
    policy->setCurrentIndex(policy->findText("Drop rows"));
    QCOMPARE(panel.selection().encoding.missing, MissingPolicy::Drop);
    policy->setCurrentIndex(policy->findText("Missing as a category"));
    QCOMPARE(panel.selection().encoding.missing, MissingPolicy::Category);
    QCOMPARE(changed.count(), 2);
}

void tst_ColumnRoles::noticeListsLeftOutColumnsAndRows() {
    DataPanel panel;
    panel.setData(m_cars);
    pick(*panel.roles(), columnOf(*panel.roles(), "Miles_per_Gallon"), "Target");
    const QLabel* notice = panel.notice();
    QVERIFY(notice->wordWrap());
    const QString text = notice->text();
    QVERIFY2(text.contains("Left out (2 of the columns): Name (identifier: 311 of 406 values "
                           "distinct); Year (date/time: ISO 8601 dates"),
             qPrintable(text));
    QVERIFY2(text.contains("8 rows without a value of the target Miles_per_Gallon are left out"),
             qPrintable(text));
    QVERIFY2(text.contains("6 rows have missing feature cells (Horsepower: 6): kept"),
             qPrintable(text));
    QVERIFY2(text.contains("Network inputs: about 9"), qPrintable(text));

    panel.missingPolicyBox()->setCurrentIndex(panel.missingPolicyBox()->findText("Drop rows"));
    QVERIFY2(panel.notice()->text().contains(
                 "6 rows have missing feature cells (Horsepower: 6): dropped, 392 rows remain"),
             qPrintable(panel.notice()->text()));
}

void tst_ColumnRoles::noticeFollowsTargetAndRoles() {
    DataPanel panel;
    panel.setData(m_cars);
    ColumnRolesView& view = *panel.roles();
    pick(view, columnOf(view, "Horsepower"), "Target");
    const QString text = panel.notice()->text();
    QVERIFY2(text.contains("6 rows without a value of the target Horsepower are left out"),
             qPrintable(text));
    QVERIFY2(text.contains("8 rows have missing feature cells (Miles_per_Gallon: 8)"),
             qPrintable(text));
    pick(view, columnOf(view, "Miles_per_Gallon"), "Ignored");
    QVERIFY2(panel.notice()->text().contains("Left out (3 of the columns)"),
             qPrintable(panel.notice()->text()));
    QVERIFY(!panel.notice()->text().contains("missing feature cells"));
}

void tst_ColumnRoles::newFileResetsOverrides() {
    DataPanel panel;
    panel.setData(m_cars);
    ColumnRolesView& view = *panel.roles();
    pick(view, columnOf(view, "Cylinders"), "Feature (categorical)");
    pick(view, columnOf(view, "Year"), "Feature (date parts)");
    QVERIFY(!view.selection().kinds.empty());
    // Another file with a Cylinders column: the earlier choices do not carry over.
    panel.setData(
        loadText("Cylinders,When,y\n4,2020-01-01,1\n6,2020-01-02,2\n4,2020-01-03,3\n"
                 "8,2020-01-04,4\n",
                 "other.csv"));
    const DataSelection s = view.selection();
    QVERIFY(s.kinds.empty());
    QVERIFY(!s.expandDates);
    QCOMPARE(s.target, std::string("y"));
    QCOMPARE(s.features, std::vector<std::string>{"Cylinders"});
    QCOMPARE(roleBox(view, 0)->currentText(), QString("Feature (numeric)"));
    QVERIFY(!panel.notice()->text().contains("Name ("));
}

void tst_ColumnRoles::newTargetDropsItsOverride() {
    ColumnRolesView view;
    view.setData(m_cars);
    const int cylinders = columnOf(view, "Cylinders");
    pick(view, cylinders, "Feature (categorical)");
    QCOMPARE(view.selection().kinds.size(), std::size_t{1});
    pick(view, cylinders, "Target");
    QVERIFY(view.selection().kinds.empty());
    // The previous target (Origin) becomes what its kind starts as: a one-hot feature.
    QCOMPARE(roleBox(view, columnOf(view, "Origin"))->currentText(),
             QString("Feature (one-hot, 3 levels)"));
}

void tst_ColumnRoles::changedEncodingTrainsAfresh_data() {
    QTest::addColumn<bool>("categorical");
    QTest::addColumn<bool>("drop");
    QTest::addColumn<bool>("continued");
    QTest::newRow("same choices continue") << false << false << true;
    QTest::newRow("a column made categorical") << true << false << false;
    QTest::newRow("another missing policy") << false << true << false;
}

// Start continues the last model's weights only when the network's inputs stay the same: a kind
// or the missing-cell policy changes them as much as another feature does.
void tst_ColumnRoles::changedEncodingTrainsAfresh() {
    QFETCH(bool, categorical);
    QFETCH(bool, drop);
    QFETCH(bool, continued);
    std::string csv = "level,z,y\n";
    for (int r = 0; r < 40; ++r)
        csv += std::to_string(r % 3) + "," + std::to_string(r * 0.25) + "," +
               std::to_string(r % 2) + "\n";
    const LoadedDataPtr data = loadText(csv, "levels.csv");
    DataSelection selection;
    selection.target = "y";
    selection.features = {"level", "z"};
    TrainingConfig config;
    config.epochs = 2;
    TrainingController controller;
    QSignalSpy started(&controller, &TrainingController::runStarted);
    QCOMPARE(controller.start(data, selection, config), QString());
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isActive(), 30000);
    QVERIFY(controller.model());
    if (categorical) selection.kinds["level"] = ColumnKind::Categorical;
    if (drop) selection.encoding.missing = MissingPolicy::Drop;
    QCOMPARE(controller.start(data, selection, config), QString());
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, 30000);
    QCOMPARE(started.at(1).at(1).toBool(), continued);
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isActive(), 30000);
}

// A model trained with `Cylinders` made categorical and `Year` taken into date parts, opened in
// the window on cars.csv, sets those roles again (not each column's default form), so that Start
// continues it.
void tst_ColumnRoles::openedModelRestoresItsForms() {
    test::useTestSettings(QStringLiteral("tst_column_roles"));
    DataSelection selection;
    selection.target = "Miles_per_Gallon";
    selection.features = {"Cylinders", "Horsepower", "Year", "Origin"};
    selection.kinds["Cylinders"] = ColumnKind::Categorical;
    selection.expandDates = true;
    TrainingConfig config;
    config.epochs = 2;
    const Dataset data = prepareDataset(m_cars->table, selection);
    Trainer trainer(data, config);
    trainer.run();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("cars_model.json"));
    saveModel(trainer.model(), path.toStdString());

    const auto window = test::shownMainWindow();
    QVERIFY(window);
    QSignalSpy loaded(window.get(), &MainWindow::dataLoaded);
    window->loadFile(kCars);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(window->openModel(path), QString());
    ColumnRolesView* roles = window->dataPanel()->roles();
    QCOMPARE(roleBox(*roles, columnOf(*roles, "Cylinders"))->currentText(),
             QStringLiteral("Feature (categorical)"));
    QCOMPARE(roleBox(*roles, columnOf(*roles, "Year"))->currentText(),
             QStringLiteral("Feature (date parts)"));
    QCOMPARE(roleBox(*roles, columnOf(*roles, "Origin"))->currentText(),
             QStringLiteral("Feature (one-hot, 3 levels)"));
    QCOMPARE(roleBox(*roles, columnOf(*roles, "Displacement"))->currentText(),
             QStringLiteral("Ignored"));
    const DataSelection restored = window->dataPanel()->selection();
    QCOMPARE(restored.kinds.count("Cylinders"), std::size_t(1));
    QVERIFY(restored.expandDates);
    QVERIFY(window->controller()->willContinue(restored, trainer.model().config));
}

// The Data tab of the main window on cars.csv, saved as data_tab.png in the build directory (and
// to BPS_DATA_TAB_SHOT_OUT when set) to look at; the notice must show all of its text.
void tst_ColumnRoles::dataTabScreenshot() {
    test::useTestSettings(QStringLiteral("tst_column_roles"));
    const auto window = test::shownMainWindow();
    QVERIFY(window);
    QSignalSpy loaded(window.get(), &MainWindow::dataLoaded);
    window->loadFile(kCars);
    QVERIFY(loaded.wait(20000));
    DataPanel* panel = window->dataPanel();
    window->tabs()->setCurrentWidget(panel);
    pick(*panel->roles(), columnOf(*panel->roles(), "Miles_per_Gallon"), "Target");
    // A regression target: the Data tab shows its histogram; the layout requests it posted are
    // handled before the notice and the picture are looked at.
    QTRY_VERIFY(panel->targetHistogram()->isVisible());
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    const QLabel* notice = panel->notice();
    QVERIFY(notice->isVisible());
    // Word-wrapped to its width, the whole text fits the height it was given: nothing clipped.
    QVERIFY2(notice->height() >= notice->heightForWidth(notice->width()),
             qPrintable(QStringLiteral("notice %1 px high, its text needs %2")
                            .arg(notice->height())
                            .arg(notice->heightForWidth(notice->width()))));
    const QImage shot = window->grab().toImage();
    QVERIFY(shot.save(QDir::current().filePath(QStringLiteral("data_tab.png"))));
    if (const QByteArray out = qgetenv("BPS_DATA_TAB_SHOT_OUT"); !out.isEmpty())
        QVERIFY(shot.save(QString::fromLocal8Bit(out)));
}

QTEST_MAIN(tst_ColumnRoles)
#include "tst_column_roles.moc"
