#!/usr/bin/env python3
"""check_format: the C++ sources are formatted as .clang-format says. Runs
`clang-format --dry-run -Werror` (clang-format 14, Debian 12's, since other versions format
differently) over the *.h and *.cpp files git tracks in core/ ui/ app/ tests/ bench/.
Fix with: clang-format-14 -i $(git ls-files 'core/*.h' 'core/*.cpp' ...).

usage: check_format.py SOURCE_DIR"""
import pathlib
import shutil
import subprocess
import sys

FOLDERS = ("core", "ui", "app", "tests", "bench")


def clang_format() -> str:
    for name in ("clang-format-14", "clang-format"):
        path = shutil.which(name)
        if path and " version 14." in subprocess.run([path, "--version"], capture_output=True,
                                                     text=True).stdout:
            return path
    sys.exit("check_format: clang-format 14 not found (Debian 12: apt-get install clang-format-14)")


def tracked_sources(root: pathlib.Path) -> list:
    patterns = [f"{d}/*.{ext}" for d in FOLDERS for ext in ("h", "cpp")]
    run = subprocess.run(["git", "-C", str(root), "ls-files", "--", *patterns],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"check_format: git ls-files failed in {root}: {run.stderr.strip()}")
    return run.stdout.split()


def main(root: pathlib.Path) -> int:
    files = tracked_sources(root)
    if not files:
        sys.exit(f"check_format: no tracked sources under {root}")
    run = subprocess.run([clang_format(), "--dry-run", "-Werror", "--style=file", *files],
                         cwd=root, capture_output=True, text=True)
    bad = sorted({line.split(":", 1)[0] for line in run.stderr.splitlines()
                  if ": error: code should be clang-formatted" in line})
    sys.stderr.write(run.stderr)
    for f in bad:
        print(f"not formatted: {f}")
    print(f"{len(files)} files checked, {len(bad)} not formatted")
    return 1 if run.returncode != 0 else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()))
