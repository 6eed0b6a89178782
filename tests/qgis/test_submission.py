"""Issue 12, sections 3 and 4: the pre-submission check and the submission databases, read back with GDAL."""

import os
import shutil
import sqlite3
import subprocess

import pytest
from osgeo import ogr
from qgis.core import QgsProcessingException, QgsVectorLayer

V1, V2, V3 = "500230001002", "500230001004", "500230002003"


def _run(alg, params):
    import processing

    return processing.run("villageplanner:" + alg, params)


def _plan_layers(path):
    return {"PLANNED_LANDUSE": path + "|layername=GHDLTB", "VILLAGES": path + "|layername=CJDCQ",
            "BASIC_FARMLAND": path + "|layername=YJJBNTTB", "ECO_REDLINE": path + "|layername=STBHHX",
            "DEV_BOUNDARY": path + "|layername=CZKFBJ", "CONSTRUCTION_BOUNDARY": path + "|layername=CZJSBJ",
            "CURRENT_LANDUSE": path + "|layername=DLTB"}


def _findings(path):
    layer = QgsVectorLayer(path, "findings", "ogr")
    return [{"rule": f["rule"], "severity": f["severity"], "feature_id": f["feature_id"], "message": f["message"],
             "has_geometry": f.hasGeometry()} for f in layer.getFeatures()]


def test_the_sample_plan_passes_the_check(sample_dir, tmp_path, vp_provider):
    county = os.path.join(sample_dir, "county.gpkg")
    res = _run("checkplan", dict(_plan_layers(county), OUTPUT=str(tmp_path / "f.gpkg"),
                                 OUTPUT_HTML=str(tmp_path / "r.html"), OUTPUT_XLSX=str(tmp_path / "r.xlsx")))
    assert (res["ERRORS"], res["WARNINGS"]) == (0, 0), _findings(res["OUTPUT"])
    with open(res["OUTPUT_HTML"], encoding="utf-8") as fh:
        assert "Ready for submission" in fh.read()


def _sql(path, statement):
    subprocess.run(["ogrinfo", "-q", path, "-dialect", "sqlite", "-sql", statement], check=True, capture_output=True)


def _homestead_site(path):
    """A paddy of village V3 wholly inside the basic farmland and away from the construction boundary."""
    from qgis.core import QgsFeatureRequest, QgsGeometry

    planned = QgsVectorLayer(path + "|layername=GHDLTB", "p", "ogr")
    farmland = QgsGeometry.unaryUnion([f.geometry() for f in QgsVectorLayer(
        path + "|layername=YJJBNTTB", "b", "ogr").getFeatures()])
    boundary = QgsGeometry.unaryUnion([f.geometry() for f in QgsVectorLayer(
        path + "|layername=CZJSBJ", "c", "ogr").getFeatures()])
    request = QgsFeatureRequest().setFilterExpression("substr(ZLDWDM,1,12)='%s' AND GHDLBM='0101'" % V3)
    for f in sorted(planned.getFeatures(request), key=lambda f: f.id()):
        g = f.geometry()
        if g.intersection(farmland).area() > 0.99 * g.area() and not g.intersects(boundary):
            return f.id()
    raise AssertionError("no paddy inside the farmland in village " + V3)


def _pick(con, sql, *args):
    row = con.execute(sql, args).fetchone()
    assert row is not None, sql
    return row[0]


