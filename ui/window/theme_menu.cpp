#include "ui/window/theme_menu.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>

#include "ui/window/settings_store.h"
#include "ui/window/theme.h"

namespace bps {

QMenu* createThemeMenu(QWidget* parent) {
    auto* menu = new QMenu(QObject::tr("&Theme"), parent);
    menu->setObjectName(QStringLiteral("themeMenu"));
    auto* group = new QActionGroup(menu);
    group->setExclusive(true);
    const struct {
        Theme theme;
        QString text, tip;
    } choices[] = {
        {Theme::System, QObject::tr("&System"), QObject::tr("The desktop's style and colours")},
        {Theme::Light, QObject::tr("&Light"), QObject::tr("Fusion style, light colours")},
        {Theme::Dark, QObject::tr("&Dark"), QObject::tr("Fusion style, dark colours")},
    };
    for (const auto& c : choices) {
        QAction* a = menu->addAction(c.text);
        a->setCheckable(true);
        a->setChecked(c.theme == currentTheme());
        a->setData(themeName(c.theme));
        a->setStatusTip(c.tip);
        group->addAction(a);
        QObject::connect(a, &QAction::triggered, menu, [theme = c.theme] {
            applyTheme(theme);
            SettingsStore::setTheme(themeName(theme));
        });
    }
    return menu;
}

void applyStoredTheme() {
    const Theme theme = themeFromName(SettingsStore::theme());
    if (theme != Theme::System) applyTheme(theme);
}

}  // namespace bps
