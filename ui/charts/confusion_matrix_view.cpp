#include "ui/charts/confusion_matrix_view.h"

#include <QEvent>
#include <QHeaderView>

#include "ui/charts/chart_palette.h"

namespace bps {

namespace {
constexpr int kShareRole = Qt::UserRole + 1;
}  // namespace

ConfusionMatrixView::ConfusionMatrixView(QWidget* parent) : QTableWidget(parent) {
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
}

QColor ConfusionMatrixView::shade(bool correct, double share, const QPalette& palette) {
    return confusionShade(correct, share, palette);
}

void ConfusionMatrixView::reshade() {
    for (int r = 0; r < rowCount(); ++r)
        for (int p = 0; p < columnCount(); ++p)
            if (QTableWidgetItem* cell = item(r, p))
                cell->setBackground(shade(r == p, cell->data(kShareRole).toDouble(), palette()));
}

void ConfusionMatrixView::changeEvent(QEvent* event) {
    QTableWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) reshade();
}

void ConfusionMatrixView::clearMatrix() {
    clear();
    setRowCount(0);
    setColumnCount(0);
}

double ConfusionMatrixView::rowShare(int actual, int predicted) const {
    const QTableWidgetItem* cell = item(actual, predicted);
    return cell ? cell->data(kShareRole).toDouble() : 0.0;
}

void ConfusionMatrixView::setConfusion(const std::vector<std::vector<std::int64_t>>& confusion,
                                       const QStringList& classes) {
    const int k = static_cast<int>(confusion.size());
    setRowCount(k);
    setColumnCount(k);
    QStringList actual, predicted;
    for (int i = 0; i < k; ++i) {
        const QString name = i < classes.size() ? classes[i] : QString::number(i);
        actual << tr("Actual %1").arg(name);
        // Beyond two classes the columns are narrow: the class name on a line of its own.
        predicted << (k > 2 ? tr("Predicted\n%1") : tr("Predicted %1")).arg(name);
    }
    setVerticalHeaderLabels(actual);
    setHorizontalHeaderLabels(predicted);
    for (int r = 0; r < k; ++r) {
        const auto& row = confusion[static_cast<std::size_t>(r)];
        std::int64_t rowTotal = 0;
        for (std::int64_t n : row) rowTotal += n;
        for (int p = 0; p < k; ++p) {
            const auto n = row[static_cast<std::size_t>(p)];
            const double share = rowTotal > 0 ? static_cast<double>(n) / rowTotal : 0;
            auto* cell = new QTableWidgetItem(tr("%L1\n%2%").arg(n).arg(100 * share, 0, 'f', 1));
            cell->setTextAlignment(Qt::AlignCenter);
            cell->setData(kShareRole, share);
            // Shade by the share of the actual class: a good model lights up the diagonal.
            cell->setBackground(shade(r == p, share, palette()));
            setItem(r, p, cell);
        }
    }
}

}  // namespace bps
