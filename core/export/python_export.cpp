#include "core/export/python_export.h"

#include <charconv>
#include <cstdio>

#include "core/export/encoding_tables.h"

namespace bps {

namespace {

// Python's repr of a float: the shortest text that reads back to the same double.
std::string number(double v) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    std::string text(buf, end);
    if (text.find_first_of(".e") == std::string::npos) text += ".0";
    return text;
}

// A double-quoted Python string literal; UTF-8 text stays readable as is.
std::string pyString(const std::string& text) {
    std::string out = "\"";
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

// Text for the module docstring: no escape sequences, never two unescaped quotes in a row (so it
// cannot contain the closing """), and control characters spelled out as text: a NUL byte
// in Python source makes the module impossible to import.
std::string docText(const std::string& text) {
    std::string out;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\\\x%02x", c);  // the docstring shows \x00
            out += buf;
            continue;
        }
        if (ch == '\\' || (ch == '"' && !out.empty() && out.back() == '"')) out += '\\';
        out += ch;
    }
    return out;
}

std::string stringList(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + pyString(items[i]);
    return out + "]";
}

std::string vectorList(const Eigen::VectorXd& v) {
    std::string out = "[";
    for (Eigen::Index i = 0; i < v.size(); ++i) out += (i ? ", " : "") + number(v(i));
    return out + "]";
}

// One weights row (one input) per line.
std::string matrixList(const Eigen::MatrixXd& m, const std::string& indent) {
    std::string out = "[\n";
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        out += indent + "    " + vectorList(m.row(r).transpose()) + ",\n";
    return out + indent + "]";
}

std::string docstring(const Model& model, const ExportMetadata& metadata) {
    auto joined = [](const std::vector<std::string>& items) {
        std::string out;
        for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
        return out;
    };
    std::string out = "\"\"\"Neural network exported by Backprop Studio " +
                      docText(metadata.appVersion) + " on " + docText(metadata.created) +
                      ".\n\nTask: " + std::string(taskName(model.task)) +
                      "; target: " + docText(model.target) +
                      (model.preprocessing ? ".\nRaw columns (the values of each row in "
                                             "this order): "
                                           : ".\nFeatures (raw, unscaled; the columns of X in "
                                             "this order): ") +
                      docText(joined(model.features)) + ".\n";
    if (model.preprocessing)
        out +=
            "X: a 2-D sequence of raw rows (numbers, text; None, NaN or a missing marker such as "
            "'' or 'NA'\nfor a missing cell), a dict of columns, or a pandas DataFrame. Missing "
            "cells are imputed,\ntext levels one-hot encoded (COLUMNS); a level never seen in "
            "training sets no input.\nencode(X) gives the network's inputs (INPUTS).\n";
    if (model.task != Task::Regression) out += "Classes: " + docText(joined(model.classes)) + ".\n";
    out += "Validation metrics: " + docText(metadata.metricsJson) +
           "\n\nUsage (needs only numpy):\n\n";
    if (model.task == Task::Regression)
        out += "    predict(X)        # (n,) predicted values\n";
    else
        out +=
            "    predict_proba(X)  # (n, len(CLASSES)): column c is P(CLASSES[c])\n"
            "    predict(X)        # (n,) class labels from CLASSES\n";
    return out + "\"\"\"\n";
}

std::string pyIndex(const std::optional<std::size_t>& index) {
    return index ? std::to_string(*index) : "None";
}

