// `backprop-studio predict MODEL.json FILE.csv [--out predictions.csv]`

#include <iostream>

#include "app/cli.h"
#include "app/cli_outputs.h"
#include "core/base/errors.h"
#include "core/csv/csv_reader.h"
#include "core/data/dataset.h"
#include "core/io/csv_writer.h"
#include "core/io/model_file.h"

namespace bps::cli {

namespace {

// A prediction that is not a number must never be written as if it were one: the whole command
// fails, naming the rows (their line numbers in the file) so the user can look at them.
void refuseNonFinite(const Eigen::MatrixXd& outputs, const CsvTable& table,
                     const std::string& file) {
    std::vector<Eigen::Index> bad;
    for (Eigen::Index i = 0; i < outputs.rows(); ++i)
        if (!outputs.row(i).allFinite()) bad.push_back(i);
    if (bad.empty()) return;
    std::string lines;
    for (std::size_t k = 0; k < std::min<std::size_t>(bad.size(), 5); ++k)
        lines +=
            (k ? ", " : "") + std::to_string(table.rowLine.at(static_cast<std::size_t>(bad[k])));
    if (bad.size() > 5) lines += ", ...";
    throw DataError(file + ": the model's output is not a finite number on " +
                    std::to_string(bad.size()) + " of " + std::to_string(outputs.rows()) +
                    " rows (lines " + lines +
                    "): its weights overflow on these inputs; no predictions were written");
}

}  // namespace

int runPredict(const std::vector<std::string>& argList) {
    const ParsedArgs args(argList, {{"out"}, {"delimiter"}});
    if (args.positional().size() != 2) throw UsageError("expected MODEL.json and FILE.csv");
    if (args.has("out"))
        checkOutputs(
            {{"the model file", args.positional()[0]}, {"the CSV file", args.positional()[1]}},
            {{"--out", args.text("out")}});
    const Model model = loadModel(args.positional()[0]);
    // The file has to have a header: the model's features are found by name.
    CsvOptions options = csvOptions(args);
    options.header = HeaderMode::Present;
    const CsvTable table = readCsvFile(args.positional()[1], options);
    const Eigen::MatrixXd outputs = model.predict(featureMatrix(table, model.features));
    refuseNonFinite(outputs, table, args.positional()[1]);
    const std::string csv = predictionsToCsv(model, outputs);
    if (args.has("out"))
        writeFileAtomically(args.text("out"), csv);
    else
        std::cout << csv;
    return kExitOk;
}

}  // namespace bps::cli
