#pragma once
// Which columns of a table become features: by default every numeric and categorical column but
// the target (the others left out, each with a warning that says why), or the ones the user
// named; then those without a value beside a target are left out too. Internal to core/data
// (prepareDataset).

#include <cstddef>
#include <vector>

#include "core/csv/csv_reader.h"
#include "core/data/column_kinds.h"
#include "core/data/dataset.h"

namespace bps::dataset_detail {

// A feature as prepareDataset chose it: a table column and how it is used.
struct ChosenFeature {
    std::size_t column = 0;
    ColumnKind kind = ColumnKind::Numeric;  // Numeric, Categorical or DateTime (expanded)
};

// The default features; `hinted` is set to a text column whose cells look like numbers.
std::vector<ChosenFeature> defaultFeatures(const CsvTable& table, std::size_t targetIndex,
                                           const std::vector<ColumnKindInfo>& kinds,
                                           bool expandDates, Dataset& data,
                                           const CsvColumn*& hinted);
// The features the user named (DataSelection::features); throws DataError.
std::vector<ChosenFeature> namedFeatures(const CsvTable& table, std::size_t targetIndex,
                                         const std::vector<ColumnKindInfo>& kinds,
                                         const DataSelection& selection, Dataset& data);
// `chosen` less the features with no value in any row that has a target; `valueless` is set to
// one of them.
std::vector<ChosenFeature> withValuesBesideTarget(const CsvTable& table, const CsvColumn& target,
                                                  std::vector<ChosenFeature> chosen, Dataset& data,
                                                  const CsvColumn*& valueless);

}  // namespace bps::dataset_detail
