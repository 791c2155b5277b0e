#!/usr/bin/python3
"""Predicts raw CSV rows with an exported model that carries its preprocessing, as a user would.

usage: consume_encoded.py FORMAT EXPORTED_FILE ROWS_CSV OUT_CSV

FORMAT is python (the module's predict_proba / predict, called with a list of raw rows, with a
dict of columns holding None, NaN and numbers, and with a pandas DataFrame when pandas is
installed; all must agree) or npz (the archive's preprocessing arrays applied in numpy as its
README entry says). OUT_CSV: out0,out1,... (binary: P(classes[1]); multiclass: one probability
per class; regression: the value), one line per row of ROWS_CSV.
"""

import csv
import importlib.util
import math
import sys

import numpy as np


def fail(message):
    sys.exit("check failed: " + message)


def expect(condition, message):
    if not condition:
        fail(message)


def read_table(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def activate(z, name):
    if name == "tanh":
        return np.tanh(z)
    if name == "sigmoid":
        with np.errstate(over="ignore"):
            return 1.0 / (1.0 + np.exp(-z))
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0.0, z, 0.01 * z)
    if name == "softmax":
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    expect(name == "identity", "unknown activation " + repr(name))
    return z


def from_python(path, table):
    spec = importlib.util.spec_from_file_location("exported_model", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    features = module.FEATURES
    markers = module.MISSING_MARKERS
    rows = [[row[name] for name in features] for row in table]  # raw text, as in the file

    def typed(name, cell):
        # The dict form: None or NaN for a missing cell, numbers for a numeric column.
        if cell.strip().lower() in markers:
            return None if len(cell) % 2 == 0 else math.nan
        column = next(c for c in module.COLUMNS if c["name"] == name)
        if column["kind"] == "numeric" or column.get("numbers"):
            return float(cell)
        return cell

    columns = {name: [typed(name, row[name]) for row in table] for name in features}
    if module.TASK == "regression":
        expect(not hasattr(module, "predict_proba"), "a regression model has predict_proba")
        calls = [lambda x: module.predict(x)[:, None]]
    else:
        calls = [module.predict_proba]
    results = [call(rows) for call in calls] + [call(columns) for call in calls]
    try:
        import pandas
    except ImportError:
        pandas = None
    if pandas is not None:
        results += [call(pandas.DataFrame(columns)) for call in calls]
    for r in results[1:]:
        expect(np.array_equal(r, results[0]), "rows, columns and DataFrame predictions differ")
    out = results[0]
    if module.TASK != "regression":
        expect(out.shape == (len(rows), len(module.CLASSES)), "predict_proba shape")
        expect(np.allclose(out.sum(axis=1), 1.0), "probabilities do not sum to 1")
        labels = module.predict(rows)
        expect(list(labels) == [module.CLASSES[i] for i in
                                ((out[:, 1] >= module.THRESHOLD).astype(int) if module.TASK == "binary"
                                 else out.argmax(axis=1))], "predict and predict_proba differ")
        if module.TASK == "binary":
            out = out[:, 1:2]
    expect(module.encode(rows).shape == (len(rows), len(module.INPUTS)), "encode shape")
    return out


def from_npz(path, table):
    data = np.load(path)  # no allow_pickle: every array is numbers or unicode text
    for key in data.files:
        expect(data[key].dtype != object, key + " is an object array")
    expect("apply" in str(data["README"]).lower() or "build x" in str(data["README"]).lower(),
           "README entry")
    markers = set(str(m) for m in data["missing_markers"])
    names = [str(c) for c in data["preprocessing_columns"]]
    kinds = [str(k) for k in data["preprocessing_kinds"]]
    X = np.zeros((len(table), len(data["input_names"])))
    offset = 0

    def missing(cell):
        return cell.strip().lower() in markers

    for j, (name, kind) in enumerate(zip(names, kinds)):
        cells = [row[name] for row in table]
        if kind == "numeric":
            absent = np.array([missing(c) for c in cells])
            values = np.array([math.nan if missing(c) else float(c) for c in cells])
            X[:, offset] = np.where(absent, data["preprocessing_impute_values"][j], values)
            offset += 1
            if data["preprocessing_missing_indicator"][j] == 1:
                X[:, offset] = absent
                offset += 1
            continue
        expect(kind == "categorical", "kind " + kind)
        levels = data["levels_%d" % j]
        lookup_values = data["lookup_values_%d" % j]
        lookup_levels = data["lookup_levels_%d" % j].astype(int)
        expect(set(data["merged_levels_%d" % j]) <= set(lookup_values.astype(str))
               or data["preprocessing_levels_are_numbers"][j] == 1, "merged levels are looked up")
        missing_level = int(data["preprocessing_missing_level"][j])
        by_number = data["preprocessing_levels_are_numbers"][j] == 1
        for i, cell in enumerate(cells):
            if missing(cell):
                level = missing_level
            else:
                if by_number:
                    try:
                        hits = np.flatnonzero(lookup_values == float(cell))
                    except ValueError:
                        hits = []
                else:
                    hits = np.flatnonzero(lookup_values == cell.strip())
                level = lookup_levels[hits[0]] if len(hits) else -1
            if level >= 0:
                X[i, offset + level] = 1.0
        offset += len(levels)
    expect(offset == X.shape[1], "inputs counted")
    a = (X - data["scaler_mean"]) / data["scaler_std"]
    for i, activation in enumerate(data["activations"], start=1):
        a = activate(a @ data["W%d" % i] + data["b%d" % i], str(activation))
    return a


def main():
    fmt, exported, rows_csv, out_csv = sys.argv[1:5]
    table = read_table(rows_csv)
    out = {"python": from_python, "npz": from_npz}[fmt](exported, table)
    expect(out.shape[0] == len(table), "one output row per input row")
    with open(out_csv, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["out%d" % j for j in range(out.shape[1])])
        for row in out:
            writer.writerow([repr(float(v)) for v in row])


if __name__ == "__main__":
    main()
