#!/usr/bin/env bash
# Manual check for issue #14 (not a unit test: wall clock): the app trains a 344-row table for
# 1,000,000 epochs in Xvfb, `stress --cpu 2` starts, then Ctrl+Q (File > Quit, the window's
# closeEvent) is sent; prints the seconds from the key to the process's exit, per try. Set
# NOSTART=1 to close an idle window instead: the same machine's floor.
#   bench/close_under_stress.sh build/app/backprop-studio [TRIES]
# Needs Xvfb, xdotool and stress.
set -u
bin=$(realpath "$1") tries=${2:-5}
work=$(mktemp -d)
python3 - "$work" "$bin" <<'PY'
import json, os, random, subprocess, sys
work, binary = sys.argv[1], sys.argv[2]
random.seed(1)
with open(f"{work}/tiny.csv", "w") as f:
    f.write("x1,x2,x3,label\n")
    for _ in range(344):
        a, b, c = random.random(), random.random(), random.random()
        f.write(f"{a:.4f},{b:.4f},{c:.4f},{int(a + b > 1)}\n")
# The default settings as the command line writes them, with 1,000,000 epochs, as the app's
# stored settings (QSettings' INI file under XDG_CONFIG_HOME).
subprocess.run([binary, "train", f"{work}/tiny.csv", "--epochs", "1", "--quiet",
                "--report-out", f"{work}/r.json"], check=True, stdout=subprocess.DEVNULL)
config = json.load(open(f"{work}/r.json"))["hyperparameters"]
config["epochs"] = 1_000_000
text = json.dumps(config).replace("\\", "\\\\").replace('"', '\\"')
os.makedirs(f"{work}/cfg/Backprop Studio")
with open(f"{work}/cfg/Backprop Studio/backprop-studio.conf", "w") as f:
    f.write(f'[training]\nconfig="{text}"\n')
PY
export DISPLAY=:77
Xvfb :77 -screen 0 1600x1000x24 > /dev/null 2>&1 &
xvfb=$!
sleep 1
for t in $(seq "$tries"); do
  cfg=$(mktemp -d -p "$work")
  cp -r "$work/cfg/." "$cfg/"
  XDG_CONFIG_HOME=$cfg "$bin" "$work/tiny.csv" > /dev/null 2>&1 &
  app=$!
  win=""
  for _ in $(seq 100); do
    win=$(xdotool search --pid $app --name "Backprop Studio" 2> /dev/null | head -1)
    [ -n "$win" ] && break
    sleep 0.1
  done
  sleep 1.5
  # Without a window manager windowactivate --sync waits forever: focus the window directly.
  xdotool windowfocus "$win" > /dev/null 2>&1
  [ -z "${NOSTART:-}" ] && xdotool key --window "$win" ctrl+r
  sleep 2
  stress --cpu 2 > /dev/null 2>&1 &
  st=$!
  sleep 2
  start=$(date +%s.%N)
  xdotool key --window "$win" ctrl+q
  for _ in $(seq 6000); do kill -0 $app 2> /dev/null || break; sleep 0.01; done
  end=$(date +%s.%N)
  alive=no
  if kill -0 $app 2> /dev/null; then alive=yes; kill $app; fi
  kill $st
  wait $st 2> /dev/null
  python3 -c "print(f'try $t: {$end - $start:.2f} s from Ctrl+Q to exit (still running after 60 s: $alive)')"
done
kill $xvfb
rm -rf "$work"
