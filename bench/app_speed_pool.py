#!/usr/bin/env python3
# Pools the rounds of several bench/app_speed.sh outputs (issue #14, bench/results.md): per
# workload, each side's median over all rounds divided, with a 90% bootstrap interval (2,000
# resamples of the rounds, fixed seed), the median of the rounds' own ratios, the ratio against
# `train`'s wall clock, and the app's Trainer alone against `train`'s rate.
#   for i in 1 2 3; do bench/app_speed.sh build 15 > speed$i.txt; done
#   bench/app_speed_pool.py speed1.txt speed2.txt speed3.txt
import random
import re
import statistics as st
import sys

ROUND = re.compile(r"^(.*) round \d+: headless (\d+) epochs/s \(wall clock (\d+)\), "
                   r"app (\d+) epochs/s \(its Trainer alone (\d+)\)")
HEADLESS, WALL, APP, TRAINER = range(4)


def ratio_of_medians(rounds, num, den):
    return st.median(r[num] for r in rounds) / st.median(r[den] for r in rounds)


def bootstrap(rounds, num, den, rng):
    values = sorted(
        ratio_of_medians([rounds[rng.randrange(len(rounds))] for _ in rounds], num, den)
        for _ in range(2000))
    return values[100], values[1899]


workloads = {}
for path in sys.argv[1:]:
    for line in open(path):
        if m := ROUND.match(line):
            workloads.setdefault(m[1], []).append(tuple(float(x) for x in m.groups()[1:]))
rng = random.Random(1)
for name, rounds in workloads.items():
    lo, hi = bootstrap(rounds, APP, HEADLESS, rng)
    tlo, thi = bootstrap(rounds, TRAINER, HEADLESS, rng)
    paired = st.median(r[APP] / r[HEADLESS] for r in rounds)
    print(f"{name}: {len(rounds)} rounds; app/headless rate: ratio of medians "
          f"{ratio_of_medians(rounds, APP, HEADLESS):.3f} (90% bootstrap {lo:.3f}-{hi:.3f}), "
          f"median ratio {paired:.3f}; vs headless wall clock "
          f"{ratio_of_medians(rounds, APP, WALL):.3f}; app's Trainer/headless "
          f"{ratio_of_medians(rounds, TRAINER, HEADLESS):.3f} ({tlo:.3f}-{thi:.3f})")