@pytest.fixture(scope="module")
def planted(sample_dir, tmp_path_factory):
    """A copy of the sample county with errors planted in the planned layer, and what the check must find."""
    path = str(tmp_path_factory.mktemp("planted") / "county.gpkg")
    shutil.copy(os.path.join(sample_dir, "county.gpkg"), path)
    con = sqlite3.connect(path)
    unknown = _pick(con, "SELECT fid FROM GHDLTB WHERE substr(ZLDWDM,1,12)=? AND GHDLBM LIKE '03%' LIMIT 1", V1)
    misnamed = _pick(con, "SELECT fid FROM GHDLTB WHERE substr(ZLDWDM,1,12)=? AND GHDLBM LIKE '03%' "
                          "AND fid<>? LIMIT 1", V1, unknown)
    removed = _pick(con, "SELECT fid FROM GHDLTB WHERE substr(ZLDWDM,1,12)=? AND GHDLBM LIKE '02%' LIMIT 1", V2)
    con.close()
    _sql(path, "UPDATE GHDLTB SET GHDLBM='9999' WHERE fid=%d" % unknown)
    _sql(path, "UPDATE GHDLTB SET GHDLMC='水田' WHERE fid=%d" % misnamed)
    _sql(path, "DELETE FROM GHDLTB WHERE fid=%d" % removed)
    # a homestead planned on a paddy inside the basic farmland, far from the village settlement
    homestead = _homestead_site(path)
    _sql(path, "UPDATE GHDLTB SET GHDLBM='0703', GHDLMC='农村宅基地', CZCSXM='203' WHERE fid=%d" % homestead)
    expected = {("code_unknown", unknown), ("code_name", misnamed), ("gap", None), ("area_control", None),
                ("construction_on_farmland", homestead), ("village_construction_outside_boundary", homestead),
                ("cultivated_decrease", None), ("farmland_decrease", None), ("village_construction_increase", None)}
    return path, expected


def test_planted_errors_are_found_exactly(planted, tmp_path, vp_provider):
    path, expected = planted
    res = _run("checkplan", dict(_plan_layers(path), OUTPUT=str(tmp_path / "f.gpkg"),
                                 OUTPUT_XLSX=str(tmp_path / "r.xlsx")))
    found = _findings(res["OUTPUT"])
    got = {(f["rule"], None if str(f["feature_id"]) == "NULL" else f["feature_id"]) for f in found}
    assert got == expected, found
    assert len(found) == len(expected)
    assert res["WARNINGS"] == 1 and res["ERRORS"] == len(expected) - 1  # more village construction: a warning
    by_rule = {f["rule"]: f for f in found}
    assert by_rule["gap"]["has_geometry"] and by_rule["construction_on_farmland"]["has_geometry"]
    assert V2 in by_rule["gap"]["message"] and V3 in by_rule["cultivated_decrease"]["message"]
    from openpyxl import load_workbook

    ws = load_workbook(res["OUTPUT_XLSX"]).worksheets[0]
    assert ws.max_row == 3 + len(expected)


def test_the_check_speaks_chinese_and_reads_a_village(planted, tmp_path, vp_provider):
    from village_planner.qgis_adapter.i18n import Translation

    path, _ = planted
    translation = Translation()
    translation.install("zh_CN")
    try:
        res = _run("checkplan", dict(_plan_layers(path), VILLAGE_CODES=V1, OUTPUT=str(tmp_path / "f.gpkg")))
    finally:
        translation.remove()
    found = _findings(res["OUTPUT"])
    assert {f["rule"] for f in found} == {"code_unknown", "code_name"}
    assert any("用地用海代码不在2023分类中" in f["message"] for f in found)


def _gdb_layers(path):
    ds = ogr.Open(path)
    assert ds is not None, path
    return {ds.GetLayer(i).GetName(): ds.GetLayer(i) for i in range(ds.GetLayerCount())}, ds


