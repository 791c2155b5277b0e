#pragma once
// What a sweep tries, one row per hyperparameter: "fixed" (the main window's value), a list of
// values, a range or a log range (ranges are sampled, so they need random search), and below
// them the same space as text in the command line's --grid / --space syntax, editable too: a
// valid text sets the rows. Values are checked by core's parser against the training limits
// (core/model/limits.h), so the window accepts exactly what `backprop-studio sweep` accepts.

#include <QString>
#include <QWidget>
#include <array>
#include <optional>

#include "core/model/training_config.h"
#include "core/validation/sweep_space.h"

class QComboBox;
class QLabel;
class QLineEdit;

namespace bps {

class SweepSpaceEditor : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Fixed, List, Range, LogRange };
    static constexpr int kParameters = 9;

    explicit SweepSpaceEditor(QWidget* parent = nullptr);

    // The setting the fixed rows keep (shown greyed in their value boxes).
    void setBase(const TrainingConfig& base);
    // Sets a row as the user would (tests, defaults).
    void setRow(SweepParameter parameter, Mode mode, const QString& values);
    // The space as text, "lr=1e-3,1e-2; hidden=8,16" (the rows' order; fixed rows left out).
    QString spaceText() const;
    // Sets the rows from text in the --grid / --space syntax; returns the parser's error or "".
    QString setSpaceText(const QString& text);
    // The parsed space, or nothing with `error` saying what is wrong (a range in a grid too).
    std::optional<SweepSpace> space(bool random, QString* error) const;
    bool hasRanges() const;

    QComboBox* modeBox(SweepParameter parameter) const;
    QLineEdit* valuesEdit(SweepParameter parameter) const;
    QLineEdit* textEdit() const { return m_text; }

signals:
    void changed();

private:
    struct Row {
        QComboBox* mode = nullptr;
        QLineEdit* values = nullptr;
    };
    void rowEdited(int row);
    void updateRow(int row);
    void syncText();

    std::array<Row, kParameters> m_rows;
    TrainingConfig m_base;
    QLineEdit* m_text = nullptr;
    QLabel* m_textError = nullptr;
};

}  // namespace bps
