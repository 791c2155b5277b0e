"""The issue #16 sweep benchmark: HTRU2, a 12-setting grid (lr x hidden units) x 5 folds x 200
epochs, Adam, batch 256, tanh, standardised inputs fitted inside each fold; Backprop Studio's
`sweep --folds 5` against scikit-learn's GridSearchCV(MLPClassifier, cv=5, n_jobs=2). Run by
hand (not in CI); needs python3-sklearn.

usage: sweep_htru2.py BACKPROP_STUDIO HTRU2_CSV [--epochs 200] [--skip-sklearn]
Prints one JSON line per tool and the ratios.
"""
import argparse
import json
import subprocess
import tempfile
import time
import warnings

import numpy as np

LRS = [1e-3, 1e-2, 1e-1]
HIDDEN = [4, 8, 16, 32]


def ours(exe, csv, epochs, jobs):
    with tempfile.TemporaryDirectory() as tmp:
        out = f"{tmp}/trials.json"
        grid = "lr=" + ",".join(f"{v:g}" for v in LRS) + "; hidden=" + ",".join(map(str, HIDDEN))
        start = time.perf_counter()
        subprocess.run([exe, "sweep", csv, "--grid", grid, "--folds", "5", "--epochs", str(epochs),
                        "--batch-size", "256", "--jobs", str(jobs), "--results-out", out,
                        "--quiet"], check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        results = json.load(open(out))
    best = results["trials"][results["best_trial"] - 1]
    aucs = {t["hyperparameters"]["lr"] + "/" + t["hyperparameters"]["hidden"]:
            t["metrics"]["roc_auc"] for t in results["trials"]}
    return {"tool": f"bps-sweep-jobs{jobs}", "seconds": seconds,
            "best": best["hyperparameters"], "best_cv_roc_auc": best["metrics"]["roc_auc"],
            "top_cv_roc_auc": max(aucs.values())}


def sklearn(csv, epochs):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    data = np.loadtxt(csv, delimiter=",", skiprows=1)
    x, y = data[:, :-1], data[:, -1]
    model = make_pipeline(StandardScaler(), MLPClassifier(
        activation="tanh", solver="adam", batch_size=256, max_iter=epochs, tol=0.0,
        n_iter_no_change=epochs + 1, early_stopping=False, random_state=1))
    grid = {"mlpclassifier__learning_rate_init": LRS,
            "mlpclassifier__hidden_layer_sizes": [(h,) for h in HIDDEN]}
    search = GridSearchCV(model, grid, cv=StratifiedKFold(5, shuffle=True, random_state=1),
                          scoring="roc_auc", n_jobs=2, refit=False)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        search.fit(x, y)
    seconds = time.perf_counter() - start
    return {"tool": "sklearn-gridsearchcv", "seconds": seconds,
            "best": {k.split("__")[1]: str(v) for k, v in search.best_params_.items()},
            "best_cv_roc_auc": search.best_score_}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("exe")
    parser.add_argument("csv")
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--skip-sklearn", action="store_true")
    args = parser.parse_args()
    runs = [ours(args.exe, args.csv, args.epochs, 1), ours(args.exe, args.csv, args.epochs, 2)]
    if not args.skip_sklearn:
        runs.append(sklearn(args.csv, args.epochs))
    for r in runs:
        print(json.dumps(r))
    print(json.dumps({"speedup_jobs2_over_jobs1": runs[0]["seconds"] / runs[1]["seconds"]}))
    if not args.skip_sklearn:
        print(json.dumps({"sklearn_over_bps_jobs2": runs[2]["seconds"] / runs[1]["seconds"],
                          "roc_auc_gap": runs[2]["best_cv_roc_auc"] - runs[1]["best_cv_roc_auc"]}))


if __name__ == "__main__":
    main()
