// View > Theme: Dark makes every chart's background and text, the diagnosis cards, the restart
// banner, the confusion matrix's shading and the missing cells' red dark-palette colours (read
// back from the charts, the cells and grabbed pixels), Light makes them light again, and the
// choice is kept in the settings.

#include <QAbstractAxis>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QImage>
#include <QMenu>
#include <QPushButton>
#include <QTabWidget>
#include <QtTest>
#include <memory>

#include "tests/common/gui_test_setup.h"
#include "ui/charts/chart_palette.h"
#include "ui/charts/confusion_matrix_view.h"
#include "ui/charts/cost_chart.h"
#include "ui/data/data_table_model.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/diagnosis_panel.h"
#include "ui/panels/restart_banner.h"
#include "ui/panels/results_panel.h"
#include "ui/training/training_thread.h"
#include "ui/window/settings_store.h"
#include "ui/window/theme.h"

using namespace bps;

namespace {
int lightness(QColor c) { return c.lightness(); }

// The colour in the middle of the widget's top edge, just inside its border: its background.
QColor backgroundPixel(QWidget* w) {
    const QImage image = w->grab().toImage();
    return image.pixelColor(image.width() / 2, 3);
}
}  // namespace

class tst_Theme : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void darkAndBackToLight();
    void themeNamesRoundTrip();

private:
    void choose(const QString& name);
    // Every chart in the window has a background and text of the expected darkness.
    void checkCharts(bool dark);
    // The confusion matrix's cells and the missing cells' text follow the palette, and the text
    // stays readable on the cells.
    void checkTables(bool dark);
    std::unique_ptr<MainWindow> m_window;
};

void tst_Theme::initTestCase() {
    test::useTestSettings(QStringLiteral("tst_theme"));
    m_window = test::shownMainWindow();
    QVERIFY(m_window);
    // A finding card and the restart banner, to look at in both themes.
    DiagnosisUpdate update;
    update.epoch = 3;
    update.findings = {{FindingCode::TinyInitialisation, "tiny", {}, "use 1", std::nullopt}};
    m_window->diagnosisPanel()->setDiagnosis(update);
    m_window->restartBanner()->addReason(QStringLiteral("hidden layers changed"));
    m_window->resultsPanel()->confusion()->setConfusion(
        {{80, 20}, {10, 90}}, {QStringLiteral("no"), QStringLiteral("yes")});
}

void tst_Theme::cleanupTestCase() {
    m_window.reset();
    applyTheme(Theme::System);
}

void tst_Theme::choose(const QString& name) {
    auto* menu = m_window->findChild<QMenu*>(QStringLiteral("themeMenu"));
    QVERIFY2(menu, "no View > Theme menu");
    QAction* chosen = nullptr;
    for (QAction* a : menu->actions())
        if (a->data().toString() == name) chosen = a;
    QVERIFY2(chosen, qPrintable(name));
    chosen->trigger();
    QVERIFY(chosen->isChecked());
    QCoreApplication::processEvents();
}

void tst_Theme::checkCharts(bool dark) {
    const QList<QChartView*> views = m_window->findChildren<QChartView*>();
    QVERIFY2(views.size() >= 5, qPrintable(QString::number(views.size())));  // cost, 3 health, ROC
    for (QChartView* view : views) {
        QChart* chart = view->chart();
        const int background = lightness(chart->backgroundBrush().color());
        const int title = lightness(chart->titleBrush().color());
        QVERIFY2(dark ? background < 80 : background > 200,
                 qPrintable(QStringLiteral("%1: background lightness %2")
                                .arg(view->metaObject()->className())
                                .arg(background)));
        QVERIFY2(dark ? title > 180 : title < 80, qPrintable(QString::number(title)));
        for (QAbstractAxis* axis : chart->axes()) {
            const int label = lightness(axis->labelsColor());
            QVERIFY2(
                dark ? label > 180 : label < 80,
                qPrintable(QStringLiteral("%1 axis labels %2").arg(axis->titleText()).arg(label)));
        }
    }
}

void tst_Theme::checkTables(bool dark) {
    ConfusionMatrixView* view = m_window->resultsPanel()->confusion();
    const QColor text = view->palette().color(QPalette::Text);
    for (int a = 0; a < 2; ++a)
        for (int p = 0; p < 2; ++p) {
            const QColor cell = view->item(a, p)->background().color();
            QCOMPARE(cell, confusionShade(a == p, view->rowShare(a, p), view->palette()));
            QVERIFY2(dark ? lightness(cell) < 110 : lightness(cell) > 120, qPrintable(cell.name()));
            QVERIFY2(std::abs(lightness(cell) - lightness(text)) >= 100,
                     qPrintable(cell.name() + " under " + text.name()));
        }
    // As a user sees it: the diagonal cell's corner, grabbed from the Results tab.
    m_window->tabs()->setCurrentIndex(2);
    QCoreApplication::processEvents();
    const QRect first = view->visualItemRect(view->item(0, 0));
    const QImage shot = view->viewport()->grab().toImage();
    const QColor pixel = shot.pixelColor(first.topLeft() + QPoint(3, 3));
    QVERIFY2(dark ? lightness(pixel) < 110 : lightness(pixel) > 120, qPrintable(pixel.name()));
    m_window->tabs()->setCurrentIndex(0);

    const QColor missing = m_window->dataPanel()->rowsModel()->missingColour();
    QCOMPARE(missing, missingCellText(m_window->dataPanel()->palette()));
    const QColor base = m_window->dataPanel()->palette().color(QPalette::Base);
    QVERIFY2(std::abs(lightness(missing) - lightness(base)) >= 90,
             qPrintable(missing.name() + " on " + base.name()));
    QVERIFY2(missing.red() > missing.green() + 40, qPrintable(missing.name()));  // still red
}

void tst_Theme::darkAndBackToLight() {
    choose(QStringLiteral("dark"));
    QCOMPARE(SettingsStore::theme(), QStringLiteral("dark"));
    QCOMPARE(currentTheme(), Theme::Dark);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    checkCharts(true);
    checkTables(true);
    QWidget* card = m_window->diagnosisPanel()->fixButton(0)->parentWidget();
    QVERIFY2(lightness(backgroundPixel(card)) < 80, qPrintable(backgroundPixel(card).name()));
    QVERIFY2(lightness(backgroundPixel(m_window->restartBanner())) < 100,
             qPrintable(backgroundPixel(m_window->restartBanner()).name()));
    // A chart grabbed as a user sees it: the plot's surroundings are dark.
    const QImage shot = m_window->costChart()->grab().toImage();
    QVERIFY2(shot.pixelColor(5, 5).lightness() < 80, qPrintable(shot.pixelColor(5, 5).name()));

    QVERIFY(m_window->grab().save(QDir::currentPath() + QStringLiteral("/theme_dark.png")));

    choose(QStringLiteral("light"));
    QCOMPARE(SettingsStore::theme(), QStringLiteral("light"));
    checkCharts(false);
    checkTables(false);
    QVERIFY2(lightness(backgroundPixel(card)) > 200, qPrintable(backgroundPixel(card).name()));
    QVERIFY2(lightness(backgroundPixel(m_window->restartBanner())) > 180,
             qPrintable(backgroundPixel(m_window->restartBanner()).name()));
}

void tst_Theme::themeNamesRoundTrip() {
    for (Theme t : {Theme::System, Theme::Light, Theme::Dark})
        QCOMPARE(themeFromName(themeName(t)), t);
    QCOMPARE(themeFromName(QStringLiteral("neon")), Theme::System);
}

QTEST_MAIN(tst_Theme)
#include "tst_theme.moc"
