// libFuzzer target: any bytes as a model file, and as a project file (which embeds one). Only a
// DataError may come out; a model that loads must predict, and write itself back as a file that
// loads again with the same predictions; a project that loads must write and load again.

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/base/errors.h"
#include "core/io/model_file.h"
#include "core/io/project_file.h"

namespace {
void checkOneLine(const bps::DataError& e) {
    for (const char* p = e.what(); *p; ++p)
        if (*p == '\n' || *p == '\r') std::abort();  // an error must be one line
}

void fuzzProject(const std::string& text) {
    bps::Project project;
    try {
        project = bps::projectFromJson(text, "fuzz.bps");
    } catch (const bps::DataError& e) {
        checkOneLine(e);
        return;
    }
    try {
        const bps::Project again = bps::projectFromJson(bps::projectToJson(project), "again.bps");
        if (again.runs != project.runs || again.dataSha256 != project.dataSha256) std::abort();
        if (again.sweep.has_value() != project.sweep.has_value()) std::abort();
        if (project.sweep &&
            again.sweep->saved.result.trials.size() != project.sweep->saved.result.trials.size())
            std::abort();
    } catch (const bps::DataError&) {
        std::abort();  // what we wrote, we must read
    }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    fuzzProject(text);
    bps::Model model;
    try {
        model = bps::modelFromJson(text, "fuzz.json");
    } catch (const bps::DataError& e) {
        checkOneLine(e);
        return 0;
    }
    if (!model.validate().empty()) std::abort();  // modelFromJson returned an invalid model
    const bps::RowMatrix x = bps::RowMatrix::Zero(2, model.inputCount());
    const Eigen::MatrixXd before = model.predict(x);
    try {
        const bps::Model again = bps::modelFromJson(bps::modelToJson(model), "again.json");
        const Eigen::MatrixXd after = again.predict(x);
        // Bit for bit, NaN included (an overflowing layer may produce one).
        if (before.rows() != after.rows() || before.cols() != after.cols()) std::abort();
        for (Eigen::Index i = 0; i < before.size(); ++i)
            if (before(i) != after(i) && !(std::isnan(before(i)) && std::isnan(after(i))))
                std::abort();
    } catch (const bps::DataError&) {
        std::abort();  // what we wrote, we must read
    }
    return 0;
}
