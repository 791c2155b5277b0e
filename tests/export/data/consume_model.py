#!/usr/bin/python3
"""Loads an exported model the way a user would and writes its predictions for a CSV's rows.

usage: consume_model.py FORMAT EXPORTED_FILE MODEL_JSON ROWS_CSV OUT_CSV

FORMAT is json, npz, onnx or python. The exported file's metadata is checked against MODEL_JSON,
the model file it was exported from. OUT_CSV gets a header and one line per row of ROWS_CSV: the
model's outputs (binary: the probability of classes[1]; multiclass: one probability per class;
regression: the value), then, for classification, the predicted class label.

ONNX: python3-onnx 1.12 (Debian 12) has no onnx.reference evaluator and onnxruntime is not in
Debian, so the graph is run by the small float32 evaluator below, which walks the file's own
nodes and initializers.
"""

import csv
import importlib.util
import json
import sys

import numpy as np


def fail(message):
    sys.exit("check failed: " + message)


def expect(condition, message):
    if not condition:
        fail(message)


def read_rows(path, features):
    with open(path, newline="", encoding="utf-8") as f:
        rows = [[float(row[name]) for name in features] for row in csv.DictReader(f)]
    return np.array(rows, dtype=np.float64)


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


def forward(X, mean, std, layers):
    a = (X - mean) / std
    for W, b, activation in layers:
        a = activate(a @ W + b, activation)
    return a


def from_json(path, reference, X):
    with open(path, encoding="utf-8") as f:
        m = json.load(f)
    expect(m["format"] == "backprop-studio-model", "format")
    expect(m["metrics"] == reference["metrics"], "metrics differ from the model file's")
    layers = [(np.array(l["weights"], dtype=np.float64), np.array(l["bias"], dtype=np.float64),
               l["activation"]) for l in m["layers"]]
    mean = np.array(m["scaler"]["mean"])
    std = np.array(m["scaler"]["std"])
    out = forward(X, mean, std, layers)
    expect(("threshold" in m) == (m["task"] == "binary"), "only a binary model has a threshold")
    labels = binary_labels(out, m["classes"], m["threshold"]) if m["task"] == "binary" else None
    return out, m["classes"], m["features"], labels


def binary_labels(out, classes, threshold):
    """The labels a binary model's threshold gives (classes[1] when p >= threshold)."""
    expect(0 < threshold < 1, "threshold %r" % (threshold,))
    return [classes[i] for i in (out[:, 0] >= threshold).astype(int)]


def from_npz(path, reference, X):
    data = np.load(path)  # allow_pickle is False by default: an object array would fail here
    for key in data.files:
        expect(data[key].dtype != object, key + " is an object array")
    for key in ("activations", "classes", "features", "task", "target", "app_version", "created",
                "metrics_json"):
        expect(data[key].dtype.kind == "U", key + " is not a unicode string array")
    expect(str(data["task"]) == reference["task"], "task")
    expect(str(data["target"]) == reference["target"], "target")
    expect(str(data["app_version"]) == reference["app_version"], "app_version")
    expect(len(str(data["created"])) == 20, "created date " + str(data["created"]))
    expect(json.loads(str(data["metrics_json"])) == reference["metrics"], "metrics_json")
    layers = []
    for i, activation in enumerate(data["activations"], start=1):
        W, b = data["W%d" % i], data["b%d" % i]
        expect(W.dtype == np.float64 and W.ndim == 2 and b.shape == (W.shape[1],),
               "W%d/b%d shapes" % (i, i))
        layers.append((W, b, str(activation)))
    out = forward(X, data["scaler_mean"], data["scaler_std"], layers)
    classes = [str(c) for c in data["classes"]]
    expect(("threshold" in data.files) == (reference["task"] == "binary"),
           "only a binary model has a threshold")
    labels = None
    if reference["task"] == "binary":
        expect(data["threshold"].dtype == np.float64 and data["threshold"].shape == (),
               "threshold is not a float64 scalar")
        labels = binary_labels(out, classes, float(data["threshold"]))
    return out, classes, [str(f) for f in data["features"]], labels


