#pragma once
// The decision map's colours, as TensorFlow Playground draws them: binary outputs on a diverging
// map around the threshold (orange for the first class, blue for the second), multiclass one hue
// per class with lightness for confidence, regression and unit activations on sequential and
// diverging maps. The neutral end is the palette's base colour, so the map suits a dark theme.

#include <QColor>
#include <QImage>
#include <QPalette>

#include "core/base/types.h"
#include "core/explain/decision_grid.h"

namespace bps {

// The colour of class k of `classes` (binary: orange, blue; more: hues around the circle).
QColor classColour(int k, int classes);
// A value in [0, 1] on the sequential map (dark violet to yellow, viridis-like).
QColor sequentialColour(double t);
// `strength` in [0, 1] of `colour` over the palette's base colour.
QColor towards(const QColor& colour, double strength, const QPalette& palette);

// What one picture shows: the model's output, or hidden unit `unit` of hidden layer `layer`.
struct MapLayer {
    int layer = -1;  // -1: the output
    int unit = 0;
};

// The range a picture's colours span: regression, the outputs' min and max; a unit, +-max|a|.
struct ColourScale {
    double low = 0;
    double high = 1;
};
ColourScale colourScale(const DecisionGrid& grid, Task task, const MapLayer& what);

// The grid as an image, one pixel per cell, y upwards (row 0 of the image is the top cell);
// with `stride` > 1 every stride-th cell each way (a thumbnail).
QImage mapImage(const DecisionGrid& grid, Task task, int classes, double threshold,
                const MapLayer& what, const QPalette& palette, int stride = 1);

}  // namespace bps

Q_DECLARE_METATYPE(bps::MapLayer)
