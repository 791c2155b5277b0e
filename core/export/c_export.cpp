#include "core/export/c_export.h"

#include <cstdio>

#include "core/export/encoding_tables.h"

namespace bps {

namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// A C string literal. '?' is escaped because -std=c99 turns "??/" and friends into trigraphs;
// other bytes below 0x20 become 3-digit octal escapes (which cannot swallow a following digit).
std::string cString(const std::string& text) {
    std::string out = "\"";
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\\' || ch == '?') {
            out += '\\';
            out += ch;
        } else if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\%03o", c);
            out += buf;
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

// Text safe inside a /* */ comment: no "*/", no trigraphs, and control characters (line breaks,
// NUL, which GCC warns about) spelled out as text.
std::string commentText(const std::string& text) {
    std::string out;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
            continue;
        }
        if ((ch == '/' && !out.empty() && out.back() == '*') ||
            (ch == '?' && !out.empty() && out.back() == '?'))
            out += ' ';
        out += ch;
    }
    return out;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
    return out;
}

std::string vectorArray(const std::string& name, const std::string& size,
                        const Eigen::VectorXd& v) {
    std::string out = "static const double " + name + "[" + size + "] = {";
    for (Eigen::Index i = 0; i < v.size(); ++i) out += (i ? ", " : "") + number(v(i));
    return out + "};\n";
}

// Flat and row-major (one line per input), so indexing never steps past an inner array.
std::string matrixArray(const std::string& name, const Eigen::MatrixXd& m) {
    std::string out = "static const double " + name + "[" + std::to_string(m.rows()) + " * " +
                      std::to_string(m.cols()) + "] = {\n";
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        out += "    ";
        for (Eigen::Index c = 0; c < m.cols(); ++c) out += number(m(r, c)) + ",";
        out += "\n";
    }
    return out + "};\n";
}

std::string nameFunction(const std::string& function, const std::string& count,
                         const std::vector<std::string>& names) {
    if (names.empty())  // no zero-size array (-pedantic): there is no name to give
        return "static inline const char *" + function + "(int i) {\n    (void)i;\n" +
               "    return 0;\n}\n\n";
    std::string out = "static inline const char *" + function + "(int i) {\n" +
                      "    static const char *const names[" + count + "] = {";
    for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + cString(names[i]);
    return out + "};\n    return (i >= 0 && i < " + count + ") ? names[i] : 0;\n}\n\n";
}

// The statement applying a hidden or output activation to h[0..units) in place.
std::string activationLoop(Activation activation, const std::string& h, Eigen::Index units) {
    const std::string loop = "    for (i = 0; i < " + std::to_string(units) + "; ++i) ";
    switch (activation) {
        case Activation::Tanh:
            return loop + h + "[i] = tanh(" + h + "[i]);\n";
        case Activation::Sigmoid:
            return loop + h + "[i] = 1.0 / (1.0 + exp(-" + h + "[i]));\n";
        case Activation::Relu:
            return loop + h + "[i] = " + h + "[i] > 0.0 ? " + h + "[i] : 0.0;\n";
        case Activation::LeakyRelu:
            return loop + h + "[i] = " + h + "[i] > 0.0 ? " + h +
                   "[i] : " + number(kLeakyReluSlope) + " * " + h + "[i];\n";
        case Activation::Softmax:
            return "    model_softmax_(" + h + ", " + std::to_string(units) + ");\n";
        case Activation::Identity:
            return {};
    }
    return {};
}

// Which raw columns a model with preprocessing reads as numbers (num[]) and as text (cat[]).
struct CColumns {
    std::vector<std::string> numeric, text;
    std::vector<int> slot;  // per encoding column: its index in num[] or cat[]
};

CColumns cColumns(const TableEncoding& encoding) {
    CColumns c;
    for (const ColumnEncoding& column : encoding.columns) {
        auto& list = readsNumbers(column) ? c.numeric : c.text;
        c.slot.push_back(static_cast<int>(list.size()));
        list.push_back(column.name);
    }
    return c;
}

std::string intArray(const std::string& name, const std::vector<std::size_t>& values) {
    std::string out = "static const int " + name + "[" + std::to_string(values.size()) + "] = {";
    for (std::size_t i = 0; i < values.size(); ++i)
        out += (i ? ", " : "") + std::to_string(values[i]);
    return out + "};\n";
}

