"""villageplanner:monitorchange on the sample county and a generated next-year survey with planted cases.

A real quota pool (GeoPackage) holds a draw covering one planted homestead and a reversed draw covering
another; the third lies on permanent basic farmland.
"""

import json
import os
import subprocess

import pytest
import shapely
from openpyxl import load_workbook
from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterVectorLayer,
    QgsVectorLayer,
)

from tests.conftest import gpkg_layer
from village_planner.core import quota as q
from village_planner.sample.change_survey import make_change_survey
from village_planner.store.quota_store import GpkgQuotaStore

QGIS_PROCESS = "/usr/bin/qgis_process.bin"


@pytest.fixture(scope="module")
def survey(sample_dir, out_dir):
    folder = os.path.join(out_dir, "monitor")
    os.makedirs(folder, exist_ok=True)
    manifest = make_change_survey(sample_dir, folder)
    planted = manifest["planted"]
    pool = os.path.join(folder, "pool.gpkg")
    if os.path.exists(pool):
        os.remove(pool)
    store = GpkgQuotaStore(pool)
    villages = [{"village_code": planted[c]["village"], "village_name": c, "town": "", "category": "agglomeration",
                 "planned_ha": 20.0} for c in planted]
    store.create("500230", 100000.0, 99000.0, q.load_policy(), villages, crs="EPSG:4545")
    covered, unexplained = planted["covered"], planted["unexplained"]

    def entry(**kw):
        return q.Entry(author="test", **kw)

    store.record(entry(kind="inflow", units=q.to_units(5), date="2026-01-10", document_no="inflow-1",
                       source="annual_plan"))
    for case in (covered, unexplained):
        store.record(entry(kind="allocate", units=q.to_units(1), date="2026-02-01", document_no="alloc",
                           village=case["village"]))
    wkb = shapely.to_wkb(shapely.from_wkt(covered["geometry_wkt"]).buffer(1.0, join_style=2))
    store.record(entry(kind="draw", units=q.to_units(0.09), date="2026-05-20", document_no="丰都规资〔2026〕7号",
                       village=covered["village"], land_use_code="0703", flexible=True, geometry_wkb=wkb))
    # a draw over the other homestead, reversed: it covers nothing
    seq, _ = store.record(entry(kind="draw", units=q.to_units(0.09), date="2026-06-01", document_no="撤销-1",
                                village=unexplained["village"], geometry_wkb=shapely.to_wkb(
                                    shapely.from_wkt(unexplained["geometry_wkt"]))))
    store.record(entry(kind="reverse", units=q.to_units(0.09), date="2026-06-02", document_no="撤销-2",
                       reverses=seq))
    # a draw before the period does not count either
    store.record(entry(kind="draw", units=q.to_units(0.09), date="2025-06-01", document_no="old",
                       village=unexplained["village"], geometry_wkb=shapely.to_wkb(
                           shapely.from_wkt(unexplained["geometry_wkt"]))))
    return manifest, pool, folder


def params(sample_dir, survey, **extra):
    manifest, pool, folder = survey
    base = {"BASELINE": gpkg_layer(sample_dir, "DLTB"), "CURRENT": manifest["path"] + "|layername=DLTB",
            "VILLAGES": gpkg_layer(sample_dir, "CJDCQ"), "PLANNED_LANDUSE": gpkg_layer(sample_dir, "GHDLTB"),
            "BASIC_FARMLAND": gpkg_layer(sample_dir, "YJJBNTTB"), "ECO_REDLINE": gpkg_layer(sample_dir, "STBHHX"),
            "QUOTA_DATABASE": pool, "PERIOD_START": "2026-01-01", "PERIOD_END": "2026-12-31"}
    base.update(extra)
    return base


@pytest.fixture(scope="module")
def result(sample_dir, survey, vp_provider):
    import processing

    folder = survey[2]
    res = processing.run("villageplanner:monitorchange", params(
        sample_dir, survey, OUTPUT=os.path.join(folder, "monitor.gpkg"),
        OUTPUT_CHANGES=os.path.join(folder, "changes.gpkg"), OUTPUT_XLSX=os.path.join(folder, "monitor.xlsx"),
        OUTPUT_HTML=os.path.join(folder, "monitor.html")))
    layer = QgsVectorLayer(res["OUTPUT"], "monitor", "ogr")
    rows = {f["village_code"]: {k.name(): f[k.name()] for k in layer.fields()} for f in layer.getFeatures()}
    return res, rows


