#pragma once
// The hyperparameter controls, grouped by what they affect. Live ones (learning rate, momentum,
// L2, batch size, epochs) are applied to a running Trainer at the next epoch; the others change
// the network or the data split and need a restart, which structureChanged() announces.

#include <QString>
#include <QWidget>

#include "core/model/adaptive_defaults.h"
#include "core/model/training_config.h"

class QCheckBox;
class QLabel;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace bps {

class LogValueControl;

class HyperparameterPanel : public QWidget {
    Q_OBJECT
public:
    explicit HyperparameterPanel(QWidget* parent = nullptr);

    TrainingConfig config() const;
    // Shows `config` without emitting change signals.
    void setConfig(const TrainingConfig& config);
    LiveHyperparameters live() const;
    // Shows `config` and announces what changed as if the user had edited it: live changes apply
    // to a running training, the others need a restart and are announced with `reason`.
    void applyConfig(const TrainingConfig& config, const QString& reason);
    // A table of `rows` usable rows was loaded: the adaptable settings still at a default value
    // take the defaults for that table (core/model/adaptive_defaults.h), the user's own values
    // stay, and Reset to defaults gives these defaults from now on.
    void adaptToRows(std::size_t rows);
    QLabel* adaptedNote() const { return m_adaptedNote; }

    LogValueControl* learningRate() const { return m_learningRate; }
    QDoubleSpinBox* momentum() const { return m_momentum; }
    QSpinBox* batchSize() const { return m_batchSize; }
    QLineEdit* hiddenLayers() const { return m_hidden; }
    QCheckBox* standardize() const { return m_standardize; }
    LogValueControl* initScale() const { return m_initScale; }

public slots:
    void resetToDefaults();

signals:
    void liveChanged(const bps::LiveHyperparameters& live);
    void epochsChanged(int epochs);
    // `what` names the setting for the "Restart to apply" banner, e.g. "hidden layers".
    void structureChanged(const QString& what);
    // Any change, for persisting the settings.
    void configChanged();

private:
    QWidget* buildNetworkGroup();
    QWidget* buildOptimiserGroup();
    QWidget* buildLiveGroup();
    QWidget* buildDataGroup();
    void announceStructure(const QString& what);
    void updateEnabled();

    QLineEdit* m_hidden = nullptr;
    std::vector<int> m_hiddenUnits;  // the last valid contents of m_hidden
    QComboBox* m_activation = nullptr;
    LogValueControl* m_initScale = nullptr;
    QComboBox* m_optimizer = nullptr;
    QCheckBox* m_nesterov = nullptr;
    LogValueControl* m_learningRate = nullptr;
    QDoubleSpinBox* m_momentum = nullptr;
    QDoubleSpinBox* m_l2 = nullptr;
    QSpinBox* m_batchSize = nullptr;
    QSpinBox* m_epochs = nullptr;
    QSpinBox* m_validationPercent = nullptr;
    QCheckBox* m_standardize = nullptr;
    QComboBox* m_classWeight = nullptr;
    QSpinBox* m_patience = nullptr;
    QSpinBox* m_seed = nullptr;
    QLabel* m_adaptedNote = nullptr;  // which defaults the loaded table changed, and why
    TrainingConfig m_defaults;        // what Reset to defaults gives: adapted to the last table
};

// "32, 16" -> {32, 16}; "" -> {} (no hidden layer). Returns false (and no units) on anything
// else, a size outside limits::kHiddenUnits included.
bool parseHiddenLayers(const QString& text, std::vector<int>& units);
QString formatHiddenLayers(const std::vector<int>& units);

}  // namespace bps