// The level tables, the helpers, and model_encode(num, cat, x): TableEncoding::transform() for
// one row.
std::string cEncoding(const TableEncoding& encoding) {
    const CColumns c = cColumns(encoding);
    std::string tables, body;
    std::size_t offset = 0;
    for (std::size_t j = 0; j < encoding.columns.size(); ++j) {
        const ColumnEncoding& column = encoding.columns[j];
        const std::string slot = std::to_string(c.slot[j]);
        const std::string at = std::to_string(offset);
        body += "    /* " + commentText(column.name) + " */\n";
        if (column.kind == ColumnKind::Numeric) {
            body += "    if (isnan(num[" + slot + "])) {\n        x[" + at +
                    "] = " + number(column.imputeValue) + ";\n";
            if (column.missingIndicator)
                body += "        x[" + std::to_string(offset + 1) + "] = 1.0;\n";
            body += "    } else {\n        x[" + at + "] = num[" + slot + "];\n    }\n";
            offset += column.inputCount();
            continue;
        }
        if (column.levels.empty()) continue;
        const LevelTable table = levelTable(column, encoding.missing);
        const std::string n = std::to_string(j);
        const std::string keys = std::to_string(table.keys.size());
        const std::string missing = table.missingLevel ? std::to_string(*table.missingLevel) : "-1";
        tables += "/* " + commentText(column.name) +
                  ": the values seen in training and the level each sets. */\n";
        tables += intArray("model_level_of_" + n, table.keyLevel);
        if (column.levelsAreNumbers) {
            Eigen::VectorXd values(static_cast<Eigen::Index>(table.keyNumbers.size()));
            for (std::size_t k = 0; k < table.keyNumbers.size(); ++k)
                values(static_cast<Eigen::Index>(k)) = table.keyNumbers[k];
            tables += vectorArray("model_values_" + n, keys, values);
            body += "    level = model_number_level_(num[" + slot + "], model_values_" + n +
                    ", model_level_of_" + n + ", " + keys + ", " + missing + ");\n";
        } else {
            tables += "static const char *const model_values_" + n + "[" + keys + "] = {";
            for (std::size_t k = 0; k < table.keys.size(); ++k)
                tables += (k ? ", " : "") + cString(table.keys[k]);
            tables += "};\n";
            body += "    level = model_text_level_(cat[" + slot + "], model_values_" + n +
                    ", model_level_of_" + n + ", " + keys + ", " + missing + ");\n";
        }
        body += "    if (level >= 0) x[" + at + " + level] = 1.0;\n";
        offset += column.inputCount();
    }
    std::string out = "#define N_NUMERIC " + std::to_string(c.numeric.size()) + "\n";
    out += "#define N_CATEGORICAL " + std::to_string(c.text.size()) + "\n\n";
    out += nameFunction("model_numeric_name", "N_NUMERIC", c.numeric);
    out += nameFunction("model_categorical_name", "N_CATEGORICAL", c.text);
    out += nameFunction("model_input_name", "N_FEATURES", encoding.inputNames());
    out += tables + "\n";
    out +=
        "/* A missing cell as the CSV reader knows it: NULL, or after trimming blanks, \"\", "
        "\"?\",\n"
        " * \"NA\", \"N/A\", \"NaN\", \"null\" in any case. s[0..len) is the trimmed text. */\n"
        "static inline int model_is_marker_(const char *s, size_t len) {\n"
        "    static const char *const markers[6] = {\"\", \"\\?\", \"na\", \"n/a\", \"nan\", "
        "\"null\"};\n"
        "    char lower[5];\n"
        "    size_t i;\n"
        "    int m;\n"
        "    if (len > 4) return 0;\n"
        "    for (i = 0; i < len; ++i)\n"
        "        lower[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];\n"
        "    lower[len] = '\\0';\n"
        "    for (m = 0; m < 6; ++m)\n"
        "        if (strcmp(lower, markers[m]) == 0) return 1;\n"
        "    return 0;\n"
        "}\n\n"
        "/* The level a text cell sets: `missing` for a missing cell, -1 for a value never seen. "
        "*/\n"
        "static inline int model_text_level_(const char *s, const char *const *values,\n"
        "                                    const int *level_of, int n, int missing) {\n"
        "    size_t len;\n"
        "    int k;\n"
        "    if (!s) return missing;\n"
        "    while (*s == ' ' || *s == '\\t') ++s;\n"
        "    len = strlen(s);\n"
        "    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\\t')) --len;\n"
        "    if (model_is_marker_(s, len)) return missing;\n"
        "    for (k = 0; k < n; ++k)\n"
        "        if (strlen(values[k]) == len && memcmp(values[k], s, len) == 0) return "
        "level_of[k];\n"
        "    return -1;\n"
        "}\n\n"
        "/* The level a number sets: `missing` for NaN, -1 for a value never seen. */\n"
        "static inline int model_number_level_(double v, const double *values, const int "
        "*level_of,\n"
        "                                      int n, int missing) {\n"
        "    int k;\n"
        "    if (isnan(v)) return missing;\n"
        "    for (k = 0; k < n; ++k)\n"
        "        if (v == values[k]) return level_of[k];\n"
        "    return -1;\n"
        "}\n\n";
    out +=
        "/* The network's inputs x (model_input_name) for one raw row: num[] the columns of "
        "numbers\n"
        " * (model_numeric_name; NaN for missing), cat[] the text columns "
        "(model_categorical_name;\n"
        " * NULL or a missing marker for missing). */\n"
        "static inline void model_encode(const double *num, const char *const *cat,\n"
        "                                double x[N_FEATURES]) {\n"
        "    int i, level = -1;\n"
        "    for (i = 0; i < N_FEATURES; ++i) x[i] = 0.0;\n";
    if (c.numeric.empty()) out += "    (void)num;\n";
    if (c.text.empty()) out += "    (void)cat;\n";
    out += body + "    (void)level;\n}\n\n";
    return out;
}

