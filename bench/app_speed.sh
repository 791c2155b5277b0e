#!/usr/bin/env bash
# Training speed in the app against the headless rate (issue #14): the same file, the default
# settings and the same epochs, trained by `backprop-studio train` (the Trainer's own seconds,
# from --report-out) and by the main window offscreen (`ui_load --app`: Start to the final
# result, wall clock). The two alternate, round by round, so a shared machine's noise falls on
# both alike; prints one line per round and the ratio's median, min and max.
#   bench/app_speed.sh BUILD_DIR [ROUNDS]      (BUILD_DIR holds app/ and bench/ui_load)
set -euo pipefail
build=${1:?usage: bench/app_speed.sh BUILD_DIR [ROUNDS]}
rounds=${2:-5}
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
run() {  # file epochs -> "headless_eps app_eps app_trainer_eps"
  # TrainingConfig's own defaults, which ui_load sets in the window: `train` would otherwise adapt
  # them to the table (early stopping, and for small tables a wider network).
  "$build/app/backprop-studio" train "$1" --epochs "$2" --quiet --report-out "$work/r.json" \
    --hidden 16 --l2 0 --batch-size 256 --val-fraction 0.2 --early-stopping 0 \
    > /dev/null
  local headless app
  headless=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["epochs"] / j["seconds"] if "epochs" in j else int(sys.argv[2]) / j["seconds"])' "$work/r.json" "$2")
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
  ratios=()
  for round in $(seq "$rounds"); do
    read -r headless app trainer < <(run "$file" "$epochs")
    ratio=$(python3 -c "print(f'{$app / $headless:.3f}')")
    ratios+=("$ratio")
    printf '%s (%s epochs) round %d: headless %.0f epochs/s, app %.0f epochs/s (its Trainer alone %.0f), ratio %s\n' \
      "$(basename "$file")" "$epochs" "$round" "$headless" "$app" "$trainer" "$ratio"
  done
  python3 -c 'import statistics,sys; r=[float(x) for x in sys.argv[2:]]; print(f"{sys.argv[1]}: app/headless median {statistics.median(r):.3f}, min {min(r):.3f}, max {max(r):.3f} over {len(r)} rounds")' "$(basename "$file") ($epochs epochs)" "${ratios[@]}"
done
