#include "ui/panels/hyperparameter_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>
#include <cmath>
#include <memory>

#include "core/model/limits.h"
#include "ui/panels/log_value_control.h"

namespace bps {

namespace {
QFormLayout* formIn(QGroupBox* box) {
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft);
    return form;
}

// Adds a row whose label carries the same tooltip as the field, so hovering either explains it.
void addRow(QFormLayout* form, const QString& label, QWidget* field, const QString& tip) {
    auto* text = new QLabel(label);
    text->setBuddy(field);
    text->setToolTip(tip);
    field->setToolTip(tip);
    form->addRow(text, field);
}

QSpinBox* spinBox(limits::Range<int> range) {
    auto* box = new QSpinBox;
    box->setRange(range.min, range.max);
    box->setKeyboardTracking(false);  // one change per edit, not one per keystroke
    box->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    box->setGroupSeparatorShown(true);
    return box;
}

// A limit as a tooltip writes it: 0.999, 10, 1e-5.
QString g(double v) {
    return QString::number(v, 'g', 6).replace(QStringLiteral("e-0"), QStringLiteral("e-"));
}

// The validation share as the panel shows it, in whole percent.
int percent(double fraction) { return static_cast<int>(std::lround(fraction * 100)); }
}  // namespace

bool parseHiddenLayers(const QString& text, std::vector<int>& units) {
    units.clear();
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) return true;
    for (const QString& part : trimmed.split(QLatin1Char(','))) {
        bool ok = false;
        const int n = part.trimmed().toInt(&ok);
        if (!ok || !limits::kHiddenUnits.contains(n)) {
            units.clear();
            return false;
        }
        units.push_back(n);
    }
    return true;
}

QString formatHiddenLayers(const std::vector<int>& units) {
    QStringList parts;
    for (int n : units) parts << QString::number(n);
    return parts.join(QStringLiteral(", "));
}

HyperparameterPanel::HyperparameterPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildNetworkGroup());
    layout->addWidget(buildOptimiserGroup());
    layout->addWidget(buildLiveGroup());
    layout->addWidget(buildDataGroup());
    m_adaptedNote = new QLabel;
    m_adaptedNote->setWordWrap(true);
    m_adaptedNote->setVisible(false);
    m_adaptedNote->setToolTip(
        tr("Defaults that depend on the number of rows. A value you change yourself stays."));
    layout->addWidget(m_adaptedNote);
    // It says what loading the table set: once a setting changes, it may no longer be true.
    connect(this, &HyperparameterPanel::configChanged, m_adaptedNote, &QLabel::hide);
    auto* reset = new QPushButton(tr("Reset to defaults"));
    reset->setToolTip(tr("Put every hyperparameter back to its default value"));
    connect(reset, &QPushButton::clicked, this, &HyperparameterPanel::resetToDefaults);
    layout->addWidget(reset, 0, Qt::AlignRight);
    layout->addStretch(1);
    setConfig(TrainingConfig{});
}

QWidget* HyperparameterPanel::buildNetworkGroup() {
    auto* box = new QGroupBox(tr("Network"));
    box->setToolTip(tr("Changing these needs a restart of training"));
    auto* form = formIn(box);
    m_hidden = new QLineEdit;
    m_hidden->setPlaceholderText(tr("none (logistic regression)"));
    // Sizes of up to as many digits as the largest allowed; parseHiddenLayers checks the range.
    const QString size =
        QStringLiteral("\\d{1,%1}").arg(QString::number(limits::kHiddenUnits.max).size());
    m_hidden->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("^\\s*(%1\\s*(,\\s*%1\\s*)*)?,?\\s*$").arg(size)),
        m_hidden));
    addRow(form, tr("Hidden layers"), m_hidden,
           tr("Units per hidden layer, comma-separated: \"16\" is one layer of 16 units, "
              "\"32, 16\" two layers. Empty: no hidden layer. Restart to apply."));
    m_activation = new QComboBox;
    for (Activation a :
         {Activation::Tanh, Activation::Sigmoid, Activation::Relu, Activation::LeakyRelu})
        m_activation->addItem(QString::fromUtf8(activationName(a).data()), static_cast<int>(a));
    addRow(form, tr("Activation"), m_activation,
           tr("Non-linearity of the hidden layers. tanh is a safe default; relu trains fast on "
              "deeper networks. Restart to apply."));
    m_initScale = new LogValueControl(limits::kInitScaleControl.min, limits::kInitScaleControl.max);
    addRow(form, tr("Init scale"), m_initScale,
           tr("Multiplies the Glorot/He initial weights (1 is the default). Much smaller starts "
              "the network unable to learn; much larger saturates it. Restart to apply."));
    connect(m_initScale, &LogValueControl::valueChanged, this,
            [this] { announceStructure(tr("init scale changed")); });
    connect(m_hidden, &QLineEdit::editingFinished, this, [this] {
        std::vector<int> units;
        if (!parseHiddenLayers(m_hidden->text(), units)) {
            // "0" or "8,,4": put the last valid value back rather than guess.
            m_hidden->setText(formatHiddenLayers(m_hiddenUnits));
            return;
        }
        m_hidden->setText(formatHiddenLayers(units));
        if (units == m_hiddenUnits) return;
        m_hiddenUnits = units;
        announceStructure(tr("hidden layers changed"));
    });
    connect(m_activation, &QComboBox::currentIndexChanged, this,
            [this] { announceStructure(tr("activation changed")); });
    return box;
}