std::string header(const Model& model, const ExportMetadata& metadata) {
    std::string out = "/*\n * Neural network exported by Backprop Studio " +
                      commentText(metadata.appVersion) + " on " + commentText(metadata.created) +
                      ".\n * Task: " + std::string(taskName(model.task)) +
                      "; target: " + commentText(model.target) + ".\n";
    out +=
        " * Features (raw, unscaled, in this order): " + commentText(joined(model.features)) + "\n";
    if (model.task != Task::Regression)
        out += " * Classes: " + commentText(joined(model.classes)) + "\n";
    out += " * Validation metrics: " + commentText(metadata.metricsJson) + "\n *\n";
    if (model.preprocessing) {
        out +=
            " * Raw inputs: num[] the columns of numbers in model_numeric_name(i) order (NaN for "
            "a\n"
            " * missing cell), cat[] the text columns in model_categorical_name(i) order (NULL or\n"
            " * \"\", \"NA\", \"N/A\", \"NaN\", \"?\", \"null\" in any case for a missing cell; a "
            "value\n"
            " * never seen in training sets no level: all its one-hot inputs 0). Imputation,\n"
            " * missing indicators and one-hot levels are applied as in training (model_encode).\n";
        switch (model.task) {
            case Task::Binary:
                out +=
                    " * double p = model_predict(num, cat);  probability of model_class_name(1)\n"
                    " * int c = model_predict_class(num, cat);  1 when p >= MODEL_THRESHOLD\n";
                break;
            case Task::Multiclass:
                out +=
                    " * model_predict(num, cat, p);  p[c] is the probability of "
                    "model_class_name(c)\n";
                break;
            case Task::Regression:
                out += " * double y = model_predict(num, cat);\n";
                break;
        }
        return out + " * Self-contained C99 (math.h, string.h); link with -lm.\n */\n";
    }
    switch (model.task) {
        case Task::Binary:
            out += " * double p = model_predict(x);  probability of class model_class_name(1)\n";
            out += " * int c = model_predict_class(x);  1 when p >= MODEL_THRESHOLD\n";
            break;
        case Task::Multiclass:
            out += " * model_predict(x, p);  p[c] is the probability of model_class_name(c)\n";
            break;
        case Task::Regression:
            out += " * double y = model_predict(x);\n";
            break;
    }
    return out + " * Self-contained C99 (math.h); link with -lm.\n */\n";
}

}  // namespace