def test_covered_homestead_is_not_flagged(result, survey):
    _, rows = result
    planted = survey[0]["planted"]["covered"]
    row = rows[planted["village"]]
    assert row["new_construction_ha"] == pytest.approx(planted["tbmj"] / 1e4, rel=0.01)
    assert row["covered_ha"] == pytest.approx(planted["tbmj"] / 1e4, rel=0.01)
    assert row["unexplained_ha"] < 0.0001
    assert row["against_plan_ha"] < 0.0001  # a flexible-reserve draw takes its place in the plan
    assert row["drawn_ha"] == pytest.approx(0.09)
    assert row["flagged"] == 0, row["reasons"]


def test_homestead_without_draw_is_flagged_with_its_area(result, survey):
    _, rows = result
    planted = survey[0]["planted"]["unexplained"]
    row = rows[planted["village"]]
    assert row["flagged"] == 1
    assert row["unexplained_ha"] == pytest.approx(planted["tbmj"] / 1e4, rel=0.01)
    assert row["drawn_ha"] == 0  # the reversed draw and the draw before the period do not count
    assert row["against_plan_ha"] == pytest.approx(planted["tbmj"] / 1e4, rel=0.01)


def test_construction_on_basic_farmland_is_flagged_with_its_area(result, survey):
    _, rows = result
    planted = survey[0]["planted"]["basic_farmland"]
    row = rows[planted["village"]]
    assert row["flagged"] == 1
    assert row["bnt_occupied_ha"] == pytest.approx(planted["bnt_m2"] / 1e4, rel=0.01)
    assert row["bnt_occupied_ha"] > 0.08


def test_other_villages_and_slivers(result, survey):
    res, rows = result
    planted = {p["village"] for p in survey[0]["planted"].values()}
    flagged = {c for c, r in rows.items() if r["flagged"]}
    assert flagged == planted - {survey[0]["planted"]["covered"]["village"]}
    assert res["IGNORED_HA"] > 0  # moved vertices leave slivers between classes: ignored, not change
    changes = QgsVectorLayer(res["OUTPUT_CHANGES"], "changes", "ogr")
    pieces = list(changes.getFeatures())
    assert pieces and min(f["area_m2"] for f in pieces) >= 1.0
    # every new construction in the county is one of the three planted homesteads
    new = [f for f in pieces if f["new_construction"]]
    assert len(new) == 3 and {f["code_after"] for f in new} == {"0702"}
    covered = [f for f in new if f["covered_by_draw"]]
    assert len(covered) == 1 and covered[0]["draw_document"] == "丰都规资〔2026〕7号"
    assert sum(r["ignored_sliver_ha"] for r in rows.values()) == pytest.approx(res["IGNORED_HA"], abs=1e-5)


def test_transition_matrix_sums_to_both_years(result, sample_dir, survey):
    res, _ = result
    wb = load_workbook(res["OUTPUT_XLSX"])
    names = wb.sheetnames
    ws = wb[names[2]]
    rows = [list(r) for r in ws.iter_rows(min_row=3, values_only=True)]
    body = rows[:-1]

    def totals(path):
        layer = QgsVectorLayer(path, "p", "ogr")
        out = {}
        from village_planner.core.monitoring import survey_group

        for f in layer.getFeatures():
            g = survey_group(f["DLBM"])
            out[g] = out.get(g, 0.0) + f["TBMJ"] / 1e4
        return out

    base = totals(gpkg_layer(sample_dir, "DLTB"))
    current = totals(survey[0]["path"] + "|layername=DLTB")
    classes = [r[0].split(" ")[0] for r in body]
    for i, cls in enumerate(classes[:-1]):
        # two decimals (issue 12): each row adds up exactly to its base-year total, each column to its later
        # one, and those totals are the layers' own within half a hundredth
        assert round(sum(body[i][1:-1]), 2) == body[i][-1]
        assert body[i][-1] == pytest.approx(base.get(cls, 0.0), abs=0.01), cls
        assert round(sum(r[1 + i] for r in body), 2) == pytest.approx(rows[-1][1 + i], abs=1e-9)
        assert rows[-1][1 + i] == pytest.approx(current.get(cls, 0.0), abs=0.01), cls
    # the unmatched row and column hold little: the surveys cover the same county
    assert abs(sum(body[-1][1:-1])) < 1.0
    assert os.path.getsize(res["OUTPUT_HTML"]) > 1000


