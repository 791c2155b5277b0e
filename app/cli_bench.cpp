// `backprop-studio bench`: in-process timings for bench/run.sh, printed as one JSON object.
//   bench htru2 FILE.csv [--epochs 200] [--batch-size 256] [--repeats 5] [--export-split DIR]
//   bench large --x X.f32 --y Y.f32 --features 32 [--hidden 128] [--batch-size 1024]
//               [--epochs 6] [--lr 0.001] [--threads N]
//   bench csv FILE.csv [--repeats 5]          bench make-csv FILE.csv [--rows 2000000]
// Training runs time Trainer::run() only (the data is loaded and prepared before the clock
// starts), exactly what `train` does, per-epoch validation included.

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "core/base/errors.h"
#include "core/base/random.h"
#include "core/csv/csv_reader.h"
#include "core/kernels/dense_products.h"
#include "core/training/trainer.h"

namespace bps::cli {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

nlohmann::json buildInfo() {
    nlohmann::json j;
#if defined(__AVX2__)
    j["build"] = "native (-march=native: AVX2 everywhere)";
#elif defined(__x86_64__)
    j["build"] =
        "portable (x86-64 baseline; AVX2+FMA kernels and matrix products chosen at run time)";
    j["cpu_avx2_fma"] = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    j["eigen_products_avx2"] = products::eigenProductsUseAvx2();
#else
    j["build"] = "portable";
#endif
    j["threads"] = Trainer::hardwareThreads();
    return j;
}

void writeFloats(const std::filesystem::path& path, const std::vector<float>& values) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(values.data()),
              static_cast<std::streamsize>(values.size() * sizeof(float)));
    if (!out) throw DataError("cannot write " + path.string());
}

// The standardised rows exactly as the trainer sees them (float32, row-major), so that the
// reference implementations train on the same split.
void exportSplit(const Dataset& data, const Trainer& trainer, const std::string& dir) {
    std::filesystem::create_directories(dir);
    const Model model = trainer.model();
    const auto side = [&](const std::vector<Eigen::Index>& rows, const std::string& name) {
        std::vector<float> x, y;
        for (Eigen::Index r : rows) {
            for (Eigen::Index j = 0; j < data.featureCount(); ++j)
                x.push_back(static_cast<float>((data.x(r, j) - model.scaler.mean(j)) /
                                               model.scaler.std(j)));
            y.push_back(static_cast<float>(data.y(r)));
        }
        writeFloats(std::filesystem::path(dir) / (name + "_x.f32"), x);
        writeFloats(std::filesystem::path(dir) / (name + "_y.f32"), y);
    };
    side(trainer.split().train, "train");
    side(trainer.split().validation, "val");
}

nlohmann::json runRecord(double seconds, int epochs, std::size_t trainRows) {
    return {{"seconds", seconds},
            {"epochs", epochs},
            {"epochs_per_second", epochs / seconds},
            {"train_samples_per_second", double(epochs) * double(trainRows) / seconds}};
}

// `repeats` whole trainings (one run each), or with perEpoch one training whose epochs after
// the first (a warm-up: first touch of every buffer) are the runs.
nlohmann::json trainRuns(const Dataset& data, const TrainingConfig& config, int repeats,
                         bool perEpoch, int threads = 0) {
    nlohmann::json runs = nlohmann::json::array();
    Metrics metrics;
    std::size_t trainRows = 0;
    for (int k = 0; k < repeats; ++k) {
        Trainer trainer(data, config);
        trainer.setThreads(threads);
        trainRows = trainer.split().train.size();
        std::vector<double> ends;
        const auto start = Clock::now();
        trainer.run([&](const EpochReport&) { ends.push_back(secondsSince(start)); });
        if (perEpoch)
            for (std::size_t e = 1; e < ends.size(); ++e)
                runs.push_back(runRecord(ends[e] - ends[e - 1], 1, trainRows));
        else
            runs.push_back(runRecord(ends.back(), trainer.epoch(), trainRows));
        if (k + 1 == repeats) metrics = trainer.validationMetrics();
    }
    nlohmann::json j = buildInfo();
    j["runs"] = runs;
    j["val_roc_auc"] = metrics.rocAuc;
    j["val_loss"] = metrics.loss;
    j["train_rows"] = trainRows;
    return j;
}

int benchHtru2(const ParsedArgs& args) {
    if (args.positional().size() != 2) throw UsageError("bench htru2 expects one CSV file");
    const Dataset data = prepareDataset(readCsvFile(args.positional()[1]), {});
    TrainingConfig config;
    config.epochs = args.smallInteger("epochs", 200);
    config.live.batchSize = args.smallInteger("batch-size", 256);
    if (args.has("export-split"))
        exportSplit(data, Trainer(data, config), args.text("export-split"));
    nlohmann::json j = trainRuns(data, config, args.smallInteger("repeats", 5), false);
    j["workload"] = "htru2";
    j["batch_size"] = config.live.batchSize;
    std::cout << j.dump() << "\n";
    return kExitOk;
}

