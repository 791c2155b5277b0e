// libFuzzer target: any bytes through the CSV reader and, when it reads them, the data set that
// `train` and the GUI would build. Only a DataError may come out, its message one line, and the
// table must be consistent. Anything else (a crash, a sanitizer report, an abort here) is a bug.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/csv/csv_reader.h"
#include "core/data/dataset.h"
#include "core/base/errors.h"

namespace {

void checkMessage(const char* message) {
    for (const char* p = message; *p; ++p)
        if (*p == '\n' || *p == '\r') std::abort();  // an error must be one line
}

void checkTable(const bps::CsvTable& table) {
    if (table.rows == 0 || table.columns.empty() || table.rowLine.size() != table.rows) std::abort();
    for (const bps::CsvColumn& c : table.columns) {
        if ((c.numeric ? c.numbers.size() : c.codes.size()) != table.rows) std::abort();
        for (const std::int32_t code : c.codes)
            if (code < -1 || code >= static_cast<std::int32_t>(c.levels.size())) std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    bps::CsvTable table;
    try {
        table = bps::readCsvText(text, "fuzz.csv");
    } catch (const bps::DataError& e) {
        checkMessage(e.what());
        return 0;
    }
    checkTable(table);
    try {
        const bps::Dataset dataset = bps::prepareDataset(table, {});
        if (dataset.rows() == 0 || dataset.featureCount() == 0) std::abort();
        // What `predict` does with the same file: the features by name.
        (void)bps::featureMatrix(table, dataset.features);
    } catch (const bps::DataError& e) {
        checkMessage(e.what());
    }
    return 0;
}
