#include "core/report/history_file.h"

#include <array>
#include <charconv>
#include <cmath>
#include <sstream>

#include "core/base/errors.h"
#include "core/io/files.h"

namespace bps::report {

namespace {

constexpr std::array<const char*, 5> kColumns = {"epoch", "train_loss", "val_loss", "val_accuracy",
                                                 "learning_rate"};

std::vector<std::string> fields(const std::string& line) {
    std::vector<std::string> out;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, ',')) out.push_back(field);
    if (!line.empty() && line.back() == ',') out.emplace_back();
    return out;
}

}  // namespace

std::vector<HistoryPoint> parseHistoryCsv(const std::string& text, const std::string& name) {
    std::istringstream in(text);
    std::string line;
    std::size_t lineNumber = 1;
    if (!std::getline(in, line))
        throw DataError(locate(name, 1, 0, "empty file; expected a training history CSV"));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::vector<std::string> header = fields(line);
    std::array<std::size_t, kColumns.size()> at{};
    for (std::size_t k = 0; k < kColumns.size(); ++k) {
        std::size_t j = 0;
        while (j < header.size() && header[j] != kColumns[k]) ++j;
        if (j == header.size())
            throw DataError(locate(name, 1, 0,
                                   std::string("no column '") + kColumns[k] +
                                       "'; expected the header of train --history-out "
                                       "(epoch,train_loss,val_loss,val_accuracy,learning_rate,"
                                       "seconds)"));
        at[k] = j;
    }
    std::vector<HistoryPoint> points;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const std::vector<std::string> cells = fields(line);
        std::array<double, kColumns.size()> v{};
        for (std::size_t k = 0; k < kColumns.size(); ++k) {
            const std::size_t j = at[k];
            if (j >= cells.size())
                throw DataError(locate(name, lineNumber, j + 1,
                                       std::string("missing cell '") + kColumns[k] + "'"));
            const std::string& cell = cells[j];
            if (cell.empty() && k > 0) {  // the writer leaves NaN empty
                v[k] = kNaN;
                continue;
            }
            double value = 0;
            const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
            if (ec != std::errc{} || end != cell.data() + cell.size() ||
                (k == 0 && (value < 1 || value != std::floor(value) || value > 1e9)))
                throw DataError(locate(name, lineNumber, j + 1,
                                       std::string("expected ") +
                                           (k == 0 ? "an epoch number (1, 2, ...)" : "a number") +
                                           " in column '" + kColumns[k] + "', got '" +
                                           cell.substr(0, 40) + "'"));
            v[k] = value;
        }
        points.push_back({static_cast<int>(v[0]), v[1], v[2], v[3], v[4]});
    }
    return points;
}

std::vector<HistoryPoint> readHistoryCsv(const std::string& path) {
    return parseHistoryCsv(readSmallFile(path), path);
}

}  // namespace bps::report
