"""Large data: 32-128-1 ReLU (sigmoid output), Adam lr 0.001, batch 1024, on the first 80% of
the rows, with the validation loss on the other 20% after every epoch (as Backprop Studio
does). Epoch 1 is a warm-up; epochs 2.. are timed one by one. Prints one JSON line.

usage: ref_large.py torch|numpy DIR --threads N [--epochs 6] [--features 32]
"""
import argparse
import os

import numpy as np

from refs_common import NumpyAdam, Timer, bce, blas_info, emit, output_delta, torch_epoch


def epochs_torch(xt, yt, xv, yv, epochs, batch, threads):
    import torch
    from torch import nn
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    xt, yt, xv, yv = (torch.from_numpy(a) for a in (xt, yt[:, None], xv, yv[:, None]))
    model = nn.Sequential(nn.Linear(xt.shape[1], 128), nn.ReLU(), nn.Linear(128, 1))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        with Timer() as t:
            val_loss = torch_epoch(model, optimizer, loss_fn, xt, yt, xv, yv, batch)
        yield t.seconds, val_loss


def epochs_numpy(xt, yt, xv, yv, epochs, batch, threads):
    from threadpoolctl import threadpool_limits
    rng = np.random.default_rng(1)
    f = np.float32
    d = xt.shape[1]
    params = [(rng.standard_normal((d, 128)) * np.sqrt(2 / d)).astype(f), np.zeros(128, f),
              (rng.standard_normal((128, 1)) * np.sqrt(2 / 129)).astype(f), np.zeros(1, f)]
    adam = NumpyAdam(params, lr=0.001)

    def forward(x):
        h = np.maximum(x @ params[0] + params[1], 0)
        return h, (h @ params[2] + params[3])[:, 0]

    n = len(xt)
    with threadpool_limits(limits=threads, user_api="blas"):
        for epoch in range(epochs):
            with Timer() as t:
                permutation = rng.permutation(n)
                running = 0.0
                for start in range(0, n, batch):
                    idx = permutation[start:start + batch]
                    x, y = xt[idx], yt[idx]
                    h, z = forward(x)
                    running += bce(z, y).sum()
                    dz = output_delta(z, y)
                    dh = (dz @ params[2].T) * (h > 0)
                    adam.step([x.T @ dh, dh.sum(0), h.T @ dz, dz.sum(0)])
                val_loss = bce(forward(xv)[1], yv).mean()
            yield t.seconds, val_loss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tool", choices=["torch", "numpy"])
    parser.add_argument("dir")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--features", type=int, default=32)
    args = parser.parse_args()
    x = np.fromfile(os.path.join(args.dir, "X.f32"), dtype=np.float32).reshape(-1, args.features)
    y = np.fromfile(os.path.join(args.dir, "Y.f32"), dtype=np.float32)
    cut = int(len(x) * 0.8)
    xt, yt, xv, yv = x[:cut], y[:cut], x[cut:], y[cut:]
    run = {"torch": epochs_torch, "numpy": epochs_numpy}[args.tool]
    times = list(run(xt, yt, xv, yv, args.epochs, 1024, args.threads))
    runs = [{"seconds": s, "train_samples_per_second": len(xt) / s} for s, _ in times[1:]]
    emit({"workload": "large", "tool": args.tool, "threads_used": args.threads, "runs": runs,
          "val_loss": float(times[-1][1]), "blas": blas_info()})


if __name__ == "__main__":
    main()
