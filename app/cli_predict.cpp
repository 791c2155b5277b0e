// `backprop-studio predict MODEL.json FILE.csv [--out predictions.csv]`

#include <iostream>

#include "app/cli.h"
#include "core/csv/csv_reader.h"
#include "core/io/csv_writer.h"
#include "core/data/dataset.h"
#include "core/io/model_file.h"

namespace bps::cli {

int runPredict(const std::vector<std::string>& argList) {
    const ParsedArgs args(argList, {{"out"}, {"delimiter"}});
    if (args.positional().size() != 2) throw UsageError("expected MODEL.json and FILE.csv");
    const Model model = loadModel(args.positional()[0]);
    // The file has to have a header: the model's features are found by name.
    CsvOptions options = csvOptions(args);
    options.header = HeaderMode::Present;
    const CsvTable table = readCsvFile(args.positional()[1], options);
    const Eigen::MatrixXd outputs = model.predict(featureMatrix(table, model.features));
    const std::string csv = predictionsToCsv(model, outputs);
    if (args.has("out"))
        writeFileAtomically(args.text("out"), csv);
    else
        std::cout << csv;
    return kExitOk;
}

}  // namespace bps::cli
