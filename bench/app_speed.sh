#!/usr/bin/env bash
# Training speed in the app against the headless rate (issue #14): the same file, the default
# settings and the same epochs, trained by `backprop-studio train` (the Trainer's own seconds,
# from --report-out) and by the main window offscreen (`ui_load --app`: Start to the final
# result, wall clock). The two alternate, round by round, so a shared machine's noise falls on
# both alike; prints one line per round and, per workload, the medians' ratio and the rounds'.
# "headless rate" is what `train` reports (its Trainer's own seconds); "headless wall clock" is
# `train`'s wall_seconds, from setting up its Trainer to the final model (its per-epoch output
# included), the same span of work as the app's Start to result but for the window.
#   bench/app_speed.sh BUILD_DIR [ROUNDS]      (BUILD_DIR holds app/ and bench/ui_load)
set -euo pipefail
build=${1:?usage: bench/app_speed.sh BUILD_DIR [ROUNDS]}
rounds=${2:-15}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A few hundred rows (the issue's penguins-sized case, tens of thousands of epochs a second),
# and the bundled HTRU2 sample (17,898 rows).
python3 - "$work/tiny.csv" <<'PY'
import random, sys
random.seed(1)
with open(sys.argv[1], "w") as f:
    f.write("x1,x2,x3,label\n")
    for _ in range(344):
        a, b, c = random.random(), random.random(), random.random()
        f.write(f"{a:.4f},{b:.4f},{c:.4f},{int(a + b > 1)}\n")
PY
run() {  # file epochs -> "headless_eps headless_wall_eps app_eps app_trainer_eps"
  # TrainingConfig's own defaults, which ui_load sets in the window: `train` would otherwise adapt
  # them to the table (early stopping, and for small tables a wider network).
  "$build/app/backprop-studio" train "$1" --epochs "$2" --quiet --report-out "$work/r.json" \
    --hidden 16 --l2 0 --batch-size 256 --val-fraction 0.2 --early-stopping 0 \
    > /dev/null
  local headless app
  headless=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["epochs"] / j["seconds"], j["epochs"] / j["wall_seconds"])' "$work/r.json")
  # The app's rate from Start to the result, and from its Trainer's own seconds (as `train`).
  QT_QPA_PLATFORM=offscreen "$build/bench/ui_load" "$1" --app --epochs "$2" 2> /dev/null |
    python3 -c 'import json,sys; j=json.loads(sys.stdin.read()); print(j["epochs_per_second"], j["epochs"] / j["trainer_seconds"])' |
    { read -r app trainer; echo "$headless $app $trainer"; }
}
# The tiny table twice: 20,000 epochs (0.2 s, where the fixed cost of a run's start and final
# display weighs most and one round's noise is large) and 100,000 (about 1 s, the issue's own
# penguins run).
for spec in "$root/resources/htru2.csv:1000" "$work/tiny.csv:20000" "$work/tiny.csv:100000"; do
  file=${spec%:*} epochs=${spec##*:}
  name="$(basename "$file") ($epochs epochs)"
  : > "$work/rounds"
  for round in $(seq "$rounds"); do
    read -r headless wall app trainer < <(run "$file" "$epochs")
    echo "$headless $wall $app $trainer" >> "$work/rounds"
    printf '%s round %d: headless %.0f epochs/s (wall clock %.0f), app %.0f epochs/s (its Trainer alone %.0f)\n' \
      "$name" "$round" "$headless" "$wall" "$app" "$trainer"
  done
  # This VM swings between a slow and a fast mode for seconds at a time, so one round's ratio
  # says little: each side's median over all rounds is compared as well as the rounds' ratios.
  python3 - "$name" "$work/rounds" <<'PY'
import statistics as st, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[2])]
headless, wall, app, trainer = (list(c) for c in zip(*rows))
def line(what, num, den):
    ratios = [a / b for a, b in zip(num, den)]
    print(f"{sys.argv[1]}: {what}: ratio of medians {st.median(num) / st.median(den):.3f}, "
          f"median ratio {st.median(ratios):.3f} ({min(ratios):.3f}-{max(ratios):.3f}), "
          f"best / best {max(num) / max(den):.3f}, {len(rows)} rounds")
line("app (Start to result) / headless rate", app, headless)
line("app (Start to result) / headless wall clock", app, wall)
line("app's Trainer / headless rate", trainer, headless)
PY
done
