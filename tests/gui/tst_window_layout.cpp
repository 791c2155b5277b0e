// Sizes that fit: at 1280 x 720 the Hyperparameters dock's "Reset to defaults" is reachable
// (inside the dock's scroll viewport once scrolled to, never cut off at the side), and at
// 800 x 500 logical pixels with QT_SCALE_FACTOR=2 the window keeps that size, the two docks
// share the left side as tabs so the cost chart is at least 400 px wide, and no dock overlaps
// the tabs. Runs with QT_SCALE_FACTOR=2 throughout (set before QApplication exists);
// every size here is in logical pixels, which the scale factor leaves as they are. The small
// window is saved as window_800x500.png to look at.

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "tests/common/gui_test_setup.h"
#include "ui/charts/cost_chart.h"
#include "ui/panels/column_roles_view.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/hyperparameter_panel.h"

using namespace bps;

namespace {
QString rectText(const QRect& r) {
    return QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

QPushButton* resetButton(MainWindow& window) {
    for (QPushButton* b : window.hyperparameters()->findChildren<QPushButton*>())
        if (b->text() == QObject::tr("Reset to defaults")) return b;
    return nullptr;
}
}  // namespace

class tst_WindowLayout : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void resetReachableAt1280x720();
    void docksDoNotOverlapAtSmallSize_data();
    void docksDoNotOverlapAtSmallSize();
    void summaryTypeColumnFits_data();
    void summaryTypeColumnFits();
};

void tst_WindowLayout::initTestCase() {
    test::useTestSettings(QStringLiteral("tst_window_layout"));
    QCOMPARE(qgetenv("QT_SCALE_FACTOR"), QByteArray("2"));
}

void tst_WindowLayout::resetReachableAt1280x720() {
    auto window = test::shownMainWindow();
    QVERIFY(window);
    window->resize(1280, 720);
    QTRY_COMPARE(window->size(), QSize(1280, 720));
    QPushButton* reset = resetButton(*window);
    QVERIFY2(reset, "no Reset to defaults button");
    auto* scroll =
        qobject_cast<QScrollArea*>(window->hyperparameters()->parentWidget()->parentWidget());
    QVERIFY2(scroll, "the hyperparameter panel is not in a scroll area");
    scroll->ensureWidgetVisible(reset);
    QCoreApplication::processEvents();
    // Only vertical scrolling: the panel fits the viewport's width, so nothing hides at the side.
    QCOMPARE(scroll->horizontalScrollBar()->value(), 0);
    const QRect inViewport(reset->mapTo(scroll->viewport(), QPoint(0, 0)), reset->size());
    QVERIFY2(scroll->viewport()->rect().contains(inViewport),
             qPrintable(QStringLiteral("button %1, viewport %2")
                            .arg(rectText(inViewport), rectText(scroll->viewport()->rect()))));
    // And the viewport itself lies inside the window.
    const QRect viewport(scroll->viewport()->mapTo(window.get(), QPoint(0, 0)),
                         scroll->viewport()->size());
    QVERIFY2(window->rect().contains(viewport), qPrintable(rectText(viewport)));
}

void tst_WindowLayout::docksDoNotOverlapAtSmallSize_data() {
    QTest::addColumn<QSize>("size");
    QTest::newRow("800x500") << QSize(800, 500);
    QTest::newRow("1280x720") << QSize(1280, 720);
}

