#include "ui/panels/input_plan.h"

#include <QCoreApplication>
#include <cmath>

#include "core/data/column_encoding.h"

namespace bps {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("bps::InputPlan", text); }

bool missingCell(const CsvColumn& column, std::size_t row) {
    return column.numeric ? std::isnan(column.numbers[row]) : column.codes[row] < 0;
}

QString rowsText(std::size_t n) {
    return n == 1 ? QObject::tr("1 row") : QObject::tr("%L1 rows").arg(static_cast<qint64>(n));
}
}  // namespace

InputPlan planInputs(const CsvTable& table, const std::vector<ColumnKindInfo>& kinds,
                     const std::vector<ColumnChoice>& choices, const DataSelection& selection) {
    InputPlan plan;
    const std::size_t n = table.columns.size();
    plan.inputs.assign(n, std::nullopt);

    const CsvColumn* target = nullptr;
    std::vector<std::size_t> features;
    for (std::size_t c = 0; c < n; ++c) {
        const ColumnChoice& choice = choices[c];
        if (choice.role == ColumnRole::Target) target = &table.columns[c];
        if (choice.role == ColumnRole::Feature) features.push_back(c);
        if (choice.role == ColumnRole::Ignored)
            plan.leftOutColumns << QStringLiteral("%1 (%2)").arg(
                QString::fromStdString(table.columns[c].name),
                QString::fromStdString(describeKind(kinds[c])));
    }

    std::vector<std::size_t> rows;
    rows.reserve(table.rows);
    std::vector<std::size_t> missingPerFeature(features.size(), 0);
    for (std::size_t r = 0; r < table.rows; ++r) {
        if (target && missingCell(*target, r)) {
            ++plan.rowsMissingTarget;
            continue;
        }
        rows.push_back(r);
        bool any = false;
        for (std::size_t f = 0; f < features.size(); ++f)
            if (missingCell(table.columns[features[f]], r)) {
                ++missingPerFeature[f];
                any = true;
            }
        if (any) ++plan.rowsWithMissingFeature;
    }
    plan.rowsWithTarget = rows.size();

    std::vector<InputColumn> inputs;
    std::vector<std::size_t> encoded;  // the table column of each entry of inputs
    for (std::size_t f = 0; f < features.size(); ++f) {
        const std::size_t c = features[f];
        const QString name = QString::fromStdString(table.columns[c].name);
        if (missingPerFeature[f] > 0)
            plan.missingByColumn << QStringLiteral("%1: %L2").arg(name).arg(
                static_cast<qint64>(missingPerFeature[f]));
        if (choices[c].form == FeatureForm::DateParts) {
            plan.datePartColumns << name;
            continue;
        }
        inputs.push_back({table.columns[c].name, choices[c].form == FeatureForm::Categorical
                                                     ? ColumnKind::Categorical
                                                     : ColumnKind::Numeric});
        encoded.push_back(c);
    }
    try {
        const TableEncoding encoding = fitEncoding(table, inputs, rows, selection.encoding);
        for (std::size_t i = 0; i < encoded.size(); ++i) {
            const std::size_t count = encoding.columns[i].inputCount();
            plan.inputs[encoded[i]] = count;
            plan.totalInputs += count;
        }
    } catch (const std::exception& e) {
        plan.error = QString::fromStdString(e.what());
    }
    return plan;
}

QStringList InputPlan::notice(const QString& target, MissingPolicy policy) const {
    QStringList lines;
    if (!error.isEmpty()) lines << error;
    if (!leftOutColumns.isEmpty())
        lines << tr("Left out (%L1 of the columns): %2.")
                     .arg(leftOutColumns.size())
                     .arg(leftOutColumns.join(QStringLiteral("; ")));
    if (rowsMissingTarget > 0)
        lines << tr("%1 without a value of the target %2 are left out.")
                     .arg(rowsText(rowsMissingTarget), target);
    if (rowsWithMissingFeature > 0) {
        const QString which =
            tr("%1 have missing feature cells (%2)")
                .arg(rowsText(rowsWithMissingFeature), missingByColumn.join(QStringLiteral(", ")));
        switch (policy) {
            case MissingPolicy::Impute:
                lines << which + tr(": kept, each cell imputed (numbers: the median, plus a "
                                    "<name>_missing input; text: the most frequent level).");
                break;
            case MissingPolicy::Category:
                lines << which + tr(": kept, text cells as a level 'missing' of their own, numbers "
                                    "imputed with the median.");
                break;
            case MissingPolicy::Drop:
                lines << which + tr(": dropped, %1 remain for training.")
                                     .arg(rowsText(rowsWithTarget - rowsWithMissingFeature));
                break;
        }
    }
    QString inputsLine = tr("Network inputs: about %L1 (counted on all rows; training fits the "
                            "encoding on its training rows)")
                             .arg(static_cast<qint64>(totalInputs));
    if (!datePartColumns.isEmpty())
        inputsLine += tr(", plus the date parts of %1").arg(datePartColumns.join(", "));
    lines << inputsLine + QLatin1Char('.');
    return lines;
}

}  // namespace bps
