#!/usr/bin/env python3
# CPU seconds per thread of a command (summed by thread name), from /proc/PID/task/*/stat polled
# every 20 ms (the last reading before exit), and its wall seconds; prints its stdout first.
# For the GUI thread against the training thread in the app (bench/results.md, issue #14):
#   QT_QPA_PLATFORM=offscreen bench/thread_cpu.py build/bench/ui_load FILE.csv --app --epochs N
import os, subprocess, sys, time
tick = os.sysconf("SC_CLK_TCK")
t0 = time.time()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
seen = {}
while p.poll() is None:
    try:
        for tid in os.listdir(f"/proc/{p.pid}/task"):
            try:
                s = open(f"/proc/{p.pid}/task/{tid}/stat").read()
            except OSError:
                continue
            name = s[s.index("(") + 1:s.rindex(")")]
            f = s[s.rindex(")") + 2:].split()
            seen[tid] = (name, (int(f[11]) + int(f[12])) / tick)
    except OSError:
        pass
    time.sleep(0.02)
out = p.stdout.read().decode().strip()
wall = time.time() - t0
by = {}
for name, cpu in seen.values():
    by[name] = by.get(name, 0) + cpu
print(out)
print("wall %.2f s; " % wall + ", ".join(f"{n}: {c:.2f} s" for n, c in sorted(by.items(), key=lambda x: -x[1])))
