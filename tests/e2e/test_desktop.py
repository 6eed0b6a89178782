"""The real QGIS desktop under Xvfb, with the plugin installed from the packaged zip."""

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

import package  # noqa: E402

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory):
    return package.make_zip(str(tmp_path_factory.mktemp("dist")))


@pytest.fixture(scope="module")
def ledger_file(sample_dir, out_dir, qgis_processing):
    """A ledger layer made by the plugin, for the dock to show."""
    import processing

    import village_planner

    plugin = village_planner.classFactory(None)
    plugin.initProcessing()
    try:
        res = processing.run("villageplanner:resourceledger", {
            "PARCELS": "%s/county.gpkg|layername=DLTB" % sample_dir,
            "VILLAGES": "%s/county.gpkg|layername=CJDCQ" % sample_dir,
            "VILLAGE_STATS": os.path.join(sample_dir, "village_stats.csv"),
            "HAZARDS": "%s/county.gpkg|layername=DZZHD" % sample_dir,
            "ECO_REDLINE": "%s/county.gpkg|layername=STBHHX" % sample_dir,
            "DEV_BOUNDARY": "%s/county.gpkg|layername=CZKFBJ" % sample_dir,
            "OUTPUT": os.path.join(out_dir, "e2e_ledger.gpkg")})
    finally:
        from qgis.core import QgsApplication

        QgsApplication.processingRegistry().removeProvider(plugin.provider)
    return res["OUTPUT"]


@pytest.fixture(scope="module")
def field_project(sample_dir, out_dir, qgis_processing, tmp_path_factory):
    """A field package for one village, for the desktop to open as a planner on the laptop would."""
    import processing

    import village_planner

    plugin = village_planner.classFactory(None)
    plugin.initProcessing()
    folder = tmp_path_factory.mktemp("field")
    try:
        res = processing.run("villageplanner:fieldpackage", {
            "DATABASE": str(folder / "planning.gpkg"), "VILLAGE_CODES": "500230001002",
            "PARCELS": "%s/county.gpkg|layername=DLTB" % sample_dir, "SURVEYOR": "李工",
            "OUTPUT_FOLDER": str(folder / "packages")})
    finally:
        from qgis.core import QgsApplication

        QgsApplication.processingRegistry().removeProvider(plugin.provider)
    return res["PROJECT"]


def install_from_zip(zip_path, profiles_root, locale):
    """What QGIS's "Install from ZIP" does, plus the dependencies make deploy adds."""
    profile = os.path.join(profiles_root, "profiles", "default")
    plugins = os.path.join(profile, "python", "plugins")
    os.makedirs(plugins)
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(plugins)
    if os.environ.get("VP_QGIS_TARGET") != "ltr":
        # Debian 12's QGIS needs the plugin's own copies (make deploy); Debian 13, the LTR target, has
        # shapely 2, pandas, jinja2 and openpyxl as system packages, as a user there would install them
        shutil.copytree(os.path.join(ROOT, "build", "libs"), os.path.join(plugins, "village_planner", "libs"))
    os.makedirs(os.path.join(profile, "QGIS"))
    with open(os.path.join(profile, "QGIS", "QGIS3.ini"), "w", encoding="utf-8") as fh:
        fh.write("[PythonPlugins]\nvillage_planner=true\n\n[locale]\noverrideFlag=true\nuserLocale=%s\n\n"
                 "[qgis]\ncheckVersion=false\nshowTips=false\n" % locale)


@pytest.mark.parametrize("locale,title", [("zh_CN", "村庄规划助手"), ("en_US", "Village Planner")])
def test_desktop_shows_menu_toolbar_and_provider(plugin_zip, out_dir, tmp_path, locale, title, ledger_file,
                                                 sample_dir, field_project):
    shots = os.path.join(out_dir, "e2e", locale)
    shutil.rmtree(shots, ignore_errors=True)
    os.makedirs(shots)
    profiles = str(tmp_path / "profiles")
    install_from_zip(plugin_zip, profiles, locale)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, PYQGIS_STARTUP=os.path.join(ROOT, "tests", "e2e", "desktop_probe.py"),
               VP_PROBE_OUT=shots, XDG_RUNTIME_DIR=str(runtime), VP_PROBE_LEDGER=ledger_file,
               VP_PROBE_VILLAGES="%s/county.gpkg|layername=CJDCQ" % sample_dir,
               VP_PROBE_BOUNDARY="%s/county.gpkg|layername=CZKFBJ" % sample_dir,
               VP_PROBE_PARCELS="%s/county.gpkg|layername=DLTB" % sample_dir, VP_PROBE_FIELD_PROJECT=field_project)
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("QGIS_CUSTOM_CONFIG_PATH", None)
    env.pop("PYTHONPATH", None)  # the desktop must find everything in its profile
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", "qgis", "--noversioncheck", "--nologo",
         "--profiles-path", profiles], env=env, capture_output=True, text=True, timeout=240)
    error = os.path.join(shots, "probe_error.txt")
    assert not os.path.exists(error), open(error).read()
    probe_file = os.path.join(shots, "probe.json")
    assert os.path.exists(probe_file), proc.stdout[-2000:] + proc.stderr[-3000:]
    with open(probe_file, encoding="utf-8") as fh:
        probe = json.load(fh)
    assert "village_planner" in probe["active_plugins"]
    assert probe["vp_menu_title"] == title
    assert title in probe["menubar"]
    assert len(probe["vp_menu"]) >= 5
    assert probe["toolbar"]
    assert probe["provider"] == title
    assert "villageplanner:resourceledger" in probe["algorithms"]
    assert not any("missing" in m or "缺少" in m for m in probe["messages"]), probe["messages"]
    assert os.path.getsize(os.path.join(shots, "desktop.png")) > 10000
    assert probe["dock_visible"], proc.stderr[-3000:]
    assert probe["dock_html_has_name"]
    assert probe["dock_first_village"] in probe["dock_village"]
    assert os.path.getsize(os.path.join(shots, "ledger_dock.png")) > 10000
    # the classification wizard, page by page
    assert len(probe["wizard_pages"]) == 5, probe.get("wizard_pages")
    assert probe["wizard_missing"] == 1
    assert probe["wizard_decided"] == ["agglomeration"]
    assert ("集聚提升类" if locale == "zh_CN" else "Agglomeration and upgrading") in probe["wizard_guidance"]
    for i in range(1, 6):
        assert os.path.getsize(os.path.join(shots, "wizard_page%d.png" % i)) > 5000
    assert probe["export_preview"]
    assert os.path.getsize(os.path.join(shots, "export_dialog.png")) > 20000
    # the field package's project, opened on the desktop: the homestead form with its value list
    assert probe["field_form_widgets"]["status"] == "ValueMap", probe.get("field_form_widgets")
    assert probe["field_form_shown"] and not probe["field_modal_dialogs"], probe["field_modal_dialogs"]
    shot = os.path.join(shots, "homestead_form.png")
    with open(shot, "rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
    assert os.path.getsize(shot) > 5000
