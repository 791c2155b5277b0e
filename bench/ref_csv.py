"""pandas.read_csv (C engine) on the benchmark CSV: MB/s per run. Prints one JSON line.

usage: ref_csv.py FILE.csv [--repeats 5]
"""
import argparse
import os

import pandas as pd

from refs_common import Timer, emit

parser = argparse.ArgumentParser()
parser.add_argument("file")
parser.add_argument("--repeats", type=int, default=5)
args = parser.parse_args()
megabytes = os.path.getsize(args.file) / 1e6
runs = []
for _ in range(args.repeats):
    with Timer() as t:
        frame = pd.read_csv(args.file, engine="c")
    runs.append({"seconds": t.seconds, "mb_per_second": megabytes / t.seconds})
emit({"workload": "csv", "tool": "pandas", "pandas": pd.__version__, "megabytes": megabytes,
      "rows": len(frame), "columns": frame.shape[1], "runs": runs})
