#pragma once
// View > Theme: System, Light and Dark as one exclusive choice, applied at once (every widget
// and chart repaints through PaletteChange) and kept in the settings for the next start.

class QMenu;
class QWidget;

namespace bps {

// The menu's object name is "themeMenu"; its actions carry the theme's name as data.
QMenu* createThemeMenu(QWidget* parent);
// Applies the theme the settings hold, before the main window is created (System changes
// nothing).
void applyStoredTheme();

}  // namespace bps