QWidget* HyperparameterPanel::buildOptimiserGroup() {
    auto* box = new QGroupBox(tr("Optimiser"));
    auto* form = formIn(box);
    m_optimizer = new QComboBox;
    m_optimizer->addItem(tr("SGD"), static_cast<int>(OptimizerKind::Sgd));
    m_optimizer->addItem(tr("Momentum"), static_cast<int>(OptimizerKind::Momentum));
    m_optimizer->addItem(tr("Adam"), static_cast<int>(OptimizerKind::Adam));
    addRow(form, tr("Method"), m_optimizer,
           tr("How gradients become weight updates. SGD: plain steps; Momentum: steps keep "
              "some of their previous direction; Adam: per-weight adaptive step sizes. "
              "Restart to apply."));
    m_nesterov = new QCheckBox(tr("Nesterov look-ahead"));
    addRow(form, tr("Nesterov"), m_nesterov,
           tr("Momentum only: take the gradient where the velocity is about to carry the "
              "weights, which often damps oscillation. Restart to apply."));
    connect(m_optimizer, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        announceStructure(tr("optimiser changed"));
    });
    connect(m_nesterov, &QCheckBox::toggled, this,
            [this] { announceStructure(tr("Nesterov changed")); });
    return box;
}

QWidget* HyperparameterPanel::buildLiveGroup() {
    auto* box = new QGroupBox(tr("Live: applied at the next epoch"));
    box->setToolTip(tr("These change a running training without resetting the network"));
    auto* form = formIn(box);
    const auto rate = limits::kLearningRateControl;
    m_learningRate = new LogValueControl(rate.min, rate.max);
    addRow(form, tr("Learning rate"), m_learningRate,
           tr("Size of each weight update (%1 to %2, logarithmic). Too high and the cost "
              "jumps or diverges; too low and it crawls. Applied at the next epoch.")
               .arg(g(rate.min), g(rate.max)));
    const auto momentum = limits::kMomentumControl;
    m_momentum = new QDoubleSpinBox;
    m_momentum->setRange(momentum.min, momentum.max);
    m_momentum->setDecimals(limits::kMomentumDecimals);
    m_momentum->setSingleStep(0.05);
    m_momentum->setKeyboardTracking(false);
    addRow(form, tr("Momentum"), m_momentum,
           tr("Momentum optimiser: the fraction of the previous update carried into the next "
              "(%1 to %2; 0.9 is typical). Applied at the next epoch.")
               .arg(g(momentum.min), g(momentum.max)));
    m_l2 = new QDoubleSpinBox;
    m_l2->setRange(limits::kL2Control.min, limits::kL2Control.max);
    m_l2->setDecimals(5);
    m_l2->setSingleStep(0.0001);
    m_l2->setKeyboardTracking(false);
    m_l2->setSpecialValueText(tr("Off"));
    addRow(form, tr("L2 weight decay"), m_l2,
           tr("Penalty on large weights (%1 to %2; try 0.0001 to 0.01) to curb overfitting. "
              "Biases are not penalised. Applied at the next epoch.")
               .arg(g(limits::kL2Control.min), g(limits::kL2Control.max)));
    m_batchSize = spinBox(limits::kBatchSizeControl);
    m_batchSize->setSpecialValueText(tr("Full batch"));
    addRow(form, tr("Batch size"), m_batchSize,
           tr("Rows per weight update (1 to the whole training set; 0 = full batch). Smaller "
              "batches give more, noisier updates per epoch. Applied at the next epoch."));
    m_epochs = spinBox(limits::kEpochsControl);
    addRow(form, tr("Epochs"), m_epochs,
           tr("Passes over the training rows before training stops (%1 to %2). "
              "Changing it while training moves the finish line.")
               .arg(locale().toString(limits::kEpochsControl.min),
                    locale().toString(limits::kEpochsControl.max)));
    for (QObject* sender : {static_cast<QObject*>(m_momentum), static_cast<QObject*>(m_l2)})
        connect(static_cast<QDoubleSpinBox*>(sender), &QDoubleSpinBox::valueChanged, this, [this] {
            emit liveChanged(live());
            emit configChanged();
        });
    connect(m_batchSize, &QSpinBox::valueChanged, this, [this] {
        emit liveChanged(live());
        emit configChanged();
    });
    connect(m_learningRate, &LogValueControl::valueChanged, this, [this] {
        emit liveChanged(live());
        emit configChanged();
    });
    connect(m_epochs, &QSpinBox::valueChanged, this, [this](int epochs) {
        emit epochsChanged(epochs);
        emit configChanged();
    });
    return box;
}