void tst_WindowLayout::docksDoNotOverlapAtSmallSize() {
    QFETCH(QSize, size);
    auto window = test::shownMainWindow();
    QVERIFY(window);
    window->resize(size);
    QCoreApplication::processEvents();
    // The window can be that small: its minimum size fits.
    QVERIFY2(window->minimumSizeHint().width() <= size.width() &&
                 window->minimumSizeHint().height() <= size.height(),
             qPrintable(QStringLiteral("minimum %1x%2 (centre %3x%4)")
                            .arg(window->minimumSizeHint().width())
                            .arg(window->minimumSizeHint().height())
                            .arg(window->centralWidget()->minimumSizeHint().width())
                            .arg(window->centralWidget()->minimumSizeHint().height())));
    QTRY_COMPARE(window->size(), size);
    // An artefact to look at: does the small window still read well?
    QVERIFY(window->grab().save(
        QDir::currentPath() +
        QStringLiteral("/window_%1x%2.png").arg(size.width()).arg(size.height())));
    QWidget* centre = window->centralWidget();
    const QRect tabs(window->tabs()->mapTo(window.get(), QPoint(0, 0)), window->tabs()->size());
    QVERIFY2(tabs.width() > 0 && tabs.height() > 0, qPrintable(rectText(tabs)));
    auto* hyper = window->findChild<QDockWidget*>(QStringLiteral("hyperparameterDock"));
    auto* diagnosis = window->findChild<QDockWidget*>(QStringLiteral("diagnosisDock"));
    QVERIFY(hyper && diagnosis);
    // Narrow: the two docks share the left area as tabs, the Hyperparameters one in front, so the
    // cost chart keeps a readable width; wide: one on each side.
    const bool narrow = size.width() < 1000;
    QCOMPARE(window->tabifiedDockWidgets(hyper).contains(diagnosis), narrow);
    QVERIFY2(window->costChart()->width() >= 400,
             qPrintable(QString::number(window->costChart()->width())));
    for (QDockWidget* dock : window->findChildren<QDockWidget*>()) {
        QVERIFY2(dock->isVisible(), qPrintable(dock->objectName()));
        // Behind the Hyperparameters tab: not drawn, and Qt leaves it its old geometry.
        if (narrow && dock == diagnosis) continue;
        QVERIFY2(!dock->geometry().intersects(centre->geometry()),
                 qPrintable(QStringLiteral("%1 %2 overlaps the centre %3")
                                .arg(dock->objectName(), rectText(dock->geometry()),
                                     rectText(centre->geometry()))));
        QVERIFY2(window->rect().contains(dock->geometry()), qPrintable(dock->objectName()));
    }
}

void tst_WindowLayout::summaryTypeColumnFits_data() {
    QTest::addColumn<int>("width");
    QTest::newRow("1600 px") << 1600;
    QTest::newRow("1280 px") << 1280;
}

// With both docks open the Data tab's summary shows its whole Type column ("text (3 values)"),
// not a clipped one at the viewport's edge, even after long column names.
void tst_WindowLayout::summaryTypeColumnFits() {
    QFETCH(int, width);
    auto window = test::shownMainWindow();
    QVERIFY(window);
    window->resize(width, 900);
    window->tabs()->setCurrentIndex(1);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("long_names.csv"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "average_monthly_precipitation_in_millimetres,colour_of_the_sky_at_noon,label\n");
        for (int i = 0; i < 30; ++i)
            file.write(QStringLiteral("%1,%2,%3\n")
                           .arg(i * 1.5)
                           .arg(i % 3 == 0   ? "blue"
                                : i % 3 == 1 ? "grey"
                                             : "white")
                           .arg(i % 2)
                           .toUtf8());
    }
    QSignalSpy loaded(window.get(), &MainWindow::dataLoaded);
    QSignalSpy failed(window.get(), &MainWindow::loadFailed);
    window->loadFile(path);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() > 0, 10'000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    QCoreApplication::processEvents();
    ColumnRolesView* roles = window->dataPanel()->roles();
    // The "Kind (why)" column, which word-wraps its reason within its width.
    constexpr int kType = 3;
    QHeaderView* header = roles->horizontalHeader();
    QCOMPARE(roles->horizontalHeaderItem(kType)->text().left(4), QStringLiteral("Kind"));
    const int left = header->sectionViewportPosition(kType);
    QVERIFY2(left >= 0 && left + header->sectionSize(kType) <= roles->viewport()->width(),
             qPrintable(QStringLiteral("Type at %1..%2, viewport %3 wide")
                            .arg(left)
                            .arg(left + header->sectionSize(kType))
                            .arg(roles->viewport()->width())));
}

int main(int argc, char** argv) {
    qputenv("QT_SCALE_FACTOR", "2");
    QApplication app(argc, argv);
    tst_WindowLayout test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_window_layout.moc"
