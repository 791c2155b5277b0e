#pragma once
// What the explain tests (tst_permutation_importance, tst_partial_dependence) share: a generated
// table whose target depends on x1 strongly, a colour weakly and x2 not at all, and models over
// it whose output is known exactly.

#include <Eigen/Dense>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/base/random.h"
#include "core/csv/csv_reader.h"
#include "core/data/column_encoding.h"
#include "core/explain/permutation_importance.h"
#include "core/model/model.h"

namespace bps::test {

inline const char* const kColours[] = {"red", "green", "blue"};

// y = x1 + 0.5 [colour = green] + a little noise; x2 is noise the target ignores.
inline std::string generatedCsv(int rows, std::uint64_t seed) {
    Rng rng(seed);
    std::ostringstream out;
    out.precision(17);
    out << "x1,x2,colour,y\n";
    for (int r = 0; r < rows; ++r) {
        const double x1 = 4 * rng.uniform() - 2, x2 = 4 * rng.uniform() - 2;
        const int c = static_cast<int>(rng.below(3));
        out << x1 << ',' << x2 << ',' << kColours[c] << ','
            << x1 + (c == 1 ? 0.5 : 0.0) + 0.05 * rng.normal() << '\n';
    }
    return out.str();
}

// A regression model without hidden layers over the encoded inputs of `table`'s x1, colour:
// output = w . inputs + b (scaler mean 0, std 1), so each input's part is known exactly.
inline Model linearModel(const CsvTable& table, const Eigen::VectorXd& weights, double bias) {
    Model m;
    m.task = Task::Regression;
    m.target = "y";
    m.features = {"x1", "colour"};
    std::vector<std::size_t> rows(table.rows);
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
    m.preprocessing = fitEncoding(
        table, {{"x1", ColumnKind::Numeric}, {"colour", ColumnKind::Categorical}}, rows);
    const int inputs = m.inputCount();
    m.scaler.mean = Eigen::VectorXd::Zero(inputs);
    m.scaler.std = Eigen::VectorXd::Ones(inputs);
    DenseLayer out;
    out.weights = weights;
    out.bias = Eigen::VectorXd::Constant(1, bias);
    out.activation = Activation::Identity;
    m.layers = {out};
    return m;
}

// tanh units fed by x1 with positive weights, summed with positive weights: increasing in x1
// for every row, whatever its colour.
inline Model monotoneModel(const CsvTable& table) {
    Model m = linearModel(table, Eigen::VectorXd::Zero(2), 0.3);
    DenseLayer hidden;
    hidden.weights.resize(4, 2);
    hidden.weights << 1.5, 0.4, -0.7, 0.2, 0.3, -1.1, 0.9, 0.5;
    hidden.bias = Eigen::Vector2d(0.1, -0.2);
    hidden.activation = Activation::Tanh;
    m.layers.insert(m.layers.begin(), hidden);
    m.layers[1].weights << 2, 1;
    return m;
}

// The importance of the raw column `name`; throws if the result has none.
inline const ColumnImportance& columnNamed(const ImportanceResult& r, const std::string& name) {
    for (const auto& c : r.columns)
        if (c.column == name) return c;
    throw std::runtime_error("no column " + name);
}

}  // namespace bps::test