QWidget* HyperparameterPanel::buildDataGroup() {
    auto* box = new QGroupBox(tr("Data and stopping"));
    auto* form = formIn(box);
    const auto fraction = limits::kValidationFraction;
    m_validationPercent = spinBox({percent(fraction.min), percent(fraction.max)});
    m_validationPercent->setStepType(QAbstractSpinBox::DefaultStepType);
    m_validationPercent->setSingleStep(5);
    m_validationPercent->setSuffix(QStringLiteral(" %"));
    addRow(form, tr("Validation rows"), m_validationPercent,
           tr("Share of the rows held out to measure generalisation (%1 to %2%), stratified "
              "by class. Restart to apply.")
               .arg(percent(fraction.min))
               .arg(percent(fraction.max)));
    m_standardize = new QCheckBox(tr("z-scores"));
    addRow(form, tr("Standardise"), m_standardize,
           tr("Scale every feature to mean 0 and standard deviation 1 (fitted on the training "
              "rows). Unscaled inputs of very different sizes make a network hard to train. "
              "Restart to apply."));
    connect(m_standardize, &QCheckBox::toggled, this,
            [this] { announceStructure(tr("standardisation changed")); });
    m_classWeight = new QComboBox;
    m_classWeight->addItem(tr("None"), static_cast<int>(ClassWeighting::None));
    m_classWeight->addItem(tr("Balanced"), static_cast<int>(ClassWeighting::Balanced));
    addRow(form, tr("Class weighting"), m_classWeight,
           tr("Balanced weighs each class by the inverse of its frequency, so a rare class "
              "(9% pulsars in HTRU2) counts as much as a common one. Restart to apply."));
    m_patience = spinBox(limits::kPatienceControl);
    m_patience->setSpecialValueText(tr("Off"));
    m_patience->setSuffix(tr(" epochs"));
    addRow(form, tr("Early stopping"), m_patience,
           tr("Stop when the validation cost has not improved for this many epochs and keep "
              "the best weights (0 = off). Restart to apply."));
    m_seed = spinBox({0, INT_MAX});
    m_seed->setGroupSeparatorShown(false);
    addRow(form, tr("Random seed"), m_seed,
           tr("Seeds the split, the initial weights and the shuffling: the same seed and "
              "settings give the same run. Restart to apply."));
    connect(m_validationPercent, &QSpinBox::valueChanged, this,
            [this] { announceStructure(tr("validation split changed")); });
    connect(m_classWeight, &QComboBox::currentIndexChanged, this,
            [this] { announceStructure(tr("class weighting changed")); });
    connect(m_patience, &QSpinBox::valueChanged, this,
            [this] { announceStructure(tr("early stopping changed")); });
    connect(m_seed, &QSpinBox::valueChanged, this,
            [this] { announceStructure(tr("seed changed")); });
    return box;
}

void HyperparameterPanel::announceStructure(const QString& what) {
    emit structureChanged(what);
    emit configChanged();
}

void HyperparameterPanel::updateEnabled() {
    const bool momentum =
        m_optimizer->currentData().toInt() == static_cast<int>(OptimizerKind::Momentum);
    m_nesterov->setEnabled(momentum);
    m_momentum->setEnabled(momentum);
}

LiveHyperparameters HyperparameterPanel::live() const {
    LiveHyperparameters live;
    live.learningRate = m_learningRate->value();
    live.momentum = m_momentum->value();
    live.l2 = m_l2->value();
    live.batchSize = m_batchSize->value();
    return live;
}

TrainingConfig HyperparameterPanel::config() const {
    TrainingConfig c;
    c.hidden = m_hiddenUnits;
    c.activation = static_cast<Activation>(m_activation->currentData().toInt());
    c.optimizer = static_cast<OptimizerKind>(m_optimizer->currentData().toInt());
    c.nesterov = m_nesterov->isChecked();
    c.live = live();
    c.epochs = m_epochs->value();
    c.validationFraction = m_validationPercent->value() / 100.0;
    c.classWeight = static_cast<ClassWeighting>(m_classWeight->currentData().toInt());
    c.earlyStoppingPatience = m_patience->value();
    c.seed = static_cast<std::uint64_t>(m_seed->value());
    c.standardize = m_standardize->isChecked();
    c.initScale = m_initScale->value();
    return c;
}

