#pragma once
// The network as TensorFlow Playground draws it: layers as columns of units, every weight an
// edge coloured by its sign (blue positive, orange negative) and as thick as it is large. A
// hidden unit shows a thumbnail of its activation map; hovering one emits unitHovered, leaving
// it unitLeft, so the decision map can show that unit instead of the output.

#include <QImage>
#include <QWidget>
#include <vector>

#include "core/model/model.h"
#include "ui/explain/decision_map_colours.h"
#include "ui/explain/decision_map_worker.h"

namespace bps {

class NetworkDiagram : public QWidget {
    Q_OBJECT
public:
    explicit NetworkDiagram(QWidget* parent = nullptr);

    // The weights to draw and the map whose hidden activations become the thumbnails.
    void setResult(DecisionMapResultPtr result);
    void clear();

    // The centre of unit `unit` of layer `layer` (0: the inputs, 1..: hidden, last: output),
    // or (-1, -1) when it is not drawn.
    QPoint unitCentre(int layer, int unit) const;

    QSize sizeHint() const override { return {400, 460}; }
    QSize minimumSizeHint() const override { return {200, 240}; }

signals:
    // A hidden unit: `layer` counts hidden layers from 0.
    void unitHovered(bps::MapLayer unit);
    void unitLeft();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Node {
        QPointF centre;
        int layer = 0;
        int unit = 0;
    };
    void layout();
    int nodeSize() const;

    DecisionMapResultPtr m_result;
    std::vector<std::vector<Node>> m_nodes;         // per drawn layer
    std::vector<int> m_hidden;                      // units left out per layer (too many to draw)
    std::vector<std::vector<QImage>> m_thumbnails;  // per hidden layer, per unit
    QImage m_output;                                // the output's map, small
    MapLayer m_hover{-1, 0};
};

}  // namespace bps
