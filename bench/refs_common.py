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
