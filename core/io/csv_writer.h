#pragma once
// CSV text for what we write: training history and predictions. Numbers use the shortest text
// that reads back to the same double.

#include <Eigen/Core>
#include <string>
#include <vector>

#include "core/model/model.h"
#include "core/monitoring/epoch_report.h"

namespace bps {

std::string formatNumber(double value);
// Quotes a field when it holds a delimiter, quote or line break (RFC 4180).
std::string csvField(const std::string& text);

// Header `epoch,train_loss,val_loss,val_accuracy,learning_rate,seconds`, one row per report.
std::string historyToCsv(const std::vector<EpochReport>& history);
// The same piece by piece, for a history streamed to its file as training goes.
std::string historyCsvHeader();
std::string historyCsvRow(const EpochReport& report);

// binary: `probability,predicted`; multiclass: `prob_<class>...,predicted`;
// regression: `prediction`. `outputs` comes from Model::predict.
std::string predictionsToCsv(const Model& model, const Eigen::MatrixXd& outputs);

}  // namespace bps