// FEATURES' encoding: one dict per raw column, and the inputs it becomes.
std::string preprocessingTables(const TableEncoding& encoding) {
    std::string out = "\n# The encoded network inputs, and how each raw column becomes them.\n";
    out += "INPUTS = " + stringList(encoding.inputNames()) + "\n";
    out += "MISSING_MARKERS = {\"\", \"?\", \"na\", \"n/a\", \"nan\", \"null\"}  # any case\n";
    out += "COLUMNS = [\n";
    for (const ColumnEncoding& column : encoding.columns) {
        out += "    {\"name\": " + pyString(column.name);
        if (column.kind == ColumnKind::Numeric) {
            out += ", \"kind\": \"numeric\", \"impute\": " + number(column.imputeValue) +
                   ", \"indicator\": " + (column.missingIndicator ? "True" : "False") + "},\n";
            continue;
        }
        const LevelTable table = levelTable(column, encoding.missing);
        out += ", \"kind\": \"categorical\", \"numbers\": ";
        out += column.levelsAreNumbers ? "True" : "False";
        out += ",\n     \"levels\": " + stringList(column.levels) + ",\n     \"lookup\": {";
        for (std::size_t k = 0; k < table.keys.size(); ++k)
            out +=
                (k ? ", " : "") +
                (column.levelsAreNumbers ? number(table.keyNumbers[k]) : pyString(table.keys[k])) +
                ": " + std::to_string(table.keyLevel[k]);
        out += "},\n     \"missing\": " + pyIndex(table.missingLevel) + "},\n";
    }
    return out + "]\n";
}

const char* kFunctions = R"PY(

def _activate(z, name):
    if name == "tanh":
        return np.tanh(z)
    if name == "sigmoid":
        # exp(-z) overflows to inf for very negative z, and 1 / (1 + inf) is the right 0.
        with np.errstate(over="ignore"):
            return 1.0 / (1.0 + np.exp(-z))
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0.0, z, LEAKY_RELU_SLOPE * z)
    if name == "softmax":
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    return z

)PY";

const char* kForwardNumeric = R"PY(

def _forward(X):
    if hasattr(X, "columns"):  # a pandas DataFrame: pick the features by name
        X = X[FEATURES]
    X = np.asarray(X, dtype=np.float64)
    if X.ndim == 1:
        X = X.reshape(1, -1)
    if X.ndim != 2 or X.shape[1] != len(FEATURES):
        raise ValueError("expected rows of %d features (%s), got shape %s"
                         % (len(FEATURES), ", ".join(FEATURES), X.shape))
    a = (X - SCALER_MEAN) / SCALER_STD
    for W, b, activation in LAYERS:
        a = _activate(a @ W + b, activation)
    return a
)PY";

// Raw rows -> the network's inputs, as Backprop Studio's TableEncoding::transform does.
const char* kForwardEncoded = R"PY(

def _is_missing(value):
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().lower() in MISSING_MARKERS
    try:
        return bool(np.isnan(value))
    except TypeError:
        return False


def _raw_columns(rows):
    """The raw values of each column of FEATURES, as lists of equal length."""
    if hasattr(rows, "columns") and hasattr(rows, "iloc"):  # a pandas DataFrame
        rows = {name: rows[name].tolist() for name in FEATURES if name in rows.columns}
    if isinstance(rows, collections.abc.Mapping):
        absent = [name for name in FEATURES if name not in rows]
        if absent:
            raise ValueError("missing columns: " + ", ".join(absent))
        columns = [list(rows[name]) for name in FEATURES]
        if any(len(c) != len(columns[0]) for c in columns):
            raise ValueError("columns of different lengths")
        return columns
    rows = [list(row) for row in rows]
    for row in rows:
        if len(row) != len(FEATURES):
            raise ValueError("expected rows of %d values (%s), got %d"
                             % (len(FEATURES), ", ".join(FEATURES), len(row)))
    return [[row[j] for row in rows] for j in range(len(FEATURES))]