def test_databases_are_written_balanced_and_checked(sample_dir, tmp_path, vp_provider):
    county = os.path.join(sample_dir, "county.gpkg")
    res = _run("buildsubmission", dict(_plan_layers(county), VILLAGE_CODES="%s,%s" % (V1, V2), FORMAT="gdb",
                                       OUTPUT_FOLDER=str(tmp_path)))
    assert (res["DATABASES"], res["READY"], res["NOT_READY"], res["ERRORS"]) == (2, 2, 0, 0)
    files = res["FILES"].splitlines()
    gdb = os.path.join(str(tmp_path), V1 + "_高岭村.gdb")
    assert gdb in files and os.path.isdir(gdb)
    layers, ds = _gdb_layers(gdb)
    assert {"XZQ", "GHYD", "JQYD", "YJJBNT", "STBHHX", "CZJSBJ", "GHZBB", "JGTZB", "VP_META"} <= set(layers)
    ghyd = layers["GHYD"]
    names = [ghyd.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(ghyd.GetLayerDefn().GetFieldCount())]
    assert names[:8] == ["BSM", "YSDM", "XZQDM", "XZQMC", "YDYHFLDM", "YDYHFLMC", "CZCSXM", "TBMJ"]
    control = layers["XZQ"].GetNextFeature()["KZMJ"]
    feats = list(ghyd)
    assert round(sum(round(f["TBMJ"], 2) for f in feats), 2) == pytest.approx(control, abs=0.001)
    assert len({f["BSM"] for f in feats}) == len(feats) and all(f["BSM"].startswith(V1) for f in feats)
    # BSM is unique across the whole database, not only within a layer
    every = [f["BSM"] for name in ("XZQ", "GHYD", "JQYD", "YJJBNT", "STBHHX", "CZJSBJ") for f in layers[name]]
    assert len(set(every)) == len(every)
    assert all(f["YSDM"] and f["XZQMC"] == "高岭村" and f["YDYHFLMC"] for f in feats)
    # the structure table's rows add up to the total at two decimals
    rows = {f["HDM"]: f for f in layers["JGTZB"]}
    top = [r for k, r in rows.items() if r["JB"] == 0 and k != "TOTAL"]
    assert round(sum(r["GHMJ"] for r in top), 2) == pytest.approx(rows["TOTAL"]["GHMJ"], abs=1e-9)
    assert rows["TOTAL"]["GHMJ"] == pytest.approx(round(control / 10000, 2), abs=1e-9)
    meta = {f["KEY"]: f["VALUE"] for f in layers["VP_META"]}
    assert meta["status"] == "READY"
    del layers, ds  # the OGR layers need their dataset until here
    report = os.path.join(str(tmp_path), V1 + "_高岭村_质检报告.html")
    assert report in files


def test_a_database_with_errors_is_written_and_marked(planted, tmp_path, vp_provider):
    path, _ = planted
    res = _run("buildsubmission", dict(_plan_layers(path), VILLAGE_CODES="%s,%s" % (V1, V2), FORMAT="gpkg",
                                       OUTPUT_FOLDER=str(tmp_path)))
    assert (res["DATABASES"], res["READY"], res["NOT_READY"]) == (2, 0, 2)
    gpkg = os.path.join(str(tmp_path), V1 + "_高岭村.gpkg")
    con = sqlite3.connect(gpkg)
    assert dict(con.execute("SELECT KEY, VALUE FROM VP_META").fetchall())["status"] == "NOT_READY"
    con.close()
    with open(os.path.join(str(tmp_path), V1 + "_高岭村_质检报告.html"), encoding="utf-8") as fh:
        html = fh.read()
    assert "Not ready for submission" in html and "code_unknown" in html


def test_village_names_never_become_paths(sample_dir, tmp_path, vp_provider):
    path = str(tmp_path / "county.gpkg")
    shutil.copy(os.path.join(sample_dir, "county.gpkg"), path)
    _sql(path, "UPDATE CJDCQ SET ZLDWMC='../../村/a:b*?' WHERE substr(ZLDWDM,1,12)='%s'" % V1)
    out = tmp_path / "out"
    res = _run("buildsubmission", dict(_plan_layers(path), VILLAGE_CODES=V1, FORMAT="gpkg", OUTPUT_FOLDER=str(out)))
    (db,) = [f for f in res["FILES"].splitlines() if f.endswith(".gpkg")]
    assert os.path.dirname(db) == str(out)
    assert os.path.basename(db) == V1 + "_村_a_b.gpkg"


