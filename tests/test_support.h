#pragma once
// Small helpers shared by the core tests: seeded random data sets and tables.

#include <QString>
#include <QtTest>
#include <cmath>
#include <string>

#include "core/base/random.h"
#include "core/csv/csv_reader.h"
#include "core/data/dataset.h"

namespace bps::test {

// A data set of `rows` rows and `features` standard-normal features; the target depends on
// the features so that training has something to learn.
inline Dataset syntheticDataset(Task task, int rows, int features, int classes,
                                std::uint64_t seed) {
    Rng rng(seed);
    Dataset d;
    d.task = task;
    d.target = "y";
    d.x.resize(rows, features);
    d.y.resize(rows);
    for (int j = 0; j < features; ++j) d.features.push_back("x" + std::to_string(j + 1));
    if (task == Task::Binary) d.classes = {"0", "1"};
    if (task == Task::Multiclass)
        for (int c = 0; c < classes; ++c) d.classes.push_back("c" + std::to_string(c));
    for (int r = 0; r < rows; ++r) {
        double s = 0;
        for (int j = 0; j < features; ++j) {
            d.x(r, j) = rng.normal();
            s += d.x(r, j) * (j % 2 ? -1.0 : 1.0) / (j + 1);
        }
        if (task == Task::Binary) d.y(r) = s + 0.3 * rng.normal() > 0.4 ? 1 : 0;
        if (task == Task::Multiclass) {
            // Class by which of `classes` equal slices of the angle of (x1, x2) the row is in.
            const double angle = std::atan2(d.x(r, 1), d.x(r, 0)) + M_PI;
            d.y(r) = std::min(classes - 1, static_cast<int>(angle / (2 * M_PI) * classes));
        }
        if (task == Task::Regression) d.y(r) = 50 + 10 * (s + 0.5 * s * s) + 0.1 * rng.normal();
    }
    return d;
}

inline CsvTable tableFromText(const std::string& text) { return readCsvText(text, "test.csv"); }

}  // namespace bps::test
