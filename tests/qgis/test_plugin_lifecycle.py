"""The plugin inside QGIS: menu, toolbar, provider, translator; load/unload twice."""

import json
import os
import subprocess
import sys
import textwrap

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QMenu, QToolBar

import village_planner

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _flush():
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def _state(mw):
    _flush()
    return {
        "menus": [a.text() for a in mw.menuBar().actions()],
        "vp_menus": len(mw.findChildren(QMenu, "VillagePlannerMenu")),
        "vp_toolbars": len(mw.findChildren(QToolBar, "VillagePlannerToolbar")),
        "provider": QgsApplication.processingRegistry().providerById("villageplanner") is not None,
    }


def test_load_and_unload_twice_leaves_nothing(qgis_iface, qgis_processing):
    mw = qgis_iface.mainWindow()
    before = _state(mw)
    assert before["vp_menus"] == 0 and not before["provider"]
    for _ in range(2):
        plugin = village_planner.classFactory(qgis_iface)
        plugin.initGui()
        loaded = _state(mw)
        assert loaded["vp_menus"] == 1
        assert loaded["vp_toolbars"] == 1
        assert loaded["provider"]
        assert len(loaded["menus"]) == len(before["menus"]) + 1
        names = {a.objectName() for a in plugin.menu.actions()}
        assert {"VillagePlanner_resourceledger", "VillagePlanner_checklayers", "VillagePlanner_fieldmapping"} <= names
        registry = QgsApplication.processingRegistry()
        algs = {a.id() for a in registry.providerById("villageplanner").algorithms()}
        assert {"villageplanner:resourceledger", "villageplanner:checklayers", "villageplanner:samplecounty"} <= algs
        assert plugin.translation is not None
        plugin.unload()
        assert _state(mw) == before
        assert plugin.translation.translator is None


def test_missing_dependency_is_reported_and_qgis_keeps_running(tmp_path):
    """In a fresh process where shapely and openpyxl cannot be imported."""
    script = tmp_path / "missing.py"
    script.write_text(textwrap.dedent("""
        import importlib.abc, json, sys
        BLOCKED = {"shapely", "openpyxl"}
        class Blocker(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in BLOCKED:
                    raise ModuleNotFoundError(name)
                return None
        sys.meta_path.insert(0, Blocker())
        from qgis.core import Qgis, QgsApplication
        app = QgsApplication([], True)
        app.initQgis()
        from qgis.gui import QgsMessageBar
        from qgis.PyQt.QtWidgets import QMainWindow
        class Iface:  # the three members of QgisInterface the plugin uses
            def __init__(self):
                self.mw = QMainWindow()
                self.bar = QgsMessageBar(self.mw)
            def mainWindow(self):
                return self.mw
            def messageBar(self):
                return self.bar
            def addToolBar(self, name):
                return self.mw.addToolBar(name)
        iface = Iface()
        import village_planner
        plugin = village_planner.classFactory(iface)
        plugin.initGui()
        out = {
            "missing": [n for n, _ in plugin.missing],
            "messages": [i.text() for i in iface.messageBar().items() if i.level() == Qgis.Warning],
            "provider": QgsApplication.processingRegistry().providerById("villageplanner") is not None,
            "enabled": {a.objectName(): a.isEnabled() for a in plugin.actions},
        }
        plugin.unload()
        print("RESULT" + json.dumps(out))
    """), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT"))
    out = json.loads(line[len("RESULT"):])
    assert out["missing"] == ["shapely", "openpyxl"]
    assert not out["provider"]
    text = " ".join(out["messages"])
    assert "shapely" in text and "openpyxl" in text
    assert "OSGeo4W" in text and "pip install" in text
    assert out["enabled"]["VillagePlanner_resourceledger"] is False
    assert out["enabled"]["VillagePlanner_about"] is True


def test_dialogs_are_prefilled_from_the_project(qgis_iface, sample_dir, tmp_path, qgis_processing):
    from qgis.core import QgsProject, QgsVectorLayer

    from tests.conftest import gpkg_layer

    project = QgsProject.instance()
    project.clear()
    project.write(str(tmp_path / "county.qgs"))
    # names as delivered, and one layer recognised by its fields only
    layers = [QgsVectorLayer(gpkg_layer(sample_dir, n), label, "ogr") for n, label in (
        ("DLTB", "地类图斑"), ("CJDCQ", "CJDCQ"), ("YJJBNTTB", "基本农田 2023"), ("STBHHX", "STBHHX"),
        ("CJTJ", "村庄统计"))]
    project.addMapLayers(layers)
    plugin = village_planner.classFactory(qgis_iface)
    plugin.initProcessing()
    try:
        params = plugin.prefilled_parameters("resourceledger")
        assert params["PARCELS"] == layers[0].id()
        assert params["VILLAGES"] == layers[1].id()
        assert params["BASIC_FARMLAND"] == layers[2].id()  # by its JBNTMJ field
        assert params["ECO_REDLINE"] == layers[3].id()
        assert params["VILLAGE_STATS"] == layers[4].id()
        assert params["PLANNING_DB"] == str(tmp_path / "county_planning.gpkg")
        # every algorithm declares its defaults through its parameters: the map export takes the
        # parcels as its current land use, and no parameter it does not have
        maps = plugin.prefilled_parameters("exportvillagemaps")
        assert maps["CURRENT_LANDUSE"] == layers[0].id() and maps["VILLAGES"] == layers[1].id()
        assert "PARCELS" not in maps and "VILLAGE_STATS" not in maps
        pool = plugin.prefilled_parameters("quotapoolcreate")
        assert pool["DATABASE"] == str(tmp_path / "county_planning.gpkg")
    finally:
        from qgis.core import QgsApplication

        QgsApplication.processingRegistry().removeProvider(plugin.provider)
        plugin.translation.remove()
        project.clear()


def test_the_toolbox_is_grouped(vp_provider):
    """Algorithms are grouped by the planner's work, not one flat list (issue 10)."""
    groups = {alg.id().split(":")[1]: alg.groupId() for alg in vp_provider.algorithms()}
    assert groups["checklayers"] == "check"
    assert groups["resourceledger"] == groups["ledgerdiff"] == "ledger"
    assert groups["classifyvillages"] == groups["decidecategory"] == "classification"
    assert {groups[a] for a in ("quotapoolcreate", "quotamovement", "quotaimport", "quotareport")} == {"quota"}
    assert groups["exportvillagemaps"] == groups["structuretable"] == groups["indicatortable"] == "plan"
    assert all(alg.group() for alg in vp_provider.algorithms())
