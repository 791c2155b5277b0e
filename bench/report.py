"""Turns build-bench/results.jsonl (one JSON object per tool run, see run.sh) into results.md:
medians, min-max spread and the ratio of Backprop Studio to each reference, all from one run."""
import json
import platform
import statistics
import subprocess
import sys
from collections import defaultdict

records = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]


def collect(workload, metric, **match):
    """tool -> list of per-run values of `metric`, over every record of the workload."""
    values = defaultdict(list)
    extra = {}
    for r in records:
        if r.get("workload") != workload or any(r.get(k) != v for k, v in match.items()):
            continue
        tool = r["tool"] + (f" ({r['threads_used']} thr)" if "threads_used" in r else "")
        values[tool] += [run[metric] for run in r["runs"]]
        extra[tool] = r
    return values, extra


def fmt(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:.3g}"


def table(title, unit, values, extra, ours, refs, note=""):
    lines = [f"### {title}", "", note, "",
             f"| tool | median {unit} | min–max | runs | val ROC AUC | "
             + " | ".join(f"{o} ÷ this" for o in ours) + " |",
             "|---|---:|---:|---:|---:|" + "---:|" * len(ours)]
    med = {t: statistics.median(v) for t, v in values.items()}
    for tool in sorted(values, key=lambda t: -med[t]):
        v = values[tool]
        auc = extra[tool].get("val_roc_auc")
        ratios = [f"**{med[o] / med[tool]:.1f}x**" if o in med and tool in refs else ""
                  for o in ours]
        lines.append(f"| {tool} | {fmt(med[tool])} | {fmt(min(v))}–{fmt(max(v))} | {len(v)} | "
                     + (f"{auc:.4f}" if isinstance(auc, float) else "") + " | "
                     + " | ".join(ratios) + " |")
    return "\n".join(lines) + "\n"


out = ["# Benchmark results", "",
       "Written by `bench/run.sh` (see `bench/README.md`); every figure below comes from one run "
       "on one machine, the tools taking turns round by round. Ratios are of medians.", ""]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
out += [f"Machine: {cpu}, {nproc} cores, {platform.platform()}.", ""]
builds = {r["tool"]: r.get("build") for r in records if r["tool"].startswith("bps-") and r.get("build")}
for tool, build in sorted(builds.items()):
    out.append(f"- `{tool}`: {build}")
blas = next((r["blas"] for r in records if r.get("blas")), [])
out.append("- References: Debian 12's python3 packages; BLAS as threadpoolctl reports it: "
           + "; ".join(f"{b.get('internal_api')} {b.get('version') or ''} "
                       f"{b.get('architecture') or ''} ({b.get('filepath')})" for b in blas)
           + f". OPENBLAS_CORETYPE in their environment: "
           + f"{next((r.get('env_openblas_coretype') for r in records if 'env_openblas_coretype' in r), None)}.")
out.append("")

ours = ["bps-portable", "bps-native"]
refs = {"torch", "numpy", "sklearn"}
for batch, name in ((256, "mini-batch 256"), (0, "full batch")):
    values, extra = collect("htru2", "epochs_per_second", batch_size=batch)
    out.append(table(f"1. HTRU2, 8-16-1 tanh, Adam 0.01, {name}, 200 epochs", "epochs/s", values,
                     extra, ours, refs,
                     "Training time only (data loaded), per-epoch validation loss included "
                     "(scikit-learn's `fit` does none). Each run trains 200 epochs from scratch."))

values, extra = collect("large", "train_samples_per_second")
if not values:
    print("\n".join(out))
    sys.exit(0)
ours_large = [t for t in values if t.startswith("bps-")]
refs_large = {t for t in values if not t.startswith("bps-")}
out.append(table("2. Large data: 1,000,000 x 32, 32-128-1 ReLU, Adam, batch 1024", "samples/s",
                 values, extra, ours_large, refs_large,
                 "Training samples per second over 800,000 training rows, validation loss on "
                 "the other 200,000 every epoch. Runs are epochs 2.. of one training."))

values, extra = collect("csv", "mb_per_second")
if not values:
    print("\n".join(out))
    sys.exit(0)
peaks = {r["tool"]: r["peak_kb"] for r in records if r["workload"] == "csv-memory"}
matrix = next((r["parsed_matrix_megabytes"] for r in records if r.get("parsed_matrix_megabytes")), 0)
note = (f"2,000,000 x 9 numeric CSV ({fmt(next(iter(extra.values()))['megabytes'])} MB), read "
        f"from the page cache. Peak RSS of a whole process reading it once: "
        + ", ".join(f"{t} {p / 1024:.0f} MB" for t, p in peaks.items())
        + f"; parsed matrix {matrix:.0f} MB, budget 1.2 x matrix + 32 MB = {1.2 * matrix + 32:.0f} MB.")
out.append(table("3. CSV loading", "MB/s", values, extra, ours, {"pandas"}, note))

def ui_runs():
    """The UI harness's figures, one dict per ui_load run (run.sh runs it once per round)."""
    return [r for r in records if r.get("workload") == "ui"]


