"""The sample county generator and the house rules (core has no Qt/QGIS, ruff)."""

import hashlib
import os
import subprocess
import sys

from osgeo import ogr

from village_planner.sample.generator import County, generate

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _digest(path):
    ds = ogr.Open(path)
    h = hashlib.sha256()
    for name in ("DLTB", "CJDCQ", "YJJBNTTB"):
        for feat in ds.GetLayerByName(name):
            h.update(repr(feat.items()).encode())
            h.update(feat.GetGeometryRef().ExportToWkb())
    return h.hexdigest()


def test_generator_is_deterministic(tmp_path):
    generate(str(tmp_path / "a"), villages=6, parcels=600, seed=7, variants=False)
    generate(str(tmp_path / "b"), villages=6, parcels=600, seed=7, variants=False)
    generate(str(tmp_path / "c"), villages=6, parcels=600, seed=8, variants=False)
    a, b, c = (_digest(str(tmp_path / x / "county.gpkg")) for x in "abc")
    assert a == b
    assert a != c


def test_sample_follows_the_survey_schema():
    county = County(villages=8, parcels=1600, seed=3)
    codes = {a["ZLDWDM"] for a in county.parcel_attrs}
    assert all(len(c) == 19 and c.isdigit() for c in codes)
    assert len({c[:12] for c in codes}) >= 8  # plus the planted orphan
    for att in county.parcel_attrs:
        assert abs(att["TBMJ"] - att["KCMJ"] - att["TBDLMJ"]) < 0.0051
        if att["KCMJ"] > 0:
            assert att["KCDLBM"] == "1203"
    classes = {a["DLBM"] for a in county.parcel_attrs}
    assert {"0101", "0702", "0301", "1003"} <= classes
    assert any(c.endswith("K") for c in classes)
    assert len(county.defects["invalid_geometry_bsm"]) == 2
    assert county.stats[1]["传统村落级别"]
    assert len(county.stats) == 7  # one village has no statistics row


def test_core_imports_neither_qt_nor_qgis():
    code = ("import sys, pkgutil, importlib, village_planner.core as c\n"
            "for m in pkgutil.iter_modules(c.__path__): importlib.import_module('village_planner.core.' + m.name)\n"
            "import village_planner.sample.generator\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('qgis', 'PyQt5', 'PyQt6', 'sip')]\n"
            "assert not bad, bad\nprint('clean')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "clean" in out.stdout


def test_ruff_is_clean():
    out = subprocess.run([sys.executable, "-m", "ruff", "check", "village_planner", "tests", "scripts"],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
