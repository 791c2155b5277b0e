#!/usr/bin/env python3
"""Fails when a layer includes a layer above it, when core/ includes Qt, or when an include
does not start at the project root (#include "core/csv/csv_reader.h").

The layers, lowest first. A file may include its own folder and any folder listed before it.
docs/architecture.md draws the same picture."""
import pathlib
import re
import sys

LAYERS = [
    "core/base",        # errors, random numbers, Task and the matrix aliases
    "core/csv",         # reading delimited text
    "core/data",        # a table as a data set: split, scaler
    "core/evaluation",  # metrics of predictions
    "core/math",        # activations and losses, forward and backward
    "core/kernels",     # the float training kernels, products, the shard pool
    "core/nn",          # the network, optimisers, the gradient check
    "core/model",       # the training configuration and the trained model
    "core/monitoring",  # per-epoch reports and health measurements
    "core/diagnosis",   # rules over the health measurements
    "core/training",    # the trainer and its tools
    "core/validation",  # cross-validation, baselines, hyperparameter sweeps
    "core/explain",     # what a model learnt: importance, partial dependence, the decision map
    "core/io",          # model files, JSON, CSV output, atomic writes
    "core/export",      # the export formats
    "core/report",      # the self-contained HTML report and its SVG charts
    "ui/data",          # loading a CSV in the background, its summary
    "ui/files",         # writing files from the app
    "ui/training",      # the training thread and the tool runner
    "ui/charts",
    "ui/panels",
    "ui/validation",    # the Cross-validate and Sweep windows and their background runners
    "ui/explain",       # the Importance and Decision map tabs
    "ui/window",
    "app",
]
OUTSIDE = ["tests", "bench"]  # may include anything
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
QT = re.compile(r"^(Q[A-Za-z0-9]+|Qt[A-Za-z0-9]*/.*|qt[a-z]*\.h)$")


def layer_of(path: str):
    best = None
    for i, layer in enumerate(LAYERS):
        if path == layer or path.startswith(layer + "/"):
            if best is None or len(layer) > len(LAYERS[best]):
                best = i
    return best


def main(root: pathlib.Path) -> int:
    problems = []
    files = [p for top in ("core", "ui", "app") for p in (root / top).rglob("*")
             if p.suffix in (".h", ".cpp")]
    for layer in LAYERS:
        if not (root / layer).is_dir():
            problems.append(f"{layer}: listed as a layer but missing")
    for f in sorted(files):
        rel = f.relative_to(root).as_posix()
        own = layer_of(rel)
        if own is None or (rel.count("/") == 1 and not rel.startswith("app/")):
            problems.append(f"{rel}: not inside a layer folder")
            continue
        text = f.read_text(encoding="utf-8", errors="replace")
        for n, line in enumerate(text.splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            quote, name = m.groups()
            if quote == "<":
                if rel.startswith("core/") and QT.match(name):
                    problems.append(f"{rel}:{n}: core includes Qt <{name}>")
                continue
            if name.endswith(".moc"):
                continue
            target = layer_of(name)
            if target is None:
                if any(name.startswith(o + "/") for o in OUTSIDE):
                    problems.append(f"{rel}:{n}: includes test/bench code \"{name}\"")
                else:
                    problems.append(f"{rel}:{n}: \"{name}\" is not a path from the project root")
                continue
            if not (root / name).is_file():
                problems.append(f"{rel}:{n}: \"{name}\" does not exist")
            if target > own:
                problems.append(f"{rel}:{n}: {LAYERS[own]} includes the higher layer "
                                f"{LAYERS[target]} (\"{name}\")")
    for p in problems:
        print(p)
    print(f"{len(files)} files checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()))
