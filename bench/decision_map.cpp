// How long one decision map takes (issue #17): the default network (TrainingConfig's defaults)
// trained on a file for a few epochs, then a 100 x 100 grid of its two columns with the largest
// first-layer weights, the other inputs at the validation rows' medians, as the Decision map tab
// computes it (core/explain/decision_grid.h), timed many times. Also the validation points'
// outputs, which the tab computes with every map, and one training epoch for scale. One JSON
// line:
//   decision_map resources/htru2.csv [--epochs 5] [--runs 200]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/csv/csv_reader.h"
#include "core/data/dataset.h"
#include "core/explain/decision_grid.h"
#include "core/explain/unit_activation.h"
#include "core/training/trainer.h"

using namespace bps;
using Clock = std::chrono::steady_clock;

namespace {
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}
double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: decision_map FILE.csv [--epochs 5] [--runs 200]\n");
        return 2;
    }
    int epochs = 5, runs = 200;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--epochs")) epochs = std::stoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--runs")) runs = std::stoi(argv[i + 1]);
    }
    const CsvTable table = readCsvFile(argv[1]);
    const Dataset data = prepareDataset(table, {});
    TrainingConfig config;
    config.epochs = epochs;
    Trainer trainer(data, config);
    std::vector<double> epochMs;
    while (!trainer.finished()) {
        const auto t = Clock::now();
        trainer.runEpoch();
        epochMs.push_back(msSince(t));
    }
    const Model model = trainer.model();
    if (data.encoded()) {
        std::fprintf(stderr, "decision_map: measures plain numeric tables (HTRU2) only\n");
        return 2;
    }
    const RowMatrix validation = data.x(trainer.split().validation, Eigen::all);
    const std::vector<ColumnInputs> columns = columnInputs(model);
    const std::vector<int> order = columnsByWeightNorm(model);
    DecisionGridRequest request;
    request.xColumn = order[0];
    request.yColumn = order[1];
    const auto values = [&](int c) {
        std::vector<double> v;
        for (Eigen::Index i = 0; i < validation.rows(); ++i)
            v.push_back(axisValue(columns[static_cast<std::size_t>(c)], validation, i));
        return v;
    };
    request.xRange = axisRange(columns[static_cast<std::size_t>(order[0])], values(order[0]));
    request.yRange = axisRange(columns[static_cast<std::size_t>(order[1])], values(order[1]));
    request.base = medianRow(model, validation);
    request.resolution = 100;
    std::vector<double> gridMs, pointsMs;
    double checksum = 0;  // keeps the work from being optimised away
    for (int r = 0; r < runs; ++r) {
        auto t = Clock::now();
        const DecisionGrid grid = computeDecisionGrid(model, request);
        gridMs.push_back(msSince(t));
        t = Clock::now();
        const std::vector<Eigen::MatrixXd> points = layerActivations(model, validation);
        pointsMs.push_back(msSince(t));
        checksum += grid.outputs(r % grid.outputs.rows(), 0) + points.back()(0, 0);
    }
    std::string hidden;
    for (int h : config.hidden) hidden += (hidden.empty() ? "" : "-") + std::to_string(h);
    const double epoch = median(epochMs);
    std::printf(
        "{\"workload\":\"decision_map\",\"network\":\"%d-%s-1\",\"grid\":\"100x100\","
        "\"runs\":%d,\"grid_ms_median\":%.3f,\"grid_ms_max\":%.3f,\"points\":%lld,"
        "\"points_ms_median\":%.3f,\"epoch_ms_median\":%.3f,\"grid_over_epoch\":%.3f,"
        "\"checksum\":%.6g}\n",
        model.inputCount(), hidden.c_str(), runs, median(gridMs),
        *std::max_element(gridMs.begin(), gridMs.end()), static_cast<long long>(validation.rows()),
        median(pointsMs), epoch, epoch > 0 ? median(gridMs) / epoch : 0.0, checksum);
    return 0;
}
