"""The large workload's data: 1,000,000 x 32 float32 features (standard normal) and a 0/1 target
from a fixed random teacher network plus noise. Written as raw float32 files X.f32, Y.f32.

usage: make_large.py DIR [--rows 1000000] [--features 32]
"""
import argparse
import os

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("dir")
parser.add_argument("--rows", type=int, default=1_000_000)
parser.add_argument("--features", type=int, default=32)
args = parser.parse_args()
os.makedirs(args.dir, exist_ok=True)
rng = np.random.default_rng(42)
x = rng.standard_normal((args.rows, args.features), dtype=np.float32)
w = rng.standard_normal((args.features, 16)).astype(np.float32) / np.sqrt(args.features)
v = rng.standard_normal(16).astype(np.float32)
logit = np.tanh(x @ w) @ v + 0.3 * rng.standard_normal(args.rows).astype(np.float32)
y = (logit > 0).astype(np.float32)
x.tofile(os.path.join(args.dir, "X.f32"))
y.tofile(os.path.join(args.dir, "Y.f32"))
