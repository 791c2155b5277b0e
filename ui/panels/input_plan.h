#pragma once
// What the Data tab's choices make of a table, for the user to read before training: how many
// network inputs each feature column becomes (fitEncoding on every row with a target: the
// training run refits it on its training rows, so the count is "about"), which columns are left
// out and why, and which rows are left out or have cells to impute.

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

#include "core/csv/csv_reader.h"
#include "core/data/column_kinds.h"
#include "core/data/dataset.h"
#include "ui/panels/column_choice.h"

namespace bps {

struct InputPlan {
    // Per table column: the inputs it becomes; empty for the target, ignored columns and date
    // parts (their count is the training's business).
    std::vector<std::optional<std::size_t>> inputs;
    std::size_t totalInputs = 0;  // over the columns with a count
    QStringList datePartColumns;  // features taken apart as dates, not in totalInputs
    std::size_t rowsWithTarget = 0;
    std::size_t rowsMissingTarget = 0;  // always left out
    // Rows with a target and a missing cell in some feature: imputed, or dropped (Drop).
    std::size_t rowsWithMissingFeature = 0;
    QStringList missingByColumn;  // "Horsepower: 6", for the features with missing cells
    QStringList leftOutColumns;   // "Name (identifier: 311 of 406 values distinct)"
    QString error;                // fitEncoding refused the choices (should not happen)

    // The notice the Data tab shows, one paragraph per line.
    QStringList notice(const QString& target, MissingPolicy policy) const;
};

// `choices` and `kinds` are per column of `table`; `selection` is what they produce (its
// encoding options are used).
InputPlan planInputs(const CsvTable& table, const std::vector<ColumnKindInfo>& kinds,
                     const std::vector<ColumnChoice>& choices, const DataSelection& selection);

}  // namespace bps
