#pragma once
// The "Decision map" tab: the map (DecisionMapView) and the network (NetworkDiagram) side by
// side, with the two column choices and where the other inputs are held above them. Maps are
// computed by a DecisionMapWorker, and only while the tab is visible: a model that arrives while
// it is hidden is drawn when it is shown. State belongs to its model: clear() forgets the map,
// the model and the context (another file, target or model).
//
// The columns: while a first run trains, the two with the largest first-layer weights (a
// provisional guess); once a model is settled (its run ended, or it was opened) the two with
// the largest permutation importance, measured by the worker or taken from the Importance tab
// (setImportance). A pair the user picks is kept, over later runs and opened models that have
// those columns, until the data set or the target changes.

#include <QWidget>

#include "core/explain/permutation_importance.h"
#include "ui/data/csv_loader.h"
#include "ui/explain/decision_map_worker.h"

class QComboBox;
class QLabel;

namespace bps {

class DecisionMapView;
class NetworkDiagram;

class DecisionMapPanel : public QWidget {
    Q_OBJECT
public:
    explicit DecisionMapPanel(QWidget* parent = nullptr);
    ~DecisionMapPanel() override;

    // The data the next models are drawn over; clears the map.
    void setData(LoadedDataPtr data, const DataSelection& selection);
    // A model to draw. `sameContext`: a later snapshot of the same run (its encoding and split
    // are the same), so the rows are not prepared again. `settled`: the run's final model or an
    // opened one, whose columns by importance replace a provisional pair.
    void setModel(ModelPtr model, bool sameContext, bool settled = false);
    // A permutation importance measured elsewhere (the Importance tab) for `model`: used to
    // choose its columns instead of measuring again, if they are still to be chosen.
    void setImportance(ModelPtr model, const ImportanceResult& importance);
    void clear();
    // A run from fresh weights: the map on show belonged to the previous model and goes; the
    // column choice stays (same data, same columns).
    void forgetModel();
    // A new run or model file: its encoding and split may differ, so the rows are prepared again
    // for its first map (the column choice stays when the columns do).
    void beginRun();
    // The table row selected in the Data tab (-1: none): "hold at row N" uses it.
    void setSelectedRow(long long row);
    void setThreshold(double threshold);

    DecisionMapView* view() const { return m_view; }
    NetworkDiagram* diagram() const { return m_diagram; }
    DecisionMapWorker* worker() const { return m_worker; }
    QComboBox* xCombo() const { return m_x; }
    QComboBox* yCombo() const { return m_y; }
    QComboBox* holdCombo() const { return m_hold; }
    // The sentence saying which rule chose the columns.
    QLabel* columnsRuleLabel() const { return m_rule; }
    ModelPtr model() const { return m_model; }
    // Maps shown since construction (each a finished computation of the current model).
    int mapsShown() const { return m_shown; }

signals:
    void mapShown();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void request();
    void showResult(const DecisionMapResultPtr& result);
    void fillColumns(const DecisionMapResult& result);
    void chooseColumnsIn(DecisionMapRequest& r);
    void userPickedColumns();
    void showRule(MapColumnRule rule);
    void updateHoldChoice();

    DecisionMapWorker* m_worker;
    DecisionMapView* m_view;
    NetworkDiagram* m_diagram;
    QComboBox* m_x;
    QComboBox* m_y;
    QComboBox* m_hold;
    QLabel* m_rule;
    QLabel* m_note;
    LoadedDataPtr m_data;
    DataSelection m_selection;
    ModelPtr m_model;
    int m_generation = 0;       // of the latest request
    int m_shownGeneration = 0;  // of the map on show; older results are dropped
    int m_contextId = 0;
    bool m_dirty = false;  // a model arrived while hidden
    bool m_columnsFilled = false;
    bool m_settled = false;  // m_model's run ended (or it was opened)
    // The model whose importance chose the pair on show (null: not chosen by importance).
    ModelPtr m_chosenFor;
    // The Importance tab's measurement and its model.
    ModelPtr m_importanceModel;
    std::vector<int> m_importanceOrder;
    MapColumnRule m_shownRule = MapColumnRule::Weights;  // what chose the pair on show
    // The user's pair, by column name, kept until the data set or target changes.
    QString m_userX, m_userY;
    long long m_selectedRow = -1;
    int m_shown = 0;
};

}  // namespace bps
