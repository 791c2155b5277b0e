#!/usr/bin/env python3
"""check_install: `cmake --install` the build into a temporary DESTDIR (prefix /usr), check the
tree file by file (install_tree.py), then run the installed binary headless: --version and
`train SAMPLE.csv --epochs 2 --quiet`, with the environment (LD_LIBRARY_PATH too) unchanged.

usage: check_install.py CMAKE BUILD_DIR SAMPLE_CSV VERSION APP_ID GUI(ON|OFF)"""
import os
import pathlib
import subprocess
import sys
import tempfile

import install_tree


def main(cmake, build_dir, csv, version, app_id, gui) -> int:
    gui = gui.upper() in ("ON", "1", "TRUE", "YES")
    problems = []
    with tempfile.TemporaryDirectory(prefix="bps-install-") as dest:
        env = dict(os.environ, DESTDIR=dest)
        run = subprocess.run([cmake, "--install", build_dir, "--prefix", "/usr"], env=env,
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stdout + run.stderr)
            return install_tree.report([f"cmake --install failed ({run.returncode})"], "install")
        prefix = pathlib.Path(dest) / "usr"
        if sorted(p.name for p in pathlib.Path(dest).iterdir()) != ["usr"]:
            problems.append(f"files outside the prefix: {sorted(os.listdir(dest))}")
        install_tree.check_tree(prefix, app_id, version, gui, problems)
        exe = prefix / install_tree.EXECUTABLE
        if exe.is_file():
            install_tree.check_no_build_paths(exe, str(pathlib.Path(build_dir).resolve()),
                                              problems)
            install_tree.check_runs(exe, csv, version, problems)
    return install_tree.report(problems, "install tree")


if __name__ == "__main__":
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
