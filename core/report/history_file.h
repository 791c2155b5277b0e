#pragma once
// Reading back the training history `backprop-studio train --history-out` writes (and the app's
// File > Export History): a CSV with the header epoch,train_loss,val_loss,val_accuracy,
// learning_rate,seconds (core/io/csv_writer.h); an empty cell is a value that was not a number.

#include <string>
#include <vector>

#include "core/report/report_input.h"

namespace bps::report {

// Throws DataError "FILE:LINE:COLUMN: what was expected" for a missing column or a bad cell.
std::vector<HistoryPoint> readHistoryCsv(const std::string& path);
std::vector<HistoryPoint> parseHistoryCsv(const std::string& text, const std::string& name);

}  // namespace bps::report
