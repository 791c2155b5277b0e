#include "ui/validation/sweep_space_editor.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QStringList>
#include <QVBoxLayout>

#include "core/base/errors.h"
#include "core/math/activation.h"
#include "core/model/limits.h"
#include "core/nn/optimizer.h"
#include "ui/charts/chart_palette.h"

namespace bps {

namespace {
constexpr std::array<SweepParameter, SweepSpaceEditor::kParameters> kOrder{
    SweepParameter::LearningRate, SweepParameter::L2,     SweepParameter::Momentum,
    SweepParameter::BatchSize,    SweepParameter::Hidden, SweepParameter::Activation,
    SweepParameter::Optimizer,    SweepParameter::Epochs, SweepParameter::InitScale,
};

int rowOf(SweepParameter p) {
    for (int i = 0; i < int(kOrder.size()); ++i)
        if (kOrder[std::size_t(i)] == p) return i;
    return 0;
}

bool rangeable(SweepParameter p) {
    return p != SweepParameter::Hidden && p != SweepParameter::Activation &&
           p != SweepParameter::Optimizer;
}

QString title(SweepParameter p) {
    switch (p) {
        case SweepParameter::LearningRate:
            return SweepSpaceEditor::tr("Learning rate");
        case SweepParameter::L2:
            return SweepSpaceEditor::tr("L2");
        case SweepParameter::Momentum:
            return SweepSpaceEditor::tr("Momentum");
        case SweepParameter::BatchSize:
            return SweepSpaceEditor::tr("Batch size");
        case SweepParameter::Hidden:
            return SweepSpaceEditor::tr("Hidden layers");
        case SweepParameter::Activation:
            return SweepSpaceEditor::tr("Activation");
        case SweepParameter::Optimizer:
            return SweepSpaceEditor::tr("Optimizer");
        case SweepParameter::Epochs:
            return SweepSpaceEditor::tr("Epochs");
        case SweepParameter::InitScale:
            return SweepSpaceEditor::tr("Init scale");
    }
    return {};
}

// An example of each mode for the placeholder, inside the panel's limits.
QString example(SweepParameter p, SweepSpaceEditor::Mode mode) {
    using Mode = SweepSpaceEditor::Mode;
    const bool range = mode == Mode::Range || mode == Mode::LogRange;
    switch (p) {
        case SweepParameter::LearningRate:
            return range ? QStringLiteral("1e-4 .. 0.1") : QStringLiteral("1e-3, 1e-2, 0.1");
        case SweepParameter::L2:
            return range ? QStringLiteral("1e-6 .. 1e-2") : QStringLiteral("0, 1e-4, 1e-3");
        case SweepParameter::Momentum:
            return range ? QStringLiteral("0.5 .. 0.99") : QStringLiteral("0.8, 0.9, 0.95");
        case SweepParameter::BatchSize:
            return range ? QStringLiteral("16 .. 256") : QStringLiteral("32, 64, 256");
        case SweepParameter::Hidden:
            return QStringLiteral("8, 16, 16x8, none");
        case SweepParameter::Activation:
            return QStringLiteral("tanh, relu, leaky_relu, sigmoid");
        case SweepParameter::Optimizer:
            return QStringLiteral("sgd, momentum, adam");
        case SweepParameter::Epochs:
            return range ? QStringLiteral("10 .. 100") : QStringLiteral("20, 50, 100");
        case SweepParameter::InitScale:
            return range ? QStringLiteral("0.1 .. 2") : QStringLiteral("0.5, 1, 2");
    }
    return {};
}

QString g(double v) { return QString::number(v, 'g', 6); }

// The base's value of `p`, as the sweep text would write it.
QString baseValue(const TrainingConfig& c, SweepParameter p) {
    switch (p) {
        case SweepParameter::LearningRate:
            return g(c.live.learningRate);
        case SweepParameter::L2:
            return g(c.live.l2);
        case SweepParameter::Momentum:
            return g(c.live.momentum);
        case SweepParameter::BatchSize:
            return QString::number(c.live.batchSize);
        case SweepParameter::Hidden: {
            if (c.hidden.empty()) return QStringLiteral("none");
            QStringList units;
            for (int u : c.hidden) units << QString::number(u);
            return units.join(QLatin1Char('x'));
        }
        case SweepParameter::Activation:
            return QString::fromUtf8(activationName(c.activation).data());
        case SweepParameter::Optimizer:
            return QString::fromUtf8(nameIn(kOptimizerNames, c.optimizer).data());
        case SweepParameter::Epochs:
            return QString::number(c.epochs);
        case SweepParameter::InitScale:
            return g(c.initScale);
    }
    return {};
}

// "1e-3, 1e-2" -> "1e-3,1e-2"; "1e-4 .. 0.1" -> "1e-4..0.1".
QString compact(const QString& text) {
    QString out = text;
    out.remove(QLatin1Char(' '));
    return out;
}
}  // namespace

SweepSpaceEditor::SweepSpaceEditor(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* grid = new QGridLayout;
    grid->setColumnStretch(2, 1);
    for (int i = 0; i < kParameters; ++i) {
        const SweepParameter p = kOrder[std::size_t(i)];
        Row& row = m_rows[std::size_t(i)];
        auto* label = new QLabel(title(p));
        row.mode = new QComboBox;
        row.mode->addItem(tr("fixed"), int(Mode::Fixed));
        row.mode->addItem(tr("list"), int(Mode::List));
        if (rangeable(p)) {
            row.mode->addItem(tr("range"), int(Mode::Range));
            row.mode->addItem(tr("log range"), int(Mode::LogRange));
        }
        row.values = new QLineEdit;
        const QString name = QString::fromUtf8(sweepParameterName(p).data());
        const QString tip =
            tr("%1 (%2 in the sweep text). Fixed keeps the main window's value; a list tries "
               "each value (commas between them); a range draws values between its ends (low .. "
               "high) and needs random search; a log range draws evenly in log(value).")
                .arg(title(p), name);
        for (QWidget* w : {static_cast<QWidget*>(label), static_cast<QWidget*>(row.mode),
                           static_cast<QWidget*>(row.values)})
            w->setToolTip(tip);
        label->setBuddy(row.mode);
        grid->addWidget(label, i, 0);
        grid->addWidget(row.mode, i, 1);
        grid->addWidget(row.values, i, 2);
        connect(row.mode, &QComboBox::currentIndexChanged, this, [this, i] {
            updateRow(i);
            rowEdited(i);
        });
        connect(row.values, &QLineEdit::textEdited, this, [this, i] { rowEdited(i); });
        updateRow(i);
    }
    layout->addLayout(grid);
    auto* textLabel = new QLabel(tr("As text (the command line's --grid / --space):"));
    m_text = new QLineEdit;
    m_text->setObjectName(QStringLiteral("sweepText"));
    m_text->setToolTip(
        tr("The same space as `backprop-studio sweep` takes it: parts separated by ';', each "
           "name=value,value or name=low..high or name=log:low..high. Editing it sets the rows."));
    textLabel->setBuddy(m_text);
    m_textError = new QLabel;
    m_textError->setWordWrap(true);
    m_textError->hide();
    layout->addWidget(textLabel);
    layout->addWidget(m_text);
    layout->addWidget(m_textError);
    connect(m_text, &QLineEdit::textEdited, this, [this](const QString& text) {
        const QString error = setSpaceText(text);
        m_textError->setText(error);
        m_textError->setStyleSheet(
            QStringLiteral("color: %1")
                .arg(cssColour(readable(QColor(0xd6, 0x27, 0x28), palette()))));
        m_textError->setVisible(!error.isEmpty());
        emit changed();
    });
}

void SweepSpaceEditor::setBase(const TrainingConfig& base) {
    m_base = base;
    for (int i = 0; i < kParameters; ++i) updateRow(i);
}

QComboBox* SweepSpaceEditor::modeBox(SweepParameter p) const {
    return m_rows[std::size_t(rowOf(p))].mode;
}
QLineEdit* SweepSpaceEditor::valuesEdit(SweepParameter p) const {
    return m_rows[std::size_t(rowOf(p))].values;
}

void SweepSpaceEditor::setRow(SweepParameter parameter, Mode mode, const QString& values) {
    const int i = rowOf(parameter);
    Row& row = m_rows[std::size_t(i)];
    {
        const QSignalBlocker block(row.mode);
        row.mode->setCurrentIndex(std::max(0, row.mode->findData(int(mode))));
    }
    updateRow(i);
    if (mode != Mode::Fixed) row.values->setText(values);
    rowEdited(i);
}

void SweepSpaceEditor::updateRow(int i) {
    Row& row = m_rows[std::size_t(i)];
    const SweepParameter p = kOrder[std::size_t(i)];
    const auto mode = Mode(row.mode->currentData().toInt());
    const bool fixed = mode == Mode::Fixed;
    row.values->setEnabled(!fixed);
    // Leaving "fixed" keeps the base value in the box as a first entry of the list.
    if (fixed) row.values->setText(baseValue(m_base, p));
    row.values->setPlaceholderText(fixed ? QString() : example(p, mode));
}

void SweepSpaceEditor::rowEdited(int) {
    syncText();
    m_textError->hide();
    emit changed();
}

QString SweepSpaceEditor::spaceText() const {
    QStringList parts;
    for (int i = 0; i < kParameters; ++i) {
        const Row& row = m_rows[std::size_t(i)];
        const auto mode = Mode(row.mode->currentData().toInt());
        if (mode == Mode::Fixed) continue;
        const QString name = QString::fromUtf8(sweepParameterName(kOrder[std::size_t(i)]).data());
        const QString values = compact(row.values->text());
        parts << name + QLatin1Char('=') +
                     (mode == Mode::LogRange ? QStringLiteral("log:") : QString()) + values;
    }
    return parts.join(QStringLiteral("; "));
}

void SweepSpaceEditor::syncText() { m_text->setText(spaceText()); }

bool SweepSpaceEditor::hasRanges() const {
    for (const Row& row : m_rows) {
        const auto mode = Mode(row.mode->currentData().toInt());
        if (mode == Mode::Range || mode == Mode::LogRange) return true;
    }
    return false;
}

std::optional<SweepSpace> SweepSpaceEditor::space(bool random, QString* error) const {
    const QString text = spaceText();
    if (text.isEmpty()) {
        *error = tr("Choose at least one hyperparameter to vary (a list or a range).");
        return std::nullopt;
    }
    if (!random && hasRanges()) {
        *error =
            tr("A grid tries listed values; ranges are drawn at random: choose Random search "
               "or make the ranges lists.");
        return std::nullopt;
    }
    try {
        return parseSweepSpace(text.toStdString(), random);
    } catch (const DataError& e) {
        *error = QString::fromStdString(e.what());
        return std::nullopt;
    }
}

QString SweepSpaceEditor::setSpaceText(const QString& text) {
    SweepSpace parsed;
    try {
        parsed = parseSweepSpace(text.toStdString(), true);
    } catch (const DataError& e) {
        return QString::fromStdString(e.what());
    }
    for (int i = 0; i < kParameters; ++i) {
        Row& row = m_rows[std::size_t(i)];
        const QSignalBlocker block(row.mode);
        row.mode->setCurrentIndex(row.mode->findData(int(Mode::Fixed)));
        updateRow(i);
    }
    for (const SweepDimension& d : parsed.dimensions) {
        const int i = rowOf(d.parameter);
        Row& row = m_rows[std::size_t(i)];
        Mode mode = Mode::List;
        QString values;
        if (d.range) {
            mode = d.range->log ? Mode::LogRange : Mode::Range;
            values = g(d.range->low) + QStringLiteral(" .. ") + g(d.range->high);
        } else {
            QStringList list;
            for (const std::string& v : d.values) list << QString::fromStdString(v);
            values = list.join(QStringLiteral(", "));
        }
        const QSignalBlocker block(row.mode);
        row.mode->setCurrentIndex(std::max(0, row.mode->findData(int(mode))));
        updateRow(i);
        row.values->setText(values);
    }
    return {};
}

}  // namespace bps
