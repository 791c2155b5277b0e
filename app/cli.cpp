#include "app/cli.h"

#include <cstdio>
#include <exception>
#include <iostream>

#include "core/base/errors.h"

namespace bps::cli {

namespace {

const char* kUsage = R"(usage:
  backprop-studio                       open the desktop app on the bundled HTRU2 sample
  backprop-studio FILE.csv              open the desktop app on FILE.csv
  backprop-studio train FILE.csv [options]
      --target COL            target column, by name or 1-based number (default: last)
      --features A,B,..       feature columns (default: every other numeric column)
      --task auto|binary|multiclass|regression
      --hidden 16[,8..]       units per hidden layer          --activation tanh|sigmoid|relu|leaky_relu
      --optimizer sgd|momentum|adam   --nesterov              --lr 0.01   --momentum 0.9
      --epochs 200            --batch-size 256 (0 = full batch)   --l2 0
      --val-fraction 0.2      --seed 1     --class-weight none|balanced
      --early-stopping 0 (patience in epochs, 0 = off)
      --no-standardize        --init-scale 1 (multiplies the Glorot/He initialisation)
      --header auto|yes|no    --delimiter D: , ; '|' : tab or whitespace (default: detected;
                              whitespace, or space: runs of spaces and tabs separate cells)
      --model-out model.json  --history-out history.csv  --report-out report.json  --quiet
  backprop-studio predict MODEL.json FILE.csv [--out predictions.csv] [--delimiter D]
  backprop-studio export MODEL.json [--format json|npz|onnx|c|python] --out FILE
      (the format defaults to the one --out's extension names: .json .npz .onnx .h .py;
       train --model-out picks the format the same way)
  backprop-studio lr-find FILE.csv [train options] [--steps 300]
      learning-rate range test: the loss curve over exponentially growing rates and a suggestion
  backprop-studio check FILE.csv [train options]
      gradient check (backprop vs finite differences) and whether 16 rows can be fitted exactly
  backprop-studio bench htru2|large|csv|make-csv ...
      timings as JSON for bench/run.sh (see bench/README.md)
  backprop-studio help | --help | --version

exit codes: 0 success, 1 data or model error, 2 usage error
)";

}  // namespace

bool isCommand(const std::string& word) {
    for (const char* command : {"train", "predict", "export", "lr-find", "check", "bench", "help",
                                "--help", "-h", "--version"})
        if (word == command) return true;
    return false;
}

int run(const std::vector<std::string>& args) {
    try {
        const std::string command = args.empty() ? "help" : args[0];
        const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
        if (command == "help" || command == "--help" || command == "-h") {
            std::cout << kUsage;
            return kExitOk;
        }
        if (command == "--version") {
            std::cout << "backprop-studio " << BPS_VERSION << "\n";
            return kExitOk;
        }
        if (command == "train") return runTrain(rest);
        if (command == "predict") return runPredict(rest);
        if (command == "export") return runExport(rest);
        if (command == "lr-find") return runLrFind(rest);
        if (command == "check") return runCheck(rest);
        if (command == "bench") return runBench(rest);
        throw UsageError("unknown command '" + command + "'");
    } catch (const UsageError& e) {
        std::cerr << "error: " << e.what() << "\n(run 'backprop-studio --help' for usage)\n";
        return kExitUsage;
    } catch (const DataError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kExitDataError;
    } catch (const std::bad_alloc&) {
        std::cerr << "error: out of memory\n";
        return kExitDataError;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kExitDataError;
    }
}

}  // namespace bps::cli