std::vector<float> readFloats(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError("cannot open " + path);
    const auto bytes = std::filesystem::file_size(path);
    std::vector<float> values(bytes / sizeof(float));
    in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(bytes));
    return values;
}

int benchLarge(const ParsedArgs& args) {
    const auto features = static_cast<Eigen::Index>(args.integer("features", 32));
    const std::vector<float> x = readFloats(args.text("x")), y = readFloats(args.text("y"));
    const auto rows = static_cast<Eigen::Index>(y.size());
    if (rows == 0 || Eigen::Index(x.size()) != rows * features)
        throw UsageError("--x must hold rows x --features float32 values, --y one per row");
    Dataset data;
    data.task = Task::Binary;
    data.classes = {"0", "1"};
    data.x =
        Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            x.data(), rows, features)
            .cast<double>();
    data.y = Eigen::Map<const Eigen::VectorXf>(y.data(), rows).cast<double>();
    for (Eigen::Index j = 0; j < features; ++j) data.features.push_back("x" + std::to_string(j));
    TrainingConfig config;
    config.hidden = {args.smallInteger("hidden", 128)};
    config.activation = Activation::Relu;
    config.live.learningRate = args.number("lr", 0.001);
    config.live.batchSize = args.smallInteger("batch-size", 1024);
    config.epochs = args.smallInteger("epochs", 6);
    const int threads = args.smallInteger("threads", 0);
    nlohmann::json j = trainRuns(data, config, 1, true, threads);
    j["workload"] = "large";
    j["batch_size"] = config.live.batchSize;
    j["threads_used"] = threads > 0 ? threads : Trainer::hardwareThreads();
    std::cout << j.dump() << "\n";
    return kExitOk;
}

int benchCsv(const ParsedArgs& args) {
    if (args.positional().size() != 2) throw UsageError("bench csv expects one CSV file");
    const std::string path = args.positional()[1];
    const double megabytes = double(std::filesystem::file_size(path)) / 1e6;
    nlohmann::json runs = nlohmann::json::array();
    std::size_t rows = 0, columns = 0;
    bool halves = false;
    for (long long k = 0; k < args.integer("repeats", 5); ++k) {
        const auto start = Clock::now();
        const CsvTable table = readCsvFile(path);
        const double seconds = secondsSince(start);
        rows = table.rows;
        columns = table.columns.size();
        halves = table.readInHalves;
        runs.push_back({{"seconds", seconds}, {"mb_per_second", megabytes / seconds}});
    }
    nlohmann::json j = buildInfo();
    j["workload"] = "csv";
    j["megabytes"] = megabytes;
    j["rows"] = rows;
    j["columns"] = columns;
    j["parsed_matrix_megabytes"] = double(rows * columns * sizeof(double)) / 1e6;
    j["read_in_halves"] = halves;  // second half parsed on another thread (CsvOptions)
    j["runs"] = runs;
    std::cout << j.dump() << "\n";
    return kExitOk;
}

// rows x (8 numbers of ~9 significant digits, a 0/1 class): ~100 bytes a row, like HTRU2.
int makeCsv(const ParsedArgs& args) {
    if (args.positional().size() != 2) throw UsageError("bench make-csv expects the output file");
    const long long rows = args.integer("rows", 2'000'000);
    std::ofstream out(args.positional()[1], std::ios::binary);
    out << "f1,f2,f3,f4,f5,f6,f7,f8,class\n";
    Rng rng(7);
    std::string line;
    char buf[40];
    for (long long r = 0; r < rows; ++r) {
        line.clear();
        for (int j = 0; j < 8; ++j) {
            const double v = rng.normal() * (j < 4 ? 40.0 : 3.0) + (j == 0 ? 110.0 : 0.0);
            const auto end =
                std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 9).ptr;
            line.append(buf, end).push_back(',');
        }
        line += rng.uniform() < 0.1 ? "1\n" : "0\n";
        out << line;
    }
    if (!out) throw DataError("cannot write " + args.positional()[1]);
    return kExitOk;
}

}  // namespace

int runBench(const std::vector<std::string>& argList) {
    const ParsedArgs args(argList, {{"epochs"},
                                    {"batch-size"},
                                    {"repeats"},
                                    {"export-split"},
                                    {"x"},
                                    {"y"},
                                    {"features"},
                                    {"hidden"},
                                    {"lr"},
                                    {"threads"},
                                    {"rows"}});
    const std::string what = args.positional().empty() ? "" : args.positional()[0];
    if (what == "htru2") return benchHtru2(args);
    if (what == "large") return benchLarge(args);
    if (what == "csv") return benchCsv(args);
    if (what == "make-csv") return makeCsv(args);
    throw UsageError("bench expects htru2, large, csv or make-csv");
}

}  // namespace bps::cli
