"""HTRU2 8-16-1 (tanh, sigmoid output), Adam lr 0.01, batch 256 (0 = full batch), 200 epochs,
written the way each tool is normally used. Prints one JSON line per tool run.

usage: ref_htru2.py torch|numpy|sklearn DATA_DIR [--epochs 200] [--batch-size 256] [--repeats 5]
"""
import argparse
import warnings

import numpy as np
from sklearn.metrics import roc_auc_score

from refs_common import (NumpyAdam, Timer, bce, blas_info, emit, load_split, output_delta,
                         torch_epoch)


def run_torch(xt, yt, xv, yv, epochs, batch, seed):
    import torch
    from torch import nn
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    xt, yt, xv, yv = (torch.from_numpy(a) for a in (xt, yt[:, None], xv, yv[:, None]))
    model = nn.Sequential(nn.Linear(8, 16), nn.Tanh(), nn.Linear(16, 1))
    for layer in (model[0], model[2]):  # Glorot uniform, zero bias: as Backprop Studio starts
        nn.init.xavier_uniform_(layer.weight)
        nn.init.zeros_(layer.bias)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    loss_fn = nn.BCEWithLogitsLoss()
    with Timer() as t:
        for epoch in range(epochs):
            val_loss = torch_epoch(model, optimizer, loss_fn, xt, yt, xv, yv, batch)
    with torch.no_grad():
        scores = torch.sigmoid(model(xv)).numpy()[:, 0]
    return t.seconds, scores, val_loss


def run_numpy(xt, yt, xv, yv, epochs, batch, seed):
    rng = np.random.default_rng(seed)
    f = np.float32
    def glorot(i, o):
        limit = np.sqrt(6.0 / (i + o))
        return rng.uniform(-limit, limit, (i, o)).astype(f)
    params = [glorot(8, 16), np.zeros(16, f), glorot(16, 1), np.zeros(1, f)]
    adam = NumpyAdam(params, lr=0.01)

    def forward(x):
        w1, c1, w2, c2 = params
        a = np.tanh(x @ w1 + c1)
        return a, (a @ w2 + c2)[:, 0]

    n = len(xt)
    with Timer() as t:
        for epoch in range(epochs):
            permutation = rng.permutation(n)
            running = 0.0
            for start in range(0, n, batch):
                idx = permutation[start:start + batch]
                x, y = xt[idx], yt[idx]
                a, z = forward(x)
                running += bce(z, y).sum()
                dz = output_delta(z, y)
                da = (dz @ params[2].T) * (1 - a * a)
                adam.step([x.T @ da, da.sum(0), a.T @ dz, dz.sum(0)])
            val_loss = bce(forward(xv)[1], yv).mean()
    z = forward(xv)[1]
    return t.seconds, 1 / (1 + np.exp(-z)), val_loss


def run_sklearn(xt, yt, xv, yv, epochs, batch, seed):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    model = MLPClassifier(hidden_layer_sizes=(16,), activation="tanh", solver="adam", alpha=0.0,
                          batch_size=batch, learning_rate_init=0.01, max_iter=epochs,
                          shuffle=True, random_state=seed, tol=0.0,
                          n_iter_no_change=epochs + 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        with Timer() as t:
            model.fit(xt, yt.astype(int))
    return t.seconds, model.predict_proba(xv)[:, 1], float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tool", choices=["torch", "numpy", "sklearn"])
    parser.add_argument("data")
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    xt, yt, xv, yv = load_split(args.data, 8)
    batch = args.batch_size if args.batch_size > 0 else len(xt)
    run = {"torch": run_torch, "numpy": run_numpy, "sklearn": run_sklearn}[args.tool]
    runs, auc = [], None
    for k in range(args.repeats):
        seconds, scores, _ = run(xt, yt, xv, yv, args.epochs, batch, k + 1)
        runs.append({"seconds": seconds, "epochs_per_second": args.epochs / seconds})
        auc = roc_auc_score(yv, scores)
    emit({"workload": "htru2", "tool": args.tool, "batch_size": args.batch_size, "runs": runs,
          "val_roc_auc": auc, "blas": blas_info()})


if __name__ == "__main__":
    main()
