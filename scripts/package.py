"""Build the installable plugin zip, or deploy the plugin into a QGIS profile.

    python scripts/package.py --out dist            # dist/village_planner-<version>.zip
    python scripts/package.py --deploy PROFILE_DIR  # install + dependencies + enable
"""

import argparse
import configparser
import os
import shutil
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAME = "village_planner"
SKIP_DIRS = {"__pycache__", ".pytest_cache", ".ruff_cache", "libs"}
SKIP_EXT = {".pyc", ".pyo", ".qm~", ".ts"}


def version():
    cp = configparser.ConfigParser(interpolation=None)
    cp.read(os.path.join(ROOT, "metadata.txt"), encoding="utf-8")
    return cp["general"]["version"]


def _copy_tree(src, dst):
    for base, dirs, files in os.walk(src):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        rel = os.path.relpath(base, src)
        os.makedirs(os.path.join(dst, rel), exist_ok=True)
        for name in files:
            if os.path.splitext(name)[1] in SKIP_EXT:
                continue
            shutil.copy2(os.path.join(base, name), os.path.join(dst, rel, name))


def build(staging):
    """Assemble the plugin folder: the package plus metadata, resources and compiled translations."""
    target = os.path.join(staging, NAME)
    shutil.rmtree(target, ignore_errors=True)
    _copy_tree(os.path.join(ROOT, NAME), target)
    _copy_tree(os.path.join(ROOT, "resources"), os.path.join(target, "resources"))
    os.makedirs(os.path.join(target, "i18n"), exist_ok=True)
    qms = [n for n in os.listdir(os.path.join(ROOT, "i18n")) if n.endswith(".qm")]
    if not qms:
        sys.exit("no compiled translations in i18n/: run `make i18n` (or `make setup`) first")
    for name in qms:
        shutil.copy2(os.path.join(ROOT, "i18n", name), os.path.join(target, "i18n", name))
    for name in ("metadata.txt", "LICENSE", "README.md"):
        shutil.copy2(os.path.join(ROOT, name), os.path.join(target, name))
    return target


def make_zip(out_dir):
    staging = os.path.join(ROOT, "build", "plugin")
    target = build(staging)
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "%s-%s.zip" % (NAME, version()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for base, _, files in os.walk(target):
            for name in sorted(files):
                full = os.path.join(base, name)
                zf.write(full, os.path.relpath(full, staging))
    return path


def deploy(profile_dir, libs=None):
    """Install the plugin and its Python dependencies into a QGIS profile and enable it."""
    libs = libs or os.path.join(ROOT, "build", "libs")
    plugins = os.path.join(profile_dir, "python", "plugins")
    os.makedirs(plugins, exist_ok=True)
    target = build(plugins)
    if os.path.isdir(libs):
        shutil.copytree(libs, os.path.join(target, "libs"), dirs_exist_ok=True)
    ini_dir = os.path.join(profile_dir, "QGIS")
    os.makedirs(ini_dir, exist_ok=True)
    ini = os.path.join(ini_dir, "QGIS3.ini")
    cp = configparser.ConfigParser(interpolation=None, strict=False)
    cp.optionxform = str
    if os.path.exists(ini):
        cp.read(ini, encoding="utf-8")
    if not cp.has_section("PythonPlugins"):
        cp.add_section("PythonPlugins")
    cp.set("PythonPlugins", NAME, "true")
    with open(ini, "w", encoding="utf-8") as fh:
        cp.write(fh, space_around_delimiters=False)
    return target


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "dist"))
    ap.add_argument("--deploy", metavar="PROFILE_DIR")
    args = ap.parse_args()
    if args.deploy:
        print("deployed to", deploy(args.deploy))
    else:
        print(make_zip(args.out))


if __name__ == "__main__":
    main()