def test_bad_schema_and_unknown_village(sample_dir, tmp_path, vp_provider):
    county = os.path.join(sample_dir, "county.gpkg")
    schema = tmp_path / "schema.json"
    schema.write_text('{"name": "x", "layers": [{"name": "GHYD", "geometry": "Polygon", "source": "PLANNED", '
                      '"fields": []}]}', encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="layers\\[0\\] > source"):
        _run("buildsubmission", dict(_plan_layers(county), SCHEMA=str(schema), OUTPUT_FOLDER=str(tmp_path / "o")))
    with pytest.raises(QgsProcessingException, match="999999999999"):
        _run("checkplan", dict(_plan_layers(county), VILLAGE_CODES="999999999999", OUTPUT=str(tmp_path / "f.gpkg")))


def test_the_findings_dock_lists_filters_and_zooms(planted, tmp_path, qgis_iface, vp_provider):
    from qgis.core import QgsProject

    from village_planner.gui.plan_check_dock import PlanCheckDock

    path, expected = planted
    res = _run("checkplan", dict(_plan_layers(path), OUTPUT=str(tmp_path / "f.gpkg")))
    project = QgsProject.instance()
    planned = QgsVectorLayer(path + "|layername=GHDLTB", "GHDLTB", "ogr")
    project.addMapLayer(planned)
    dock = PlanCheckDock(qgis_iface)
    try:
        findings = QgsVectorLayer(res["OUTPUT"], "质检", "ogr")
        project.addMapLayer(findings)  # a new findings layer is picked up by the dock at once
        assert dock.layer_combo.currentLayer() is findings
        assert dock.table.rowCount() == len(expected)
        dock.severity.setCurrentIndex(dock.severity.findData("WARNING"))
        assert dock.table.rowCount() == 1
        dock.severity.setCurrentIndex(dock.severity.findData(""))
        row = next(i for i, r in enumerate(dock.visible_rows()) if r["rule"] == "construction_on_farmland")
        extent = dock.zoom_to(row)
        assert extent is not None and not extent.isEmpty()
        homestead = dict(expected)["construction_on_farmland"]
        assert planned.selectedFeatureIds() == [homestead]
    finally:
        dock.disconnect_project()
        dock.deleteLater()
        for layer in list(project.mapLayers().values()):
            project.removeMapLayer(layer.id())


def test_a_database_name_never_replaces_an_input_or_a_foreign_file(sample_dir, tmp_path, vp_provider):
    out = tmp_path / "out"
    out.mkdir()
    county = str(out / (V1 + "_高岭村.gpkg"))  # the county delivery happens to carry a village database's name
    shutil.copy(os.path.join(sample_dir, "county.gpkg"), county)
    before = os.path.getsize(county)
    with pytest.raises(QgsProcessingException, match="input of this run"):
        _run("buildsubmission", dict(_plan_layers(county), VILLAGE_CODES=V1, FORMAT="gpkg", OUTPUT_FOLDER=str(out)))
    assert os.path.getsize(county) == before
    assert QgsVectorLayer(county + "|layername=DLTB", "d", "ogr").featureCount() > 0
    other = tmp_path / "other"
    other.mkdir()
    (other / (V1 + "_高岭村.gpkg")).write_text("a planner's own file")
    plan = _plan_layers(os.path.join(sample_dir, "county.gpkg"))
    with pytest.raises(QgsProcessingException, match="not written by this plugin"):
        _run("buildsubmission", dict(plan, VILLAGE_CODES=V1, FORMAT="gpkg", OUTPUT_FOLDER=str(other)))
    assert (other / (V1 + "_高岭村.gpkg")).read_text() == "a planner's own file"
    # an earlier build of ours is replaced, and nothing is left under a temporary name
    again = tmp_path / "again"
    for _ in range(2):
        res = _run("buildsubmission", dict(plan, VILLAGE_CODES=V1, FORMAT="gdb", OUTPUT_FOLDER=str(again)))
        assert res["READY"] == 1
    assert sorted(os.listdir(again)) == sorted([V1 + "_高岭村.gdb", V1 + "_高岭村_质检报告.html",
                                                  V1 + "_高岭村_质检报告.xlsx"])
