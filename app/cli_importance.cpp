// `backprop-studio importance MODEL.json FILE.csv [--repeats 5] [--seed S] [--score ...]
//  [--rows validation|all] [--out importance.csv|.json] [--pdp COLUMN [--pdp-out pdp.csv]
//  [--class NAME]]`: permutation importance of each raw input column, and a column's partial
// dependence (of a classifier: the probability of one class).

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "app/cli_importance_table.h"
#include "app/cli_metric_columns.h"
#include "app/cli_outputs.h"
#include "core/base/errors.h"
#include "core/csv/csv_cell.h"
#include "core/explain/held_out_rows.h"
#include "core/explain/partial_dependence.h"
#include "core/explain/permutation_importance.h"
#include "core/io/csv_writer.h"
#include "core/io/files.h"
#include "core/io/importance_csv.h"
#include "core/io/model_file.h"

namespace bps::cli {

namespace {

constexpr int kMaxRepeats = 1000;

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The rows to shuffle, and how they were chosen (said in the table's title). Warnings go to
// stderr whatever --quiet says.
struct ChosenRows {
    ExplainData data;
    std::string how;
};

ChosenRows chooseRows(const Model& model, const CsvTable& table, const std::string& rows,
                      const std::string& file) {
    ExplainData all = explainData(model, table);
    if (all.skippedRows > 0)
        std::cerr << "warning: " << file << ": " << all.skippedRows << " of " << table.rows
                  << " rows left out (no target value the model knows, or a missing cell the "
                     "model drops)\n";
    const bool canSplit = model.config.validationFraction > 0;
    HeldOutRows held;
    if (canSplit) {
        try {
            held = heldOutRows(model, all);
        } catch (const DataError&) {
            // Too few rows for the model's split: not its training file. Said below if asked.
            if (rows == "validation") throw;
        }
    }
    const bool sameFile = canSplit && held.matches;
    if (rows == "validation") {
        if (!canSplit)
            throw DataError(
                "the model was trained without validation rows (validation fraction "
                "0): use --rows all on data it has not seen");
        if (held.checked && !held.matches)
            throw DataError(file +
                            " is not the file the model was trained on (its reproduced training "
                            "rows do not give the model's scaler or encoding), so its split "
                            "would not be the model's: use --rows all on held-out data");
        if (!held.checked)
            std::cerr << "warning: the model cannot tell whether " << file
                      << " is its training file (it was trained without standardizing): the "
                         "validation rows are held out only if it is\n";
    } else if (rows.empty() && sameFile) {
        // The training file: its validation rows are the held-out ones.
    } else {
        if (sameFile)
            std::cerr << "warning: " << file
                      << " is the model's training file: its rows include the training rows, "
                         "so the importance measures what the model memorised too (the "
                         "default, --rows validation, uses only its held-out rows)\n";
        else
            std::cerr << "warning: importance on all " << all.x.rows() << " rows of " << file
                      << ": these should be rows the model was not trained on\n";
        return {std::move(all), "all rows"};
    }
    ExplainData picked = explainData(model, table, held.tableRows);
    return {std::move(picked), "the validation rows of the model's split (seed " +
                                   std::to_string(model.config.seed) + ", fraction " +
                                   formatNumber(model.config.validationFraction) + ")"};
}

void printTable(const ImportanceResult& r, int repeats, const std::string& how) {
    std::printf("Permutation importance on %zu %s, %s\n", r.rows, r.rows == 1 ? "row" : "rows",
                how.c_str());
    std::printf("%s as they are: %s; the %s of each column shuffled (%d repeat%s, mean +- sd):\n",
                std::string(scoreLabel(r.score)).c_str(), fixedNumber(r.baseline).c_str(),
                higherIsBetter(r.score) ? "drop" : "rise", repeats, repeats == 1 ? "" : "s");
    printImportanceColumns(r);
}

std::string importanceJson(const ImportanceResult& r, const ImportanceOptions& o,
                           const std::string& how) {
    nlohmann::json j;
    j["score"] = std::string(nameIn(kImportanceScoreNames, r.score));
    j["higher_is_better"] = higherIsBetter(r.score);
    j["baseline"] = r.baseline;
    j["rows"] = r.rows;
    j["rows_chosen"] = how;
    j["repeats"] = o.repeats;
    j["seed"] = o.seed;
    j["columns"] = importanceColumnsJson(r);
    return j.dump(2) + "\n";
}

}  // namespace

int runImportance(const std::vector<std::string>& argList) {
    const ParsedArgs args(argList, {{"repeats"},
                                    {"seed"},
                                    {"score"},
                                    {"rows"},
                                    {"out"},
                                    {"pdp"},
                                    {"pdp-out"},
                                    {"class"},
                                    {"delimiter"},
                                    {"quiet", false}});
    if (args.positional().size() != 2) throw UsageError("expected MODEL.json and FILE.csv");
    ImportanceOptions options;
    options.repeats = args.smallInteger("repeats", options.repeats);
    if (options.repeats < 1 || options.repeats > kMaxRepeats)
        throw UsageError("option '--repeats' must be between 1 and " + std::to_string(kMaxRepeats));
    const long long seed = args.integer("seed", 1);
    if (seed < 0) throw UsageError("option '--seed' must be at least 0");
    options.seed = static_cast<std::uint64_t>(seed);
    if (args.has("score")) {
        const auto score = parseIn(kImportanceScoreNames, args.text("score"));
        if (!score || *score == ImportanceScore::Auto)
            throw UsageError(
                "option '--score' must be one of auc, accuracy, f1, r2, rmse, loss, "
                "got '" +
                args.text("score") + "'");
        options.score = *score;
    }
    const std::string rows = args.text("rows");
    if (args.has("rows") && rows != "validation" && rows != "all")
        throw UsageError("option '--rows' must be one of validation, all, got '" + rows + "'");
    if (args.has("out") && !endsWith(args.text("out"), ".csv") &&
        !endsWith(args.text("out"), ".json"))
        throw UsageError("option '--out' must name a .csv or .json file, got '" + args.text("out") +
                         "'");
    if (args.has("pdp-out") && !args.has("pdp"))
        throw UsageError("option '--pdp-out' needs --pdp COLUMN");
    if (args.has("class") && !args.has("pdp"))
        throw UsageError("option '--class' needs --pdp COLUMN");
    std::vector<NamedPath> outputs;
    for (const char* name : {"out", "pdp-out"})
        if (args.has(name)) outputs.push_back({std::string("--") + name, args.text(name)});
    const std::string& modelPath = args.positional()[0];
    const std::string& csvPath = args.positional()[1];
    checkOutputs({{"the model file", modelPath}, {"the CSV file", csvPath}}, outputs);

    const Model model = loadModel(modelPath);
    if (!scoreFitsTask(options.score, model.task))
        throw UsageError("option '--score " + args.text("score") + "' does not fit a " +
                         std::string(taskName(model.task)) + " model");
    if (args.has("pdp")) {
        const auto columns = dependenceColumns(model);
        if (std::find(columns.begin(), columns.end(), args.text("pdp")) == columns.end())
            throw UsageError("option '--pdp': the model has no input column '" +
                             printableExcerpt(args.text("pdp")) + "'");
    }
    // Without --class a multiclass model's curve is of classes[1], as before the option.
    PartialDependenceOptions pdOptions;
    pdOptions.seed = options.seed;
    if (args.has("class")) {
        try {
            pdOptions.outputClass = dependenceClassIndex(model, args.text("class"));
        } catch (const DataError& e) {
            throw UsageError(std::string("option '--class': ") + e.what());
        }
    }
    CsvOptions csv = csvOptions(args);
    csv.header = HeaderMode::Present;  // columns are found by name
    const CsvTable table = readCsvFile(csvPath, csv);
    const ChosenRows chosen = chooseRows(model, table, rows, csvPath);

    const bool progress = ::isatty(STDERR_FILENO) != 0 && !args.has("quiet");
    const ImportanceResult result =
        permutationImportance(model, chosen.data, options, [progress](int done, int total) {
            if (progress) std::fprintf(stderr, "\rcolumn %d/%d ", done, total);
            return true;
        });
    if (progress) std::fprintf(stderr, "\n");
    printTable(result, options.repeats, chosen.how);
    if (args.has("out"))
        writeFileAtomically(args.text("out"), endsWith(args.text("out"), ".json")
                                                  ? importanceJson(result, options, chosen.how)
                                                  : importanceToCsv(result));
    if (args.has("pdp")) {
        const PartialDependence pd =
            partialDependence(model, chosen.data, args.text("pdp"), pdOptions);
        std::printf("\nPartial dependence of %s on '%s' (mean over %lld rows):\n",
                    pd.output.c_str(), printableExcerpt(pd.column).c_str(),
                    static_cast<long long>(pd.ice.rows()));
        for (std::size_t j = 0; j < pd.labels.size(); ++j) {
            char value[32];
            std::snprintf(value, sizeof value, "%.6g", pd.grid[j]);
            std::printf("  %-16s %s\n",
                        pd.categorical ? printableExcerpt(pd.labels[j]).c_str() : value,
                        fixedNumber(pd.mean(static_cast<Eigen::Index>(j))).c_str());
        }
        if (args.has("pdp-out")) {
            std::vector<std::size_t> lines;
            for (std::size_t row : pd.rows)
                lines.push_back(table.rowLine.at(chosen.data.tableRows.at(row)));
            writeFileAtomically(args.text("pdp-out"), dependenceToCsv(pd, lines));
        }
    }
    return kExitOk;
}

}  // namespace bps::cli
