#pragma once
// View > Theme: the system's look, or Fusion with a light or a dark palette. Charts, cards and
// banners take their colours from the palette (ui/charts/chart_palette.h) and follow a switch
// live, through QEvent::PaletteChange.

#include <QString>

namespace bps {

enum class Theme { System, Light, Dark };

// Sets the application's style and palette. The first call remembers the system's style and
// palette, so System puts them back.
void applyTheme(Theme theme);
// The last theme applied (System before any).
Theme currentTheme();

// As the settings store them: "system", "light", "dark"; anything else reads as System.
QString themeName(Theme theme);
Theme themeFromName(const QString& name);

}  // namespace bps
