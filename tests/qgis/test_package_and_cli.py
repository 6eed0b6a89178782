"""The packaged zip, `make deploy` and qgis_process.bin with the deployed plugin."""

import configparser
import json
import os
import subprocess
import sys
import zipfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

import package  # noqa: E402

REQUIRED_METADATA = ("name", "qgisminimumversion", "description", "about", "version", "author", "email",
                     "repository", "tracker", "changelog", "tags", "category", "icon", "hasprocessingprovider")
QGIS_PROCESS = "/usr/bin/qgis_process.bin"


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory):
    return package.make_zip(str(tmp_path_factory.mktemp("dist")))


def test_zip_has_one_top_folder_and_no_build_litter(plugin_zip):
    with zipfile.ZipFile(plugin_zip) as zf:
        names = zf.namelist()
    assert {n.split("/")[0] for n in names} == {"village_planner"}
    assert not [n for n in names if n.endswith((".pyc", ".pyo")) or "__pycache__" in n]
    assert not [n for n in names if "/tests/" in n or n.endswith((".gpkg", ".shp", ".dbf", ".ts"))]
    assert not [n for n in names if "/libs/" in n]
    for needed in ("village_planner/__init__.py", "village_planner/metadata.txt", "village_planner/LICENSE",
                   "village_planner/i18n/village_planner_zh_CN.qm",
                   "village_planner/resources/profiles/ledger_default.json"):
        assert needed in names


def test_metadata_passes_the_plugin_repository_rules(plugin_zip):
    with zipfile.ZipFile(plugin_zip) as zf:
        text = zf.read("village_planner/metadata.txt").decode("utf-8")
        names = zf.namelist()
    cp = configparser.ConfigParser(interpolation=None)
    cp.read_string(text)
    meta = dict(cp["general"])
    for key in REQUIRED_METADATA:
        assert meta.get(key), key
    assert meta["qgisminimumversion"] == "3.22"
    assert meta["hasprocessingprovider"] == "yes"
    assert meta["repository"].startswith("https://") and meta["tracker"].startswith("https://")
    assert "village_planner/" + meta["icon"] in names
    assert len(meta["about"]) > 100


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    root = tmp_path_factory.mktemp("qgisconfig")
    package.deploy(str(root / "profiles" / "default"))
    runtime = root / "runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(root), QT_QPA_PLATFORM="offscreen",
               XDG_RUNTIME_DIR=str(runtime))
    env.pop("PYTHONPATH", None)  # qgis_process must find the plugin and its libs in the profile
    out = subprocess.run([QGIS_PROCESS, "plugins", "enable", "village_planner"], env=env, capture_output=True,
                         text=True, timeout=120)
    # make deploy already enabled it in QGIS3.ini; qgis_process agrees
    assert out.returncode == 0 or "already enabled" in out.stderr, out.stderr
    return env


def test_qgis_process_lists_the_provider(deployed):
    out = subprocess.run([QGIS_PROCESS, "list"], env=deployed, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0
    assert "villageplanner:resourceledger" in out.stdout
    assert "villageplanner:checklayers" in out.stdout


def test_qgis_process_runs_the_ledger(deployed, sample_dir, tmp_path):
    gpkg = os.path.join(sample_dir, "county.gpkg")
    out = subprocess.run(
        [QGIS_PROCESS, "--json", "run", "villageplanner:resourceledger", "--",
         "PARCELS=%s|layername=DLTB" % gpkg, "VILLAGES=%s|layername=CJDCQ" % gpkg,
         "ECO_REDLINE=%s|layername=STBHHX" % gpkg, "VILLAGE_STATS=%s" % os.path.join(sample_dir, "village_stats.csv"),
         "OUTPUT=%s" % (tmp_path / "ledger.gpkg"), "OUTPUT_XLSX=%s" % (tmp_path / "ledger.xlsx")],
        env=deployed, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout[out.stdout.index("{"):])["results"]
    assert result["VILLAGES_COUNT"] == 12
    assert os.path.exists(result["OUTPUT_XLSX"])


def test_qgis_process_fails_on_a_refused_input(deployed, sample_dir, tmp_path):
    out = subprocess.run(
        [QGIS_PROCESS, "run", "villageplanner:resourceledger", "--",
         "PARCELS=%s|layername=CJDCQ" % os.path.join(sample_dir, "county.gpkg"), "OUTPUT=%s" % (tmp_path / "x.gpkg")],
        env=deployed, capture_output=True, text=True, timeout=300)
    assert out.returncode != 0
    assert "DLBM" in out.stdout + out.stderr
