#!/usr/bin/python3
"""The default network against scikit-learn's default MLP, by 5-fold cross-validation.

For every table: `backprop-studio cv` with default settings (5 folds, seed 1, one fold at a
time), then scikit-learn's MLPClassifier() / MLPRegressor() with their own defaults on the very
same folds (read from our --oof-out, fed to sklearn as a PredefinedSplit) and the same
preprocessing: numeric columns median-imputed with a missing indicator and standardised, text
columns one-hot encoded, and for regression the target standardised (our trainer learns a
standardised target; TransformedTargetRegressor gives sklearn the same).

Score: ROC AUC for binary targets, accuracy for multiclass, R^2 for regression (what `cv` calls
its primary score). "diff" is ours minus sklearn's mean; "rel" is that difference relative to
sklearn's mean.

Usage: bench/defaults_vs_sklearn.py [--binary build/app/backprop-studio] [--tables a,b]
                                    [--extra "--l2 0.001 ..."] [--markdown]
Nothing is downloaded: the scikit-learn tables are the bundled ones, written to a temp dir.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
import pandas as pd
from sklearn import datasets
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.model_selection import PredefinedSplit, cross_val_score
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

DATA = "/work/shared/data"


def bundled(loader, task):
    b = loader(as_frame=True)
    df = b.frame.copy()
    df.columns = [str(c).replace(" ", "_").replace("(", "").replace(")", "") for c in df.columns]
    target = df.columns[-1]
    if task != "regression":  # class labels as text, so no one mistakes them for a number
        df[target] = ["c" + str(v) for v in df[target]]
    return df, target


def cars(target):
    df = pd.read_csv(os.path.join(DATA, "cars.csv"))
    df["Model_year"] = pd.to_datetime(df["Year"]).dt.year
    df = df.drop(columns=["Name", "Year"])  # an identifier, and the date now as a number
    return df, target


def weather():
    df = pd.read_csv(os.path.join(DATA, "weather.csv"))
    df["month"] = pd.to_datetime(df["date"]).dt.month
    return df.drop(columns=["date"]), "weather"


def generated_classification():
    x, y = datasets.make_classification(n_samples=300, n_features=10, n_informative=5,
                                        flip_y=0.05, random_state=0)
    df = pd.DataFrame(x, columns=[f"x{i}" for i in range(x.shape[1])])
    df["label"] = ["yes" if v else "no" for v in y]
    return df, "label"


def generated_friedman():
    x, y = datasets.make_friedman1(n_samples=500, n_features=10, noise=2.0, random_state=0)
    df = pd.DataFrame(x, columns=[f"x{i}" for i in range(x.shape[1])])
    df["y"] = y
    return df, "y"


# name -> (make table, task); binary tables are scored by ROC AUC.
TABLES = {
    "breast_cancer": (lambda: bundled(datasets.load_breast_cancer, "binary"), "binary"),
    "iris": (lambda: bundled(datasets.load_iris, "multiclass"), "multiclass"),
    "wine": (lambda: bundled(datasets.load_wine, "multiclass"), "multiclass"),
    "digits": (lambda: bundled(datasets.load_digits, "multiclass"), "multiclass"),
    "diabetes": (lambda: bundled(datasets.load_diabetes, "regression"), "regression"),
    "cars_mpg": (lambda: cars("Miles_per_Gallon"), "regression"),
    "cars_origin": (lambda: cars("Origin"), "multiclass"),
    "weather": (weather, "multiclass"),
    "gen_classification": (generated_classification, "binary"),
    "gen_friedman": (generated_friedman, "regression"),
}

SCORE = {"binary": ("roc_auc", "roc_auc"), "multiclass": ("accuracy", "accuracy"),
         "regression": ("r2", "r2")}


def run_ours(binary, csv, target, task, extra, tmp):
    report, oof = os.path.join(tmp, "report.json"), os.path.join(tmp, "oof.csv")
    cmd = [binary, "cv", csv, "--target", target, "--task", task, "--folds", "5", "--seed", "1",
           "--jobs", "1", "--quiet", "--report-out", report, "--oof-out", oof] + extra
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    adapted = [l for l in done.stdout.splitlines() if l.startswith("Defaults adapted")]
    with open(report) as f:
        summary = json.load(f)["summary"]["network"][SCORE[task][0]]
    folds = pd.read_csv(oof, usecols=["line", "fold"])
    return summary["mean"], summary["sd"], seconds, folds, adapted


def run_sklearn(df, target, task, folds):
    # The CSV has a header and one line per row: line n is row n - 2.
    test_fold = np.full(len(df), -1)
    test_fold[folds["line"].to_numpy() - 2] = folds["fold"].to_numpy() - 1
    if (test_fold < 0).any():
        sys.exit("some rows have no fold in --oof-out")
    x, y = df.drop(columns=[target]), df[target]
    text = [c for c in x.columns if x[c].dtype == object]
    numeric = [c for c in x.columns if c not in text]
    prep = ColumnTransformer([
        ("numeric", make_pipeline(SimpleImputer(strategy="median", add_indicator=True),
                                  StandardScaler()), numeric),
        ("text", make_pipeline(SimpleImputer(strategy="most_frequent"),
                               OneHotEncoder(handle_unknown="ignore")), text),
    ])
    if task == "regression":
        model = TransformedTargetRegressor(regressor=MLPRegressor(random_state=0),
                                           transformer=StandardScaler())
    else:
        model = MLPClassifier(random_state=0)
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        scores = cross_val_score(Pipeline([("prep", prep), ("mlp", model)]), x, y,
                                 cv=PredefinedSplit(test_fold), scoring=SCORE[task][1])
    # sd as our cv reports it: the sample standard deviation over the folds.
    return scores.mean(), scores.std(ddof=1), time.perf_counter() - started


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", default="build/app/backprop-studio")
    p.add_argument("--tables", default=",".join(TABLES))
    p.add_argument("--extra", default="", help="more options for backprop-studio cv")
    p.add_argument("--markdown", action="store_true")
    args = p.parse_args()
    extra = args.extra.split()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.tables.split(","):
            make, task = TABLES[name]
            df, target = make()
            df = df[df[target].notna()].reset_index(drop=True)  # cv leaves those rows out too
            csv = os.path.join(tmp, name + ".csv")
            df.to_csv(csv, index=False)
            ours, ours_sd, ours_s, folds, adapted = run_ours(args.binary, csv, target, task,
                                                             extra, tmp)
            sk, sk_sd, sk_s = run_sklearn(df, target, task, folds)
            rows.append((name, len(df), task, SCORE[task][0], ours, ours_sd, sk, sk_sd,
                         ours - sk, (ours - sk) / abs(sk), ours_s, sk_s))
            for line in adapted:
                print(f"# {name}: {line}", file=sys.stderr)
    head = ["table", "rows", "task", "score", "ours", "sklearn", "diff", "rel", "ours s",
            "sklearn s"]
    if args.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + " --- |" * len(head))
    else:
        print(f"{head[0]:<19} {head[1]:>5} {head[2]:<10} {head[3]:<8} {head[4]:>15} "
              f"{head[5]:>15} {head[6]:>7} {head[7]:>7} {head[8]:>7} {head[9]:>9}")
    for r in rows:
        cells = [r[0], str(r[1]), r[2], r[3], f"{r[4]:.4f} ± {r[5]:.4f}",
                 f"{r[6]:.4f} ± {r[7]:.4f}", f"{r[8]:+.4f}", f"{100 * r[9]:+.1f}%",
                 f"{r[10]:.1f}", f"{r[11]:.1f}"]
        if args.markdown:
            print("| " + " | ".join(cells) + " |")
        else:
            print(f"{cells[0]:<19} {cells[1]:>5} {cells[2]:<10} {cells[3]:<8} {cells[4]:>15} "
                  f"{cells[5]:>15} {cells[6]:>7} {cells[7]:>7} {cells[8]:>7} {cells[9]:>9}")


if __name__ == "__main__":
    main()
