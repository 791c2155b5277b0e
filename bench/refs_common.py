"""Shared helpers for the reference implementations: data loading, timing, BLAS report."""
import json
import os
import statistics
import sys
import time

import numpy as np


def load_split(directory, features):
    """The standardised train/validation rows that `backprop-studio bench htru2` exported."""
    def read(name, width):
        a = np.fromfile(os.path.join(directory, name), dtype=np.float32)
        return a.reshape(-1, width) if width > 1 else a
    return (read("train_x.f32", features), read("train_y.f32", 1),
            read("val_x.f32", features), read("val_y.f32", 1))


def blas_info():
    """Which BLAS (and which kernel of it) numpy and torch run on, as threadpoolctl sees it."""
    from threadpoolctl import threadpool_info
    return [{k: v for k, v in lib.items() if k in ("internal_api", "version", "architecture",
                                                   "num_threads", "threading_layer", "filepath")}
            for lib in threadpool_info()]


def emit(record):
    record["env_openblas_coretype"] = os.environ.get("OPENBLAS_CORETYPE")
    print(json.dumps(record))
    sys.stdout.flush()


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def median(values):
    return statistics.median(values)


def bce(z, y):
    """Binary cross-entropy from logits, per row, in the stable form Backprop Studio uses."""
    return np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))


class NumpyAdam:
    """Adam over a list of numpy arrays, updated in place (the references' hand-written numpy)."""

    def __init__(self, params, lr, b1=0.9, b2=0.999, eps=1e-8):
        self.params, self.lr, self.b1, self.b2, self.eps = params, lr, b1, b2, eps
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.step_count = 0

    def step(self, grads):
        self.step_count += 1
        b1, b2, lr, eps, step = self.b1, self.b2, self.lr, self.eps, self.step_count
        for p, g, mm, vv in zip(self.params, grads, self.m, self.v):
            mm[...] = b1 * mm + (1 - b1) * g
            vv[...] = b2 * vv + (1 - b2) * g * g
            p -= lr * (mm / (1 - b1 ** step)) / (np.sqrt(vv / (1 - b2 ** step)) + eps)


def output_delta(z, y, f=np.float32):
    """d(mean BCE)/d(logits) of one mini-batch, as a column."""
    return ((1 / (1 + np.exp(-z)) - y) / len(z))[:, None].astype(f)


def torch_epoch(model, optimizer, loss_fn, xt, yt, xv, yv, batch):
    """One epoch the way PyTorch is normally written (shuffled mini-batches, zero_grad, backward,
    step), then the validation loss; returns it."""
    import torch
    model.train()
    permutation = torch.randperm(len(xt))
    running = 0.0
    for start in range(0, len(xt), batch):
        idx = permutation[start:start + batch]
        optimizer.zero_grad()
        loss = loss_fn(model(xt[idx]), yt[idx])
        loss.backward()
        optimizer.step()
        running += loss.item() * len(idx)
    model.eval()
    with torch.no_grad():
        return loss_fn(model(xv), yv).item()
