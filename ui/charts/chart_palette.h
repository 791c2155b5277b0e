#pragma once
// Colours that follow the widget palette, so a dark system palette or View > Theme > Dark gives
// dark charts, cards and banners instead of white islands with grey-on-grey text. Charts get
// their background, text, axes and grid from the palette (not a QChart theme, which would also
// repaint our series colours); followPalette() keeps a chart in step on every PaletteChange.
// Accent colours (train blue, validation orange, red and amber findings) read on both.

#include <QColor>
#include <QPalette>
#include <QString>

class QChart;
class QChartView;

namespace bps {

// A palette whose window is darker than its text.
bool isDark(const QPalette& palette);
// Secondary text (evidence, hints): between the text and the window colour.
QColor mutedText(const QPalette& palette);
// `accent` mixed into the base colour: a light tint on a light palette, a deep one on a dark
// palette; text in the palette's text colour stays readable on it.
QColor tinted(const QColor& accent, const QPalette& palette);
// `accent` as text or a thin line on the palette's window: lighter on a dark palette.
QColor readable(const QColor& accent, const QPalette& palette);
// A confusion-matrix cell's background: green on the diagonal (correct), red off it, stronger
// the larger the cell's share of its row (0..1). Opaque, mixed into the palette's base, so the
// palette's text stays readable on it in a light and a dark palette alike.
QColor confusionShade(bool correct, double share, const QPalette& palette);
// The text of a missing cell in the data table: a red that reads on the palette's base.
QColor missingCellText(const QPalette& palette);
// "rgba(r, g, b, a)" for a style sheet.
QString cssColour(const QColor& colour);

// Background, plot area, title, legend, every axis' labels, title, line and grid from `palette`.
void applyChartPalette(QChart* chart, const QPalette& palette);
// Applies the view's palette to its chart now and again on every PaletteChange (a theme switch,
// a new system palette). Axes added later are covered by calling applyChartPalette again.
void followPalette(QChartView* view);

}  // namespace bps
