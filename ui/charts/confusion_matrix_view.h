#pragma once
// The confusion matrix as a table: rows are the actual classes, columns the predicted ones, each
// cell shows its count and its share of the actual class's rows, and is shaded by that share
// (row-normalised), so a small class's misses stand out as much as a large one's.

#include <QTableWidget>
#include <cstdint>
#include <vector>

namespace bps {

class ConfusionMatrixView : public QTableWidget {
    Q_OBJECT
public:
    explicit ConfusionMatrixView(QWidget* parent = nullptr);

    // confusion[actual][predicted]; `classes` names them (index when missing).
    void setConfusion(const std::vector<std::vector<std::int64_t>>& confusion,
                      const QStringList& classes);
    void clearMatrix();
    // The share of its actual class's rows that cell (actual, predicted) holds (0 for an empty
    // row): what its shading shows.
    double rowShare(int actual, int predicted) const;

    // The diagonal (correct) in green, misses in red, stronger with the row share, mixed into
    // `palette`'s base (confusionShade); the text keeps the palette's colour.
    static QColor shade(bool correct, double share, const QPalette& palette);

protected:
    // A theme switch re-shades the cells in the new palette.
    void changeEvent(QEvent* event) override;

private:
    void reshade();
};

}  // namespace bps
