// `backprop-studio predict MODEL.json FILE.csv [--out predictions.csv] [--threshold T]`

#include <iostream>

#include "app/cli.h"
#include "app/cli_outputs.h"
#include "core/base/errors.h"
#include "core/csv/csv_cell.h"
#include "core/csv/csv_reader.h"
#include "core/data/dataset.h"
#include "core/io/csv_writer.h"
#include "core/io/model_file.h"

namespace bps::cli {

namespace {

// A prediction that is not a number must never be written as if it were one: the whole command
// fails, naming the rows (their line numbers in the file) so the user can look at them.
void refuseNonFinite(const Eigen::MatrixXd& outputs, const CsvTable& table,
                     const std::vector<std::size_t>& rows, const std::string& file) {
    std::vector<Eigen::Index> bad;
    for (Eigen::Index i = 0; i < outputs.rows(); ++i)
        if (!outputs.row(i).allFinite()) bad.push_back(i);
    if (bad.empty()) return;
    std::string lines;
    for (std::size_t k = 0; k < std::min<std::size_t>(bad.size(), 5); ++k)
        lines += (k ? ", " : "") +
                 std::to_string(table.rowLine.at(rows.at(static_cast<std::size_t>(bad[k]))));
    if (bad.size() > 5) lines += ", ...";
    throw DataError(file + ": the model's output is not a finite number on " +
                    std::to_string(bad.size()) + " of " + std::to_string(outputs.rows()) +
                    " rows (lines " + lines +
                    "): its weights overflow on these inputs; no predictions were written");
}

// What the stored encoding met in the file, per column: always said (warnings survive --quiet).
void warnAboutEncoding(const Model& model, const EncodedTable& encoded, const CsvTable& table,
                       const std::string& file) {
    if (!model.preprocessing) return;
    const TableEncoding& encoding = *model.preprocessing;
    for (std::size_t j = 0; j < encoding.columns.size(); ++j) {
        const ColumnEncoding& c = encoding.columns[j];
        const ColumnTransformCounts& n = encoded.counts[j];
        const bool missingHasLevel = encoding.missing == MissingPolicy::Category
                                         ? c.missingLevel.has_value()
                                         : c.imputeLevel.has_value();
        if (c.kind == ColumnKind::Categorical && n.unknown > 0)
            std::cerr << "warning: " << file << ": column '" << printableExcerpt(c.name)
                      << "': " << n.unknown << (n.unknown == 1 ? " row has" : " rows have")
                      << (n.missing > 0 && !missingHasLevel
                              ? " a level the model never saw in training, or a missing cell "
                                "with no level to take"
                              : " a level the model never saw in training")
                      << ": encoded as all zeros\n";
        if (n.missing > 0 && encoding.missing != MissingPolicy::Drop)
            std::cerr << "warning: " << file << ": column '" << printableExcerpt(c.name)
                      << "': " << n.missing << " missing " << (n.missing == 1 ? "cell" : "cells")
                      << (c.kind == ColumnKind::Numeric
                              ? " imputed with " + formatNumber(c.imputeValue)
                          : encoding.missing == MissingPolicy::Category && c.missingLevel
                              ? std::string(" given the level 'missing'")
                          : c.imputeLevel
                              ? " imputed with '" + printableExcerpt(c.levels[*c.imputeLevel]) + "'"
                              : std::string(" encoded as all zeros"))
                      << "\n";
    }
    if (encoded.droppedRows > 0)
        std::cerr << "warning: " << file << ": " << encoded.droppedRows << " of " << table.rows
                  << " rows could not be predicted (a missing cell, and the model was trained "
                     "with --missing drop): their output lines read NA\n";
}

// The predictions of the rows the encoding kept, with a line of NA for each row it left out,
// so that output line k is still input row k.
std::string withUnpredictedRows(const std::string& csv, const Model& model,
                                const std::vector<std::size_t>& rows, std::size_t tableRows) {
    if (rows.size() == tableRows) return csv;
    const std::size_t fields = model.task == Task::Multiclass ? model.classes.size() + 1
                               : model.task == Task::Binary   ? 2
                                                              : 1;
    std::string na = "NA";
    for (std::size_t f = 1; f < fields; ++f) na += ",NA";
    std::size_t at = csv.find('\n') + 1;
    std::string out = csv.substr(0, at);
    std::size_t next = 0;
    for (std::size_t r = 0; r < tableRows; ++r) {
        if (next < rows.size() && rows[next] == r) {
            const std::size_t end = csv.find('\n', at) + 1;
            out += csv.substr(at, end - at);
            at = end;
            ++next;
        } else {
            out += na + "\n";
        }
    }
    return out;
}

}  // namespace

int runPredict(const std::vector<std::string>& argList) {
    const ParsedArgs args(argList, {{"out"}, {"delimiter"}, {"threshold"}});
    if (args.positional().size() != 2) throw UsageError("expected MODEL.json and FILE.csv");
    if (args.has("out"))
        checkOutputs(
            {{"the model file", args.positional()[0]}, {"the CSV file", args.positional()[1]}},
            {{"--out", args.text("out")}});
    Model model = loadModel(args.positional()[0]);
    // The model's own threshold unless this run asks for another.
    if (args.has("threshold")) {
        if (model.task != Task::Binary)
            throw UsageError("--threshold applies to a binary model only");
        const double t = args.number("threshold", model.threshold);
        if (!(t > 0 && t < 1)) throw UsageError("--threshold: expected a number between 0 and 1");
        model.threshold = t;
    }
    // The file has to have a header: the model's features are found by name.
    CsvOptions options = csvOptions(args);
    options.header = HeaderMode::Present;
    const CsvTable table = readCsvFile(args.positional()[1], options);
    EncodedTable encoded;
    const Eigen::MatrixXd outputs = model.predictTable(table, &encoded);
    warnAboutEncoding(model, encoded, table, args.positional()[1]);
    refuseNonFinite(outputs, table, encoded.rows, args.positional()[1]);
    const std::string csv =
        withUnpredictedRows(predictionsToCsv(model, outputs), model, encoded.rows, table.rows);
    if (args.has("out"))
        writeFileAtomically(args.text("out"), csv);
    else
        std::cout << csv;
    return kExitOk;
}

}  // namespace bps::cli
