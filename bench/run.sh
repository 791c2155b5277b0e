#!/usr/bin/env bash
# Runs every benchmark side by side on this machine and writes bench/results.md.
#   bench/run.sh [--quick]     (--quick: 3 rounds, fewer epochs for the references: a smoke run)
# Installs the reference tools from Debian (numpy, torch, scikit-learn, pandas on OpenBLAS),
# builds Backprop Studio twice (portable and -march=native) under build-bench/, generates the
# data under build-bench/data, and runs the tools in rounds (each round runs every tool once,
# so machine noise hits them alike). Raw results: build-bench/results.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
rounds=5
ref_epochs=200
if [ "${1:-}" = "--quick" ]; then rounds=3; ref_epochs=40; fi

# --- tools -------------------------------------------------------------------------------
.ci/install-deps
packages=(python3-numpy python3-torch python3-sklearn python3-pandas python3-threadpoolctl
          libopenblas0-pthread time)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; else sudo=""; fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

out=build-bench
mkdir -p "$out/data"
for variant in portable native; do
  native=OFF; [ "$variant" = native ] && native=ON
  cmake -S . -B "$out/$variant" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBPS_NATIVE=$native \
    -DBPS_BUILD_TESTS=OFF > /dev/null
  cmake --build "$out/$variant" -j"$(nproc)" --target backprop-studio
done
cmake --build "$out/portable" -j"$(nproc)" --target ui_load
bps() { "$out/$1/app/backprop-studio" "${@:2}"; }
# The references run on Debian's python with these two unset (see README: they slow a current
# numpy); threadpoolctl records the OpenBLAS kernel each one then runs.
py() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$root/bench/$1" "${@:2}"; }

results="$out/results.jsonl"
: > "$results"
tag() { python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); r.update(json.loads(sys.argv[1])); print(json.dumps(r))' "$1" >> "$results"; }

# --- data --------------------------------------------------------------------------------
bps portable bench htru2 resources/htru2.csv --repeats 1 --epochs 1 --export-split "$out/data/htru2" > /dev/null
[ -f "$out/data/large/X.f32" ] || py make_large.py "$out/data/large"
[ -f "$out/data/big.csv" ] || bps portable bench make-csv "$out/data/big.csv" --rows 2000000

# --- 1. HTRU2, mini-batch 256 and full batch -----------------------------------------------
for round in $(seq "$rounds"); do
  echo "HTRU2 round $round/$rounds"
  for batch in 256 0; do
    for variant in portable native; do
      bps $variant bench htru2 resources/htru2.csv --repeats 1 --batch-size $batch | tag "{\"tool\":\"bps-$variant\",\"batch_size\":$batch}"
    done
    for tool in torch numpy sklearn; do
      py ref_htru2.py $tool "$out/data/htru2" --repeats 1 --epochs $ref_epochs --batch-size $batch | tag "{\"batch_size\":$batch}"
    done
  done
done

# --- 2. Large data: 1,000,000 x 32, 32-128-1 ReLU, batch 1024 --------------------------------
for threads in 1 2; do
  echo "large data, $threads thread(s)"
  for variant in portable native; do
    bps $variant bench large --x "$out/data/large/X.f32" --y "$out/data/large/Y.f32" --features 32 \
      --epochs $((rounds + 1)) --threads $threads | tag "{\"tool\":\"bps-$variant\"}"
  done
  for tool in torch numpy; do
    py ref_large.py $tool "$out/data/large" --threads $threads --epochs $((rounds + 1)) | tag '{}'
  done
done

# --- 3. CSV loading: 2,000,000 x 9 --------------------------------------------------------------
echo "CSV loading"
cat "$out/data/big.csv" > /dev/null  # in the page cache for everyone
for variant in portable native; do
  bps $variant bench csv "$out/data/big.csv" --repeats "$rounds" | tag "{\"tool\":\"bps-$variant\"}"
done
py ref_csv.py "$out/data/big.csv" --repeats "$rounds" | tag '{}'
# Peak memory of one read, whole process (/usr/bin/time -v: maximum resident set size).
peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}'; }
echo "{\"workload\":\"csv-memory\",\"tool\":\"bps-portable\",\"peak_kb\":$(peak "$out/portable/app/backprop-studio" bench csv "$out/data/big.csv" --repeats 1)}" >> "$results"
echo "{\"workload\":\"csv-memory\",\"tool\":\"pandas\",\"peak_kb\":$(peak env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$root/bench/ref_csv.py" "$out/data/big.csv" --repeats 1)}" >> "$results"

# --- 4. The UI under load (optional harness, see bench/README.md) -------------------------------
if [ -x "$out/portable/bench/ui_load" ]; then
  for round in $(seq "$rounds"); do
    echo "UI round $round/$rounds"
    QT_QPA_PLATFORM=offscreen "$out/portable/bench/ui_load" resources/htru2.csv | tag '{"tool":"bps-portable"}'
  done
fi

python3 bench/report.py "$results" > bench/results.md
echo "wrote bench/results.md"