std::string modelToCHeader(const Model& model, const ExportMetadata& metadata) {
    const bool multiclass = model.task == Task::Multiclass;
    std::string out = header(model, metadata);
    const bool encoded = model.preprocessing.has_value();
    out +=
        "#ifndef BACKPROP_STUDIO_MODEL_H\n#define BACKPROP_STUDIO_MODEL_H\n\n#include <math.h>\n";
    out += encoded ? "#include <stddef.h>\n#include <string.h>\n\n" : "\n";
    out += "#define N_FEATURES " + std::to_string(model.inputCount()) + "\n";
    if (model.task != Task::Regression)
        out += "#define N_CLASSES " + std::to_string(model.classes.size()) + "\n";
    out += "#define MODEL_TASK_" +
           std::string(model.task == Task::Binary       ? "BINARY"
                       : model.task == Task::Multiclass ? "MULTICLASS"
                                                        : "REGRESSION") +
           " 1\n";
    // The model's decision threshold, which model_predict_class applies.
    if (model.task == Task::Binary)
        out += "#define MODEL_THRESHOLD " + number(model.threshold) + "\n";
    out += "\n";

    out += vectorArray("model_scaler_mean", "N_FEATURES", model.scaler.mean);
    out += vectorArray("model_scaler_std", "N_FEATURES", model.scaler.std);
    for (std::size_t l = 0; l < model.layers.size(); ++l) {
        const DenseLayer& layer = model.layers[l];
        const std::string n = std::to_string(l + 1);
        out += "\n/* Layer " + n + ": " + std::to_string(layer.weights.rows()) + " inputs -> " +
               std::to_string(layer.weights.cols()) + " units, " +
               std::string(activationName(layer.activation)) + ". */\n";
        out += matrixArray("model_w" + n, layer.weights);
        out += vectorArray("model_b" + n, std::to_string(layer.bias.size()), layer.bias);
    }
    out += "\n";
    if (encoded)
        out += cEncoding(*model.preprocessing);
    else
        out += nameFunction("model_feature_name", "N_FEATURES", model.features);
    if (model.task != Task::Regression)
        out += nameFunction("model_class_name", "N_CLASSES", model.classes);

    // Sum first, then add the bias: the order bps::Model::predict uses.
    out +=
        "/* y = x . w + b for one row; w is (n_in, n_out), row-major. */\n"
        "static inline void model_dense_(int n_in, int n_out, const double *w, const double *b,\n"
        "                                const double *x, double *y) {\n"
        "    int i, j;\n"
        "    for (j = 0; j < n_out; ++j) y[j] = 0.0;\n"
        "    for (i = 0; i < n_in; ++i)\n"
        "        for (j = 0; j < n_out; ++j) y[j] += x[i] * w[i * n_out + j];\n"
        "    for (j = 0; j < n_out; ++j) y[j] += b[j];\n"
        "}\n\n";
    if (multiclass)
        out +=
            "static inline void model_softmax_(double *z, int n) {\n"
            "    double top = z[0], sum = 0.0;\n"
            "    int i;\n"
            "    for (i = 1; i < n; ++i)\n"
            "        if (z[i] > top) top = z[i];\n"
            "    for (i = 0; i < n; ++i) {\n"
            "        z[i] = exp(z[i] - top);\n"
            "        sum += z[i];\n"
            "    }\n"
            "    for (i = 0; i < n; ++i) z[i] /= sum;\n"
            "}\n\n";

    if (encoded)
        out += multiclass ? "static inline void model_predict(const double *num, const char *const "
                            "*cat,\n                                 double out[N_CLASSES]) {\n"
                          : "static inline double model_predict(const double *num, const char "
                            "*const *cat) {\n";
    else
        out += multiclass ? "static inline void model_predict(const double x[N_FEATURES], double "
                            "out[N_CLASSES]) {\n"
                          : "static inline double model_predict(const double x[N_FEATURES]) {\n";
    out += "    double h0[N_FEATURES];\n";
    if (encoded) out += "    double x[N_FEATURES];\n";
    const std::size_t count = model.layers.size();
    for (std::size_t l = 0; l + (multiclass ? 1 : 0) < count; ++l)
        out += "    double h" + std::to_string(l + 1) + "[" +
               std::to_string(model.layers[l].weights.cols()) + "];\n";
    out += "    int i;\n";
    if (encoded) out += "    model_encode(num, cat, x);\n";
    out +=
        "    for (i = 0; i < N_FEATURES; ++i) h0[i] = (x[i] - model_scaler_mean[i]) / "
        "model_scaler_std[i];\n";
    for (std::size_t l = 0; l < count; ++l) {
        const DenseLayer& layer = model.layers[l];
        const std::string n = std::to_string(l + 1);
        // Not "h" + std::to_string(l): GCC 12 reports a false -Wrestrict for that.
        const std::string in = std::string("h").append(std::to_string(l));
        const std::string h = (multiclass && l + 1 == count) ? "out" : "h" + n;
        out.append("    model_dense_(")
            .append(std::to_string(layer.weights.rows()))
            .append(", ")
            .append(std::to_string(layer.weights.cols()))
            .append(", model_w")
            .append(n)
            .append(", model_b")
            .append(n)
            .append(", ")
            .append(in)
            .append(", ")
            .append(h)
            .append(");\n");
        out += activationLoop(layer.activation, h, layer.weights.cols());
    }
    if (!multiclass) out += "    return h" + std::to_string(count) + "[0];\n";
    out += "}\n\n";
    if (model.task == Task::Binary)
        out += encoded
                   ? "/* The predicted class index: 1 (model_class_name(1)) when model_predict >= "
                     "MODEL_THRESHOLD. */\n"
                     "static inline int model_predict_class(const double *num, const char "
                     "*const *cat) {\n"
                     "    return model_predict(num, cat) >= MODEL_THRESHOLD ? 1 : 0;\n}\n\n"
                   : "/* The predicted class index: 1 (model_class_name(1)) when model_predict >= "
                     "MODEL_THRESHOLD. */\n"
                     "static inline int model_predict_class(const double x[N_FEATURES]) {\n"
                     "    return model_predict(x) >= MODEL_THRESHOLD ? 1 : 0;\n}\n\n";
    out += "#endif /* BACKPROP_STUDIO_MODEL_H */\n";
    return out;
}

}  // namespace bps