def ui_medians():
    runs = ui_runs()
    keys = ("updates_per_second", "stall_p99_ms", "stall_max_ms", "redraw_1m_ms")
    return {k: statistics.median(r[k] for r in runs) for k in keys}, {
        k: (min(r[k] for r in runs), max(r[k] for r in runs)) for k in keys}


if ui_runs():
    m, spread = ui_medians()
    cell = lambda k, f: f"{m[k]:{f}} ({spread[k][0]:{f}}–{spread[k][1]:{f}})"
    out += ["### 4. The UI under load", "",
            f"Medians of {len(ui_runs())} runs of the harness (min–max in brackets); each run's "
            "redraw figure is itself the median of 7 repaints.", "",
            "| chart updates/s | event-loop stall p99 (ms) | max stall (ms) | redraw of 1,000,000 epochs (ms) |",
            "|---:|---:|---:|---:|",
            f"| {cell('updates_per_second', '.1f')} | {cell('stall_p99_ms', '.1f')} | "
            f"{cell('stall_max_ms', '.1f')} | {cell('redraw_1m_ms', '.1f')} |", ""]


def medians(workload, metric, **match):
    values, extra = collect(workload, metric, **match)
    return {t: statistics.median(v) for t, v in values.items()}, extra


def verdict(ok):
    return "met" if ok else "**not met**"


def goals():
    """The issue #6 goals, each checked against this run's medians."""
    lines = ["## Goals: met and not met (this run)", "",
             "Computed by `bench/report.py` from the medians above.", "",
             "| goal | result |", "|---|---|"]
    for batch, name in ((256, "batch 256"), (0, "full batch")):
        med, extra = medians("htru2", "epochs_per_second", batch_size=batch)
        if not all(t in med for t in ("torch", "numpy", "sklearn")):
            continue
        for ours in ("bps-portable", "bps-native"):
            if ours not in med:
                continue
            r = {t: med[ours] / med[t] for t in ("torch", "sklearn", "numpy")}
            ok = r["torch"] >= 50 and r["sklearn"] >= 20 and r["numpy"] >= 20
            lines.append(f"| HTRU2 {name}, {ours}: >= 50x PyTorch, >= 20x scikit-learn and numpy "
                         f"| {verdict(ok)}: {r['torch']:.1f}x PyTorch, {r['sklearn']:.1f}x "
                         f"scikit-learn, {r['numpy']:.1f}x numpy |")
        aucs = {t: e.get("val_roc_auc") for t, e in extra.items()}
        ref_aucs = [a for t, a in aucs.items() if not t.startswith("bps-") and a is not None]
        our_aucs = [a for t, a in aucs.items() if t.startswith("bps-") and a is not None]
        if ref_aucs and our_aucs:
            gap = max(abs(a - b) for a in our_aucs for b in ref_aucs)
            lines.append(f"| HTRU2 {name}: same ROC AUC (+-0.005) | {verdict(gap <= 0.005)}: "
                         f"{', '.join(f'{a:.4f}' for a in our_aucs)} vs "
                         f"{min(ref_aucs):.4f}-{max(ref_aucs):.4f} |")
    med, _ = medians("large", "train_samples_per_second")
    refs_large = {t: v for t, v in med.items() if not t.startswith("bps-")}
    if refs_large:
        best_ref = max(refs_large, key=refs_large.get)
        for ours in ("bps-portable", "bps-native"):
            mine = {t: v for t, v in med.items() if t.startswith(ours + " ")}
            if not mine:
                continue
            best = max(mine, key=mine.get)
            ratio = mine[best] / refs_large[best_ref]
            lines.append(f"| Large data, {ours}: >= 2x the faster of numpy/PyTorch (1 or 2 "
                         f"threads) | {verdict(ratio >= 2)}: {ratio:.1f}x ({best} vs {best_ref}) |")
    med, _ = medians("csv", "mb_per_second")
    peaks = {r["tool"]: r["peak_kb"] / 1024 for r in records if r["workload"] == "csv-memory"}
    matrix = next((r["parsed_matrix_megabytes"] for r in records
                   if r.get("parsed_matrix_megabytes")), 0)
    if "pandas" in med and "bps-portable" in med:
        ratio = med["bps-portable"] / med["pandas"]
        budget = 1.2 * matrix + 32
        peak = peaks.get("bps-portable")
        memory = (f"memory {verdict(peak <= budget)} ({peak:.0f} MB of {budget:.0f} MB)"
                  if peak else "memory not measured")
        lines.append(f"| CSV: >= 4x pandas, peak RSS <= 1.2 x matrix + 32 MB | speed "
                     f"{verdict(ratio >= 4)} ({ratio:.1f}x); {memory} |")
    if ui_runs():
        r, _ = ui_medians()
        ok = r["updates_per_second"] >= 25 and r["stall_p99_ms"] <= 20 and r["redraw_1m_ms"] <= 16
        lines.append(f"| UI: >= 25 chart updates/s, stall p99 <= 20 ms, 1M-epoch redraw <= 16 ms "
                     f"| {verdict(ok)}: {r['updates_per_second']:.1f}/s, p99 "
                     f"{r['stall_p99_ms']:.1f} ms, {r['redraw_1m_ms']:.1f} ms (medians) |")
    return lines + [""]


out += goals()
print("\n".join(out))
