"""What an installed Backprop Studio must look like, shared by check_install.py (the
`cmake --install` tree) and check_deb.py (the .deb's contents).

Every check appends a line to `problems`; a script fails when any were found, after printing
them all, so that one run shows everything that is wrong."""
import configparser
import os
import pathlib
import re
import subprocess
import xml.etree.ElementTree as ET

DOC_DIR = "share/doc/backprop-studio"
EXECUTABLE = "bin/backprop-studio"


def expected_files(app_id: str, gui: bool) -> set:
    """The exact set of files under the prefix: nothing missing, nothing stray."""
    files = {EXECUTABLE, f"{DOC_DIR}/README.md", f"{DOC_DIR}/LICENSE", f"{DOC_DIR}/DATA-README.md"}
    if gui:
        files |= {
            f"share/applications/{app_id}.desktop",
            f"share/metainfo/{app_id}.metainfo.xml",
            "share/icons/hicolor/scalable/apps/backprop-studio.svg",
        }
    return files


def files_under(prefix: pathlib.Path) -> set:
    return {p.relative_to(prefix).as_posix() for p in prefix.rglob("*") if not p.is_dir()}


def check_tree(prefix: pathlib.Path, app_id: str, version: str, gui: bool,
               problems: list) -> None:
    found, want = files_under(prefix), expected_files(app_id, gui)
    for f in sorted(want - found):
        problems.append(f"missing: {f}")
    for f in sorted(found - want):
        problems.append(f"not expected: {f}")
    exe = prefix / EXECUTABLE
    if exe.is_file() and not os.access(exe, os.X_OK):
        problems.append(f"{EXECUTABLE} is not executable")
    desktop = f"share/applications/{app_id}.desktop"
    metainfo = f"share/metainfo/{app_id}.metainfo.xml"
    if gui and {desktop, metainfo} <= found:
        check_desktop_links(prefix, app_id, problems)
        check_version_in_metainfo(prefix, app_id, version, problems)


def check_desktop_links(prefix: pathlib.Path, app_id: str, problems: list) -> None:
    """The .desktop file, the metainfo and the icon name each other correctly."""
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(prefix / f"share/applications/{app_id}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    program = desktop.get("Exec", "").split()[0] if desktop.get("Exec") else ""
    if not (prefix / "bin" / program).is_file():
        problems.append(f".desktop Exec runs '{program}', which is not in bin/")
    icon = desktop.get("Icon", "")
    if not (prefix / f"share/icons/hicolor/scalable/apps/{icon}.svg").is_file():
        problems.append(f".desktop Icon '{icon}' is not an installed icon")
    meta = ET.parse(prefix / f"share/metainfo/{app_id}.metainfo.xml").getroot()
    if meta.findtext("id") != app_id:
        problems.append(f"metainfo id '{meta.findtext('id')}' is not '{app_id}'")
    if meta.findtext("launchable") != f"{app_id}.desktop":
        problems.append(f"metainfo launchable '{meta.findtext('launchable')}' is not the .desktop")
    if meta.findtext("provides/binary") != program:
        problems.append(f"metainfo provides binary '{meta.findtext('provides/binary')}', "
                        f"the .desktop runs '{program}'")


def check_version_in_metainfo(prefix: pathlib.Path, app_id: str, version: str,
                              problems: list) -> None:
    """The newest release in the metainfo is the version being installed."""
    meta = ET.parse(prefix / f"share/metainfo/{app_id}.metainfo.xml").getroot()
    releases = [r.get("version") for r in meta.iter("release")]
    if not releases or releases[0] != version:
        problems.append(f"metainfo's newest release is {releases[:1]}, the project is {version}")


def check_runs(exe: pathlib.Path, csv: str, version: str, problems: list) -> None:
    """The installed binary, with the environment unchanged and without a display, reports its
    version and trains two epochs on the sample."""
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    run = subprocess.run([str(exe), "--version"], capture_output=True, text=True, env=env,
                         timeout=60)
    if run.returncode != 0 or run.stdout.strip() != f"backprop-studio {version}":
        problems.append(f"--version: exit {run.returncode}, printed {run.stdout.strip()!r}, "
                        f"stderr {run.stderr.strip()!r}")
    run = subprocess.run([str(exe), "train", csv, "--epochs", "2", "--quiet"],
                         capture_output=True, text=True, env=env, timeout=300)
    if run.returncode != 0 or not re.search(r"^Trained 2 epochs", run.stdout, re.M):
        problems.append(f"train --epochs 2: exit {run.returncode}; stdout:\n{run.stdout}"
                        f"\nstderr:\n{run.stderr}")


def check_no_build_paths(exe: pathlib.Path, build_dir: str, problems: list) -> None:
    """No RPATH/RUNPATH into the build tree: the installed binary must not need it."""
    dyn = subprocess.run(["readelf", "-d", str(exe)], capture_output=True, text=True)
    if dyn.returncode != 0:
        problems.append(f"readelf -d failed: {dyn.stderr.strip()}")
    for line in dyn.stdout.splitlines():
        if ("RPATH" in line or "RUNPATH" in line) and build_dir in line:
            problems.append(f"the installed binary searches the build tree: {line.strip()}")


def report(problems: list, what: str) -> int:
    for p in problems:
        print(p)
    print(f"{what}: {len(problems)} problem(s)")
    return 1 if problems else 0
