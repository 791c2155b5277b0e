#!/usr/bin/env python3
"""check_deb: build the .deb with CPack from the build tree, read it back with dpkg-deb (control
fields, dependencies, file list), install it with `dpkg --root` into a throwaway root that has
its own, empty dpkg database, and run the installed binary there with the environment unchanged.

The dependencies are checked against this machine's package database: each one dpkg-shlibdeps
wrote must name an installed Debian package, which is what `apt install ./backprop-studio_*.deb`
on a clean Debian 12 resolves them to.

usage: check_deb.py CPACK BUILD_DIR SAMPLE_CSV VERSION APP_ID GUI(ON|OFF)"""
import os
import pathlib
import re
import subprocess
import sys
import tempfile

import install_tree


def output(*cmd, **kw) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True, **kw).stdout


def control_fields(deb: pathlib.Path) -> dict:
    fields = {}
    for line in output("dpkg-deb", "--field", str(deb)).splitlines():
        if line and not line.startswith(" ") and ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return fields


def check_dependencies(depends: str, gui: bool, problems: list) -> None:
    names = [re.split(r"[\s(]", alt.strip())[0]
             for dep in depends.split(",") for alt in dep.split("|") if alt.strip()]
    want = {"libc6", "libstdc++6"}
    if gui:
        want |= {"libqt6widgets6", "libqt6charts6", "qt6-qpa-plugins"}
    for name in sorted(want - set(names)):
        problems.append(f"Depends lacks {name}: {depends}")
    if not gui and any(n.startswith("libqt6") for n in names):
        problems.append(f"a build without the GUI depends on Qt: {depends}")
    for name in names:
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name],
                                capture_output=True, text=True).stdout
        if "install ok installed" not in status:
            problems.append(f"dependency {name} is not an installed Debian package here")


def install_with_dpkg(deb: pathlib.Path, root: pathlib.Path, problems: list) -> None:
    """dpkg -i into ROOT. ROOT's database knows no other package, so the dependencies (checked
    above against the real one) are reported, not enforced."""
    admin = root / "var/lib/dpkg"
    for d in ("info", "updates", "triggers"):
        (admin / d).mkdir(parents=True)
    for f in ("status", "available"):
        (admin / f).touch()
    run = subprocess.run(["dpkg", f"--root={root}", "--force-depends", "--force-not-root",
                          "--log=/dev/null", "--no-triggers", "-i", str(deb)],
                         capture_output=True, text=True)
    if run.returncode != 0:
        problems.append(f"dpkg -i failed ({run.returncode}):\n{run.stdout}{run.stderr}")
        return
    status = output("dpkg-query", f"--admindir={admin}", "-W", "-f=${Status}",
                    "backprop-studio")
    if status != "install ok installed":
        problems.append(f"after dpkg -i the package's status is '{status}'")


def main(cpack, build_dir, csv, version, app_id, gui) -> int:
    gui = gui.upper() in ("ON", "1", "TRUE", "YES")
    problems = []
    with tempfile.TemporaryDirectory(prefix="bps-deb-") as tmp:
        tmp = pathlib.Path(tmp)
        run = subprocess.run([cpack, "-G", "DEB", "--config",
                              str(pathlib.Path(build_dir) / "CPackConfig.cmake"), "-B", str(tmp)],
                             cwd=build_dir, capture_output=True, text=True)
        debs = sorted(tmp.glob("*.deb"))
        if run.returncode != 0 or len(debs) != 1:
            print(run.stdout + run.stderr)
            return install_tree.report([f"cpack failed ({run.returncode}), made {debs}"], "deb")
        deb = debs[0]
        arch = output("dpkg", "--print-architecture").strip()
        if deb.name != f"backprop-studio_{version}_{arch}.deb":
            problems.append(f"package file named {deb.name}")
        print(output("dpkg-deb", "--info", str(deb)))

        fields = control_fields(deb)
        for key, want in (("Package", "backprop-studio"), ("Version", version),
                          ("Architecture", arch)):
            if fields.get(key) != want:
                problems.append(f"{key}: '{fields.get(key)}', expected '{want}'")
        check_dependencies(fields.get("Depends", ""), gui, problems)

        contents = output("dpkg-deb", "--contents", str(deb)).splitlines()
        files = set()
        for line in contents:
            perms, owner, *_, path = line.split()
            if owner != "root/root":
                problems.append(f"{path} is owned by {owner}")
            if not perms.startswith("d"):
                files.add(path.removeprefix("./usr/"))
        want = install_tree.expected_files(app_id, gui)
        for f in sorted(want - files):
            problems.append(f"the package lacks {f}")
        for f in sorted(files - want):
            problems.append(f"the package holds the unexpected {f}")

        root = tmp / "root"
        install_with_dpkg(deb, root, problems)
        prefix = root / "usr"
        if (prefix / install_tree.EXECUTABLE).is_file():
            install_tree.check_tree(prefix, app_id, version, gui, problems)
            exe = prefix / install_tree.EXECUTABLE
            install_tree.check_no_build_paths(exe, str(pathlib.Path(build_dir).resolve()), problems)
            install_tree.check_runs(exe, csv, version, problems)
    return install_tree.report(problems, "debian package")


if __name__ == "__main__":
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
