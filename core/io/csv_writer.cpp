#include "core/io/csv_writer.h"

#include <charconv>
#include <cmath>

namespace bps {

std::string formatNumber(double value) {
    if (std::isnan(value)) return "";
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    return ec == std::errc{} ? std::string(buf, end) : std::string();
}

std::string csvField(const std::string& text) {
    if (text.find_first_of(",;\t\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string historyCsvHeader() {
    return "epoch,train_loss,val_loss,val_accuracy,learning_rate,seconds\n";
}

std::string historyCsvRow(const EpochReport& r) {
    return std::to_string(r.epoch) + ',' + formatNumber(r.trainLoss) + ',' +
           formatNumber(r.validationLoss) + ',' + formatNumber(r.validationAccuracy) + ',' +
           formatNumber(r.learningRate) + ',' + formatNumber(r.seconds) + '\n';
}

std::string historyToCsv(const std::vector<EpochReport>& history) {
    std::string out = historyCsvHeader();
    out.reserve(out.size() + history.size() * 64);
    for (const auto& r : history) out += historyCsvRow(r);
    return out;
}

std::string predictionsToCsv(const Model& model, const Eigen::MatrixXd& outputs) {
    std::string out;
    if (model.task == Task::Binary) {
        out = "probability,predicted\n";
    } else if (model.task == Task::Multiclass) {
        for (const auto& c : model.classes) out += csvField("prob_" + c) + ',';
        out += "predicted\n";
    } else {
        out = "prediction\n";
    }
    const Eigen::VectorXi decided =
        model.task == Task::Regression ? Eigen::VectorXi() : model.decide(outputs);
    for (Eigen::Index i = 0; i < outputs.rows(); ++i) {
        if (model.task == Task::Regression) {
            out += formatNumber(outputs(i, 0)) + '\n';
            continue;
        }
        for (Eigen::Index j = 0; j < outputs.cols(); ++j) out += formatNumber(outputs(i, j)) + ',';
        out += csvField(model.classes[static_cast<std::size_t>(decided(i))]) + '\n';
    }
    return out;
}

}  // namespace bps