def from_python(path, reference, X):
    spec = importlib.util.spec_from_file_location("exported_model", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expect(module.TASK == reference["task"], "TASK")
    expect(module.APP_VERSION == reference["app_version"], "APP_VERSION")
    expect(module.METRICS == reference["metrics"], "METRICS")
    expect(module.__doc__ and "Backprop Studio" in module.__doc__, "docstring")
    if module.TASK == "regression":
        expect(not hasattr(module, "predict_proba"), "a regression model has predict_proba")
        values = module.predict(X)
        expect(values.shape == (len(X),), "predict shape")
        return values[:, None], module.CLASSES, module.FEATURES, None
    if module.TASK == "binary":
        expect(module.THRESHOLD == reference["threshold"], "THRESHOLD")
    proba = module.predict_proba(X)
    expect(proba.shape == (len(X), len(module.CLASSES)), "predict_proba shape")
    expect(np.allclose(proba.sum(axis=1), 1.0), "probabilities do not sum to 1")
    out = proba[:, 1:2] if module.TASK == "binary" else proba
    return out, module.CLASSES, module.FEATURES, [str(label) for label in module.predict(X)]


def run_graph(graph, X):
    from onnx import helper, numpy_helper

    values = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    values[graph.input[0].name] = X.astype(np.float32)
    for node in graph.node:
        attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        x = [values[name] for name in node.input]
        op = node.op_type
        if op == "Sub":
            y = x[0] - x[1]
        elif op == "Div":
            y = x[0] / x[1]
        elif op == "Add":
            y = x[0] + x[1]
        elif op == "Mul":
            y = x[0] * x[1]
        elif op == "MatMul":
            y = x[0] @ x[1]
        elif op == "Gemm":
            A = x[0].T if attrs.get("transA", 0) else x[0]
            B = x[1].T if attrs.get("transB", 0) else x[1]
            y = np.float32(attrs.get("alpha", 1.0)) * (A @ B)
            if len(x) > 2:
                y = y + np.float32(attrs.get("beta", 1.0)) * x[2]
        elif op == "Tanh":
            y = np.tanh(x[0])
        elif op == "Sigmoid":
            with np.errstate(over="ignore"):
                y = np.float32(1) / (np.float32(1) + np.exp(-x[0]))
        elif op == "Relu":
            y = np.maximum(x[0], np.float32(0))
        elif op == "LeakyRelu":
            y = np.where(x[0] > 0, x[0], np.float32(attrs.get("alpha", 0.01)) * x[0])
        elif op == "Softmax":
            axis = attrs.get("axis", -1)
            e = np.exp(x[0] - x[0].max(axis=axis, keepdims=True))
            y = e / e.sum(axis=axis, keepdims=True)
        elif op == "Identity":
            y = x[0]
        elif op == "GreaterOrEqual":
            y = x[0] >= x[1]
            expect(x[0].dtype == np.float32 and x[1].dtype == np.float32, op + " not on float32")
        elif op == "Cast":
            expect(attrs["to"] == 7, "Cast to other than int64")  # TensorProto.INT64
            y = x[0].astype(np.int64)
        else:
            fail("the test's evaluator does not know op " + op)
        expected = {"GreaterOrEqual": np.bool_, "Cast": np.int64}.get(op, np.float32)
        expect(y.dtype == expected, op + " gave " + str(y.dtype))
        values[node.output[0]] = y
    return [values[o.name] for o in graph.output]


def from_onnx(path, reference, X):
    import onnx

    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    expect(any(o.domain in ("", "ai.onnx") and o.version >= 13 for o in model.opset_import),
           "opset >= 13")
    graph = model.graph
    expect([i.name for i in graph.input] == ["input"], "input name")
    tensor = graph.input[0].type.tensor_type
    expect(tensor.elem_type == onnx.TensorProto.FLOAT, "input is not float32")
    dims = tensor.shape.dim
    expect(len(dims) == 2 and dims[0].dim_param and dims[1].dim_value == X.shape[1],
           "input shape is not [N, features]")
    outputs = {"binary": ["probability", "label"], "multiclass": ["probability"],
               "regression": ["prediction"]}[reference["task"]]
    expect([o.name for o in graph.output] == outputs, "output names")
    meta = {p.key: p.value for p in model.metadata_props}
    expect(meta["app_version"] == reference["app_version"], "metadata app_version")
    expect(meta["task"] == reference["task"], "metadata task")
    expect(len(meta["created"]) == 20, "metadata created")
    expect(json.loads(meta["metrics"]) == reference["metrics"], "metadata metrics")
    results = run_graph(graph, X)
    out = results[0].astype(np.float64)
    classes = json.loads(meta["classes"])
    labels = None
    if reference["task"] == "binary":
        expect(float(meta["threshold"]) == reference["threshold"], "metadata threshold")
        expect(results[1].shape == (len(X), 1), "label shape")
        labels = [classes[i] for i in results[1][:, 0]]
    return out, classes, json.loads(meta["features"]), labels


def main():
    fmt, exported, model_json, rows_csv, out_csv = sys.argv[1:6]
    with open(model_json, encoding="utf-8") as f:
        reference = json.load(f)
    X = read_rows(rows_csv, reference["features"])
    loaders = {"json": from_json, "npz": from_npz, "onnx": from_onnx, "python": from_python}
    result = loaders[fmt](exported, reference, X)
    out, classes, features = result[:3]
    labels = result[3] if len(result) > 3 else None
    expect(list(features) == reference["features"], "features %r" % (features,))
    expect(list(classes) == reference["classes"], "classes %r" % (classes,))
    expect(out.shape[0] == len(X), "one output row per input row")
    task = reference["task"]
    if task == "binary":
        expect(labels is not None, "a binary export decides with its own threshold")
    if labels is None and task == "multiclass":
        labels = [classes[i] for i in out.argmax(axis=1)]
    with open(out_csv, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["out%d" % j for j in range(out.shape[1])] +
                        ([] if labels is None else ["label"]))
        for i, row in enumerate(out):
            writer.writerow([repr(float(v)) for v in row] + ([] if labels is None else [labels[i]]))


if __name__ == "__main__":
    main()
