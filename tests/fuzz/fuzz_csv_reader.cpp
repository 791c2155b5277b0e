// libFuzzer target: any bytes through the CSV reader, with the delimiter detected and forced to
// whitespace, and, when it reads them, the data set that `train` and the GUI would build and the
// column kinds and encoding. Only a DataError may come out, its message one line, and the table
// and the encoded matrix must be consistent. Anything else (a crash, a sanitizer report, an
// abort here) is a bug.

#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "core/base/errors.h"
#include "core/csv/csv_delimiter.h"
#include "core/csv/csv_reader.h"
#include "core/data/column_encoding.h"
#include "core/data/column_kinds.h"
#include "core/data/dataset.h"

namespace {

void checkMessage(const char* message) {
    for (const char* p = message; *p; ++p)
        if (*p == '\n' || *p == '\r') std::abort();  // an error must be one line
}

void checkTable(const bps::CsvTable& table) {
    if (table.rows == 0 || table.columns.empty() || table.rowLine.size() != table.rows)
        std::abort();
    for (const bps::CsvColumn& c : table.columns) {
        if ((c.numeric ? c.numbers.size() : c.codes.size()) != table.rows) std::abort();
        for (const std::int32_t code : c.codes)
            if (code < -1 || code >= static_cast<std::int32_t>(c.levels.size())) std::abort();
    }
}

// Every numeric and categorical column encoded, fitted on every other row: the matrix has a
// row per table row, a column per named input, and only finite values.
void checkEncoding(const bps::CsvTable& table) {
    std::vector<bps::InputColumn> inputs;
    for (const bps::ColumnKindInfo& info : bps::inferColumnKinds(table))
        if (info.kind == bps::ColumnKind::Numeric || info.kind == bps::ColumnKind::Categorical)
            inputs.push_back({info.name, info.kind});
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < table.rows; r += 2) rows.push_back(r);
    const bps::TableEncoding encoding = bps::fitEncoding(table, inputs, rows);
    const bps::EncodedTable out = encoding.transform(table);
    if (out.x.rows() != static_cast<Eigen::Index>(table.rows) ||
        out.x.cols() != static_cast<Eigen::Index>(encoding.inputNames().size()))
        std::abort();
    if (!out.x.allFinite()) std::abort();
}

void checkText(std::string_view text, const bps::CsvOptions& options) {
    bps::CsvTable table;
    try {
        table = bps::readCsvText(text, "fuzz.csv", options);
    } catch (const bps::DataError& e) {
        checkMessage(e.what());
        return;
    }
    checkTable(table);
    checkMessage(bps::singleColumnHint(table).c_str());
    try {
        const bps::Dataset dataset = bps::prepareDataset(table, {});
        if (dataset.rows() == 0 || dataset.featureCount() == 0) std::abort();
        // What `predict` does with the same file: the features by name, through the encoding
        // when there is one (with the date parts derived from the raw columns again).
        if (dataset.encoded()) {
            bps::TableEncoding encoding = *dataset.allRowsEncoding;
            encoding.dates = dataset.dates;
            (void)encoding.transform(table);
        } else {
            (void)bps::featureMatrix(table, dataset.features);
        }
    } catch (const bps::DataError& e) {
        checkMessage(e.what());
    }
    try {
        checkEncoding(table);
    } catch (const bps::DataError& e) {  // none expected: the inputs are the table's own columns
        checkMessage(e.what());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    checkText(text, {});
    bps::CsvOptions whitespace;
    whitespace.delimiter = bps::kWhitespaceDelimiter;
    checkText(text, whitespace);
    return 0;
}
