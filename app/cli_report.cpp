// `backprop-studio report MODEL.json FILE.csv --out report.html [--history H] [--rows
// all|validation]
// [--seed S] [--quiet]`: the self-contained HTML report (core/report/html_report.h).

#include <filesystem>
#include <iostream>

#include "app/cli.h"
#include "app/cli_outputs.h"
#include "core/base/errors.h"
#include "core/explain/explain_data.h"
#include "core/explain/held_out_rows.h"
#include "core/io/files.h"
#include "core/io/model_file.h"
#include "core/report/history_file.h"
#include "core/report/html_report.h"
#include "core/report/report_data.h"

namespace bps::cli {

int runReport(const std::vector<std::string>& argList) {
    const ParsedArgs args(
        argList,
        {{"out"}, {"history"}, {"rows"}, {"seed"}, {"header"}, {"delimiter"}, {"quiet", false}});
    if (args.positional().size() != 2) throw UsageError("expected MODEL.json and FILE.csv");
    if (!args.has("out") || args.text("out").empty()) throw UsageError("missing --out FILE");
    const std::string rowsText = args.text("rows", "validation");
    if (rowsText != "validation" && rowsText != "all")
        throw UsageError("option '--rows' must be one of all, validation, got '" + rowsText + "'");
    const report::ReportRows rows =
        rowsText == "all" ? report::ReportRows::All : report::ReportRows::Validation;
    if (args.has("history") && args.text("history").empty())
        throw UsageError("option '--history' needs a file (train --history-out writes one)");
    std::optional<std::uint64_t> seed;
    if (args.has("seed")) {
        const long long s = args.integer("seed", 0);
        if (s < 0)
            throw UsageError("option '--seed' must be 0 or more, got '" + args.text("seed") + "'");
        seed = static_cast<std::uint64_t>(s);
    }
    const CsvOptions csv = csvOptions(args);
    const std::string modelPath = args.positional()[0], csvPath = args.positional()[1];
    std::vector<NamedPath> inputs = {{"the model file", modelPath}, {"the CSV file", csvPath}};
    if (args.has("history")) inputs.push_back({"--history", args.text("history")});
    checkOutputs(inputs, {{"--out", args.text("out")}});

    const Model model = loadModel(modelPath);
    std::vector<report::HistoryPoint> history;
    if (args.has("history")) history = report::readHistoryCsv(args.text("history"));
    const CsvTable table = readCsvFile(csvPath, csv);
    std::optional<Dataset> data;
    std::optional<report::EvaluatedRows> found;
    try {
        data = report::datasetForModel(model, table);
        found = report::evaluateRows(model, table, *data, rows, seed.value_or(model.config.seed));
    } catch (const DataError& e) {
        // The message names the file (the data set's own errors already do).
        const std::string what = e.what();
        throw DataError(what.rfind(csvPath, 0) == 0 || what.rfind(table.source, 0) == 0
                            ? what
                            : csvPath + ": " + what);
    }
    const report::EvaluatedRows& evaluated = *found;
    // Warnings are not progress: --quiet keeps them.
    for (const std::string& w : data->warnings) std::cerr << "warning: " << w << "\n";
    if (rows == report::ReportRows::Validation) {
        const HeldOutRows held = heldOutRows(model, explainData(model, table));
        if (held.checked && !held.matches)
            std::cerr << "warning: " << csvPath
                      << ": not the file the model was trained on (its training rows do not "
                         "match the model's scaler): the 'validation' rows may include rows it "
                         "trained on; for a held-out file use --rows all\n";
    }
    report::ReportInput input =
        report::buildReport(model, table, *data, std::filesystem::path(csvPath).filename().string(),
                            evaluated, std::move(history));
    report::addImportance(input, model, table, evaluated, seed.value_or(model.config.seed));
    writeFileAtomically(args.text("out"), report::htmlReport(input));
    if (!args.has("quiet"))
        std::cout << "Report on " << evaluated.description << " written to " << args.text("out")
                  << "\n";
    return kExitOk;
}

}  // namespace bps::cli