void HyperparameterPanel::setConfig(const TrainingConfig& c) {
    const QList<QWidget*> widgets{m_hidden,       m_activation,        m_optimizer,   m_nesterov,
                                  m_learningRate, m_momentum,          m_l2,          m_batchSize,
                                  m_epochs,       m_validationPercent, m_classWeight, m_patience,
                                  m_seed,         m_standardize,       m_initScale};
    std::vector<std::unique_ptr<QSignalBlocker>> blockers;
    for (QWidget* w : widgets) blockers.push_back(std::make_unique<QSignalBlocker>(w));
    m_hiddenUnits = c.hidden;
    m_hidden->setText(formatHiddenLayers(c.hidden));
    m_activation->setCurrentIndex(m_activation->findData(static_cast<int>(c.activation)));
    m_optimizer->setCurrentIndex(m_optimizer->findData(static_cast<int>(c.optimizer)));
    m_nesterov->setChecked(c.nesterov);
    m_learningRate->setValue(c.live.learningRate);
    m_momentum->setValue(c.live.momentum);
    m_l2->setValue(c.live.l2);
    m_batchSize->setValue(c.live.batchSize);
    m_epochs->setValue(c.epochs);
    m_validationPercent->setValue(percent(c.validationFraction));
    m_classWeight->setCurrentIndex(m_classWeight->findData(static_cast<int>(c.classWeight)));
    m_patience->setValue(c.earlyStoppingPatience);
    m_seed->setValue(static_cast<int>(std::min<std::uint64_t>(c.seed, INT_MAX)));
    m_standardize->setChecked(c.standardize);
    m_initScale->setValue(c.initScale);
    updateEnabled();
}

void HyperparameterPanel::resetToDefaults() { applyConfig(m_defaults, tr("settings reset")); }

void HyperparameterPanel::adaptToRows(std::size_t rows) {
    const TrainingConfig current = config();
    // A value is the user's unless it is one a default gives (fixed, or adapted to a small or a
    // large table: the panel may hold the last session's adapted values).
    const TrainingConfig small = adaptDefaults(TrainingConfig{}, {}, kSmallTableRows - 1).config;
    const TrainingConfig large = adaptDefaults(TrainingConfig{}, {}, kSmallTableRows).config;
    const TrainingConfig fixed;
    const auto isDefault = [&](auto field) {
        return current.*field == fixed.*field || current.*field == small.*field ||
               current.*field == large.*field;
    };
    const auto isDefaultLive = [&](auto field) {
        return current.live.*field == fixed.live.*field ||
               current.live.*field == small.live.*field || current.live.*field == large.live.*field;
    };
    // The patience is a share of the epochs: a default one is what some epoch count gives.
    const int patience = current.earlyStoppingPatience;
    const bool defaultPatience = patience == 0 || patience == std::max(1, current.epochs / 5) ||
                                 patience == std::max(1, current.epochs / 10);
    const GivenSettings given{!isDefault(&TrainingConfig::hidden),
                              !isDefaultLive(&LiveHyperparameters::l2),
                              !isDefaultLive(&LiveHyperparameters::batchSize),
                              !isDefault(&TrainingConfig::validationFraction), !defaultPatience};
    m_defaults = adaptDefaults(TrainingConfig{}, {}, rows).config;
    // The settings that are not the user's start from the fixed defaults: a large table after a
    // small one gets 16 units back.
    TrainingConfig base = current;
    if (!given.hidden) base.hidden = fixed.hidden;
    if (!given.l2) base.live.l2 = fixed.live.l2;
    if (!given.batchSize) base.live.batchSize = fixed.live.batchSize;
    if (!given.validationFraction) base.validationFraction = fixed.validationFraction;
    if (!given.earlyStopping) base.earlyStoppingPatience = fixed.earlyStoppingPatience;
    const AdaptedDefaults adapted = adaptDefaults(base, given, rows);
    applyConfig(adapted.config, tr("defaults adapted to the data"));
    // After applyConfig: its configChanged hides the note of the previous table.
    m_adaptedNote->setText(QString::fromStdString(describeAdaptedDefaults(adapted)));
    m_adaptedNote->setVisible(!adapted.changes.empty());
}

void HyperparameterPanel::applyConfig(const TrainingConfig& target, const QString& reason) {
    const TrainingConfig before = config();
    setConfig(target);
    const TrainingConfig after = config();  // as the controls hold it (clamped)
    // One notification per kind of change instead of one per control.
    if (before.live != after.live) emit liveChanged(live());
    if (before.epochs != after.epochs) emit epochsChanged(after.epochs);
    TrainingConfig a = before;
    a.live = after.live;
    a.epochs = after.epochs;
    if (a != after) emit structureChanged(reason);
    emit configChanged();
}

}  // namespace bps