def encode(rows):
    """The network's inputs (n, len(INPUTS)) for raw rows: imputed, indicated, one-hot."""
    columns = _raw_columns(rows)
    n = len(columns[0]) if columns else 0
    X = np.zeros((n, len(INPUTS)), dtype=np.float64)
    offset = 0
    for spec, values in zip(COLUMNS, columns):
        if spec["kind"] == "numeric":
            for i, value in enumerate(values):
                if _is_missing(value):
                    X[i, offset] = spec["impute"]
                    if spec["indicator"]:
                        X[i, offset + 1] = 1.0
                else:
                    try:
                        X[i, offset] = float(value)
                    except (TypeError, ValueError):
                        raise ValueError("column %r, row %d: expected a number, found %r"
                                         % (spec["name"], i, value)) from None
            offset += 2 if spec["indicator"] else 1
            continue
        lookup = spec["lookup"]
        for i, value in enumerate(values):
            if _is_missing(value):
                level = spec["missing"]
            elif spec["numbers"]:
                try:
                    level = lookup.get(float(value) + 0.0)
                except (TypeError, ValueError):
                    level = None  # not a number: a level never seen
            else:
                level = lookup.get(str(value).strip())
            if level is not None:
                X[i, offset + level] = 1.0
        offset += len(spec["levels"])
    return X


def _forward(rows):
    a = (encode(rows) - SCALER_MEAN) / SCALER_STD
    for W, b, activation in LAYERS:
        a = _activate(a @ W + b, activation)
    return a
)PY";

const char* kClassification = R"PY(

def predict_proba(X):
    """Probabilities (n, len(CLASSES)); column c is the probability of CLASSES[c]."""
    p = _forward(X)
    if TASK == "binary":
        return np.hstack([1.0 - p, p])
    return p


def predict(X):
    """The predicted class label of each row (binary: CLASSES[1] when P(CLASSES[1]) >= THRESHOLD,
    the model's decision threshold; multiclass: the most probable class)."""
    p = _forward(X)
    if TASK == "binary":
        index = (p[:, 0] >= THRESHOLD).astype(int)
    else:
        index = p.argmax(axis=1)
    return np.array(CLASSES)[index]
)PY";

const char* kRegression = R"PY(

def predict(X):
    """The predicted value of each row, shape (n,)."""
    return _forward(X)[:, 0]
)PY";

}  // namespace

std::string modelToPython(const Model& model, const ExportMetadata& metadata) {
    std::string out = docstring(model, metadata);
    out += model.preprocessing ? "\nimport collections.abc\nimport json\n\nimport numpy as np\n\n"
                               : "\nimport json\n\nimport numpy as np\n\n";
    out += "APP_VERSION = " + pyString(metadata.appVersion) + "\n";
    out += "CREATED = " + pyString(metadata.created) + "\n";
    out += "TASK = " + pyString(std::string(taskName(model.task))) + "\n";
    out += "TARGET = " + pyString(model.target) + "\n";
    out += "FEATURES = " + stringList(model.features) + "\n";
    out += "CLASSES = " + stringList(model.classes) + "\n";
    out += "METRICS = json.loads(" + pyString(metadata.metricsJson) + ")\n";
    // predict()'s decision threshold, the model's (binary only).
    if (model.task == Task::Binary) out += "THRESHOLD = " + number(model.threshold) + "\n";
    out += "LEAKY_RELU_SLOPE = " + number(kLeakyReluSlope) + "\n\n";
    out += "SCALER_MEAN = np.array(" + vectorList(model.scaler.mean) + ", dtype=np.float64)\n";
    out += "SCALER_STD = np.array(" + vectorList(model.scaler.std) + ", dtype=np.float64)\n\n";
    out +=
        "# One (W (inputs, units), b (units,), activation) per layer: a = activation(a @ W + b).\n";
    out += "LAYERS = [\n";
    for (const DenseLayer& layer : model.layers) {
        out += "    (\n        np.array(" + matrixList(layer.weights, "        ") +
               ", dtype=np.float64),\n";
        out += "        np.array(" + vectorList(layer.bias) + ", dtype=np.float64),\n";
        out += "        " + pyString(std::string(activationName(layer.activation))) + ",\n    ),\n";
    }
    out += "]\n";
    if (model.preprocessing) out += preprocessingTables(*model.preprocessing);
    out += kFunctions;
    out += model.preprocessing ? kForwardEncoded : kForwardNumeric;
    out += model.task == Task::Regression ? kRegression : kClassification;
    return out;
}

}  // namespace bps