def test_model_runs_monitoring(sample_dir, survey, tmp_path, vp_provider):
    model = QgsProcessingModelAlgorithm("monitor model", "village planner")
    model.addModelParameter(QgsProcessingParameterVectorLayer("current", "current"),
                            QgsProcessingModelParameter("current"))
    child = QgsProcessingModelChildAlgorithm("villageplanner:monitorchange")
    child.setChildId("monitor")
    for name, value in params(sample_dir, survey).items():
        if name != "CURRENT":
            child.addParameterSources(name, [QgsProcessingModelChildParameterSource.fromStaticValue(value)])
    child.addParameterSources("CURRENT", [QgsProcessingModelChildParameterSource.fromModelParameter("current")])
    out = QgsProcessingModelOutput("villages", "villages")
    out.setChildOutputName("OUTPUT")
    child.setModelOutputs({"villages": out})
    model.addChildAlgorithm(child)
    dest = str(tmp_path / "villages.gpkg")
    results, ok = model.run({"current": survey[0]["path"] + "|layername=DLTB", "monitor:villages": dest},
                            QgsProcessingContext(), QgsProcessingFeedback())
    assert ok
    layer = QgsVectorLayer(dest, "v", "ogr")
    assert sum(f["flagged"] for f in layer.getFeatures()) == 2


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    import sys

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "scripts"))
    import package

    root = tmp_path_factory.mktemp("qgisconfig")
    package.deploy(str(root / "profiles" / "default"))
    runtime = root / "runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(root), QT_QPA_PLATFORM="offscreen",
               XDG_RUNTIME_DIR=str(runtime))
    env.pop("PYTHONPATH", None)
    subprocess.run([QGIS_PROCESS, "plugins", "enable", "village_planner"], env=env, capture_output=True,
                   text=True, timeout=120)
    return env


def test_qgis_process_runs_monitoring(deployed, sample_dir, survey, tmp_path):
    args = ["%s=%s" % kv for kv in params(sample_dir, survey).items()]
    out = subprocess.run([QGIS_PROCESS, "--json", "run", "villageplanner:monitorchange", "--", *args,
                          "OUTPUT=%s" % (tmp_path / "m.gpkg"), "OUTPUT_CHANGES=%s" % (tmp_path / "c.gpkg")],
                         env=deployed, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    res = json.loads(out.stdout[out.stdout.index("{"):])["results"]
    assert res["FLAGGED"] == 2
    assert os.path.exists(res["OUTPUT_CHANGES"])


def test_dock_lists_flagged_villages_and_the_selected_piece(result):
    from qgis.core import QgsProject

    from village_planner.gui.monitoring_dock import MonitoringDock

    res, _ = result
    villages = QgsVectorLayer(res["OUTPUT"], "monitoring", "ogr")
    changes = QgsVectorLayer(res["OUTPUT_CHANGES"], "changes", "ogr")
    QgsProject.instance().addMapLayers([villages, changes])
    try:
        dock = MonitoringDock()
        assert dock.load() == 2
        assert changes.renderer().type() == "categorizedSymbol"
        covered = [f.id() for f in changes.getFeatures() if f["covered_by_draw"]]
        changes.selectByIds(covered)
        text = dock.piece.text()
        assert "丰都规资〔2026〕7号" in text and "0702" in text
        dock.follow_changes(None)
        dock.deleteLater()
    finally:
        QgsProject.instance().removeMapLayers([villages.id(), changes.id()])
