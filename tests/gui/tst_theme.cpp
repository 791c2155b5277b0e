// View > Theme: Dark makes every chart's background and text, the diagnosis cards and the
// restart banner dark-palette colours (read back from the charts and from grabbed pixels), Light
// makes them light again, and the choice is kept in the settings.

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
#include "ui/charts/cost_chart.h"
#include "ui/panels/diagnosis_panel.h"
#include "ui/panels/restart_banner.h"
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

void tst_Theme::darkAndBackToLight() {
    choose(QStringLiteral("dark"));
    QCOMPARE(SettingsStore::theme(), QStringLiteral("dark"));
    QCOMPARE(currentTheme(), Theme::Dark);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    checkCharts(true);
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
