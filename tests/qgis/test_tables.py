"""villageplanner:structuretable on the sample county's survey and planned layers."""

import sqlite3

import pytest
from openpyxl import load_workbook
from qgis.core import QgsFeatureRequest

from tests.conftest import gpkg_layer


def _u(value):
    """A stored figure in hundredths of its unit; it must be stored rounded to two decimals."""
    assert value is not None and round(value, 2) == pytest.approx(value, abs=1e-9), value
    return int(round(value * 100))


def _check_structure_workbook(path):
    """Every sheet of a structure workbook, read back with openpyxl: each row with indented rows under it is
    their sum, the top rows sum to the total row, in every figure column, exactly at two decimals."""
    wb = load_workbook(path)
    assert wb.sheetnames
    for ws in wb.worksheets:
        rows = []
        for r in ws.iter_rows(min_row=5, values_only=True):
            name = r[0] or ""
            rows.append((len(name) - len(name.lstrip(" ")), list(r[1:6])))
        *body, total = rows
        assert total[0] == 0
        for col in range(5):
            top = [v[col] for level, v in body if level == 0]
            assert sum(_u(x) for x in top) == _u(total[1][col]), (ws.title, col)
            for i, (level, values) in enumerate(body):
                kids = []
                for lv, v in body[i + 1:]:
                    if lv <= level:
                        break
                    if lv == level + 2:  # two spaces per level
                        kids.append(v[col])
                if kids:
                    assert sum(_u(x) for x in kids) == _u(values[col]), (ws.title, i, col)
        for _, values in body:
            assert _u(values[4]) == _u(values[2]) - _u(values[0])  # change = target - base
    return wb


def test_structure_table_totals_equal_the_village_area(sample_dir, tmp_path, vp_provider):
    import os

    import processing

    res = processing.run("villageplanner:structuretable", {
        "BASE": gpkg_layer(sample_dir, "DLTB"), "PLANNED": gpkg_layer(sample_dir, "GHDLTB"),
        "OUTPUT": "memory:", "OUTPUT_XLSX": str(tmp_path / "structure.xlsx")})
    rows = {}
    for f in res["OUTPUT"].getFeatures():
        rows.setdefault(f["village_code"], {})[f["row_id"]] = f
    con = sqlite3.connect(os.path.join(sample_dir, "county.gpkg"))
    areas = dict(con.execute("SELECT substr(ZLDWDM, 1, 12), sum(TBMJ) FROM DLTB GROUP BY 1"))
    planned = dict(con.execute("SELECT substr(ZLDWDM, 1, 12), sum(MJ) FROM GHDLTB GROUP BY 1"))
    con.close()
    assert res["VILLAGES"] == len(rows) >= 12
    for code, table in rows.items():
        total = table["TOTAL"]
        # the total is the official village area rounded to 0.01 ha, and the rows add up to it exactly
        assert total["base_ha"] == round(areas[code] / 1e4 + 1e-9, 2), code
        assert total["target_ha"] == round(planned.get(code, 0.0) / 1e4 + 1e-9, 2), code
        top = [r for r in table.values() if r["level"] == 0 and r["row_id"] != "TOTAL"]
        for key in ("base_ha", "target_ha", "base_pct", "target_pct", "change_ha"):
            assert sum(_u(r[key]) for r in top) == _u(total[key]), (code, key)
        for sub, kids in (("C", ("C1", "C2", "C3")), ("C1", ("C11", "C12"))):
            for key in ("base_ha", "target_ha"):
                assert _u(table[sub][key]) == sum(_u(table[k][key]) for k in kids if k in table), (code, sub)
    _check_structure_workbook(res["OUTPUT_XLSX"])
    relocated = rows["500230001003"]
    assert relocated["C121"]["change_ha"] < 0 and relocated["01"]["change_ha"] > 0
    wb = load_workbook(res["OUTPUT_XLSX"])
    ws = wb["500230001003"]
    assert ws.freeze_panes == "B5"
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {"A3:A4", "B3:C3", "D3:E3"} <= merged
    assert ws["B4"].value == "Area (ha)"


def test_indicator_table_with_the_ledger(sample_dir, tmp_path, vp_provider):
    import os

    import processing

    ledger = processing.run("villageplanner:resourceledger", {
        "PARCELS": gpkg_layer(sample_dir, "DLTB"), "VILLAGES": gpkg_layer(sample_dir, "CJDCQ"),
        "BASIC_FARMLAND": gpkg_layer(sample_dir, "YJJBNTTB"), "ECO_REDLINE": gpkg_layer(sample_dir, "STBHHX"),
        "VILLAGE_STATS": os.path.join(sample_dir, "village_stats.csv"), "OUTPUT": str(tmp_path / "ledger.gpkg")})
    res = processing.run("villageplanner:indicatortable", {
        "BASE": gpkg_layer(sample_dir, "DLTB"), "PLANNED": gpkg_layer(sample_dir, "GHDLTB"),
        "LEDGER": ledger["OUTPUT"], "VILLAGE_CODES": "500230001003,500230001004", "OUTPUT": "memory:",
        "OUTPUT_XLSX": str(tmp_path / "indicators.xlsx")})
    assert res["VILLAGES"] == 2
    rows = {(f["village_code"], f["indicator"]): f for f in res["OUTPUT"].getFeatures()}
    red = rows[("500230001004", "redline")]
    assert red["kind"] == "binding" and red["base"] > 100 and red["change"] == 0
    vc = rows[("500230001003", "village_construction")]
    assert vc["change"] < 0
    per = rows[("500230001003", "per_resident")]
    pop = rows[("500230001003", "resident_pop")]["base"]
    assert per["base"] == pytest.approx(vc["base"] * 10000 / pop, rel=1e-3)
    wb = load_workbook(res["OUTPUT_XLSX"])
    assert wb.sheetnames == ["500230001003", "500230001004"]
    assert wb["500230001003"]["C4"].value == "Binding"
    # stored at two decimals (not a display format over raw floats); the change is that of the figures shown
    checked = 0
    for ws in wb.worksheets:
        for r in ws.iter_rows(min_row=4, values_only=True):
            base, target, change = r[4:7]
            if base is None:
                continue
            assert _u(change) == _u(target) - _u(base), (ws.title, r)
            checked += 1
    assert checked >= 12
    # the area indicators are the structure table's figures
    structure = processing.run("villageplanner:structuretable", {
        "BASE": gpkg_layer(sample_dir, "DLTB"), "PLANNED": gpkg_layer(sample_dir, "GHDLTB"),
        "VILLAGE_CODES": "500230001003", "OUTPUT": "memory:"})
    srows = {f["row_id"]: f for f in structure["OUTPUT"].getFeatures()}
    assert vc["base"] == srows["C12"]["base_ha"] and vc["target"] == srows["C12"]["target_ha"]
    assert rows[("500230001003", "construction")]["target"] == srows["C"]["target_ha"]


def test_a_planned_layer_without_area_fields_is_measured_on_the_ellipsoid(vp_provider):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    from village_planner.qgis_adapter.compat import new_field
    from village_planner.qgis_adapter.planning_layers import read_planning_layer

    layer = QgsVectorLayer("Polygon?crs=EPSG:4545", "plan", "memory")
    layer.dataProvider().addAttributes([new_field("GHDLBM", "text"), new_field("ZLDWDM", "text")])
    layer.updateFields()
    f = QgsFeature(layer.fields())
    f.setAttributes(["0703", "5002300010010010000"])
    f.setGeometry(QgsGeometry.fromWkt("POLYGON((480000 3300000, 480100 3300000, 480100 3300100, 480000 3300100, "
                                      "480000 3300000))"))
    layer.dataProvider().addFeature(f)
    boundary = QgsVectorLayer("Polygon?crs=EPSG:4545", "CZJSBJ", "memory")
    b = QgsFeature()
    b.setGeometry(QgsGeometry.fromWkt("POLYGON((479990 3299990, 480100 3299990, 480100 3300110, 479990 3300110, "
                                      "479990 3299990))"))
    boundary.dataProvider().addFeature(b)
    frame = read_planning_layer(layer, boundary=boundary)
    assert frame.loc[0, "village"] == "500230001001"
    assert frame.loc[0, "code"] == "0703" and bool(frame.loc[0, "is_village"])
    assert frame.loc[0, "settlement"] == "village"
    assert frame.loc[0, "area_m2"] == pytest.approx(10000, rel=0.001)  # ellipsoidal, close to planar here


def _without_czcsxm(sample_dir):
    """The sample's planned layer, as a memory copy without CZCSXM."""
    from qgis.core import QgsVectorLayer

    src = QgsVectorLayer(gpkg_layer(sample_dir, "GHDLTB"), "GHDLTB", "ogr")
    copy = src.materialize(QgsFeatureRequest())
    copy.setName("GHDLTB_no_CZCSXM")
    copy.dataProvider().deleteAttributes([copy.fields().indexOf("CZCSXM")])
    copy.updateFields()
    assert copy.fields().indexOf("CZCSXM") < 0
    return copy


def test_a_planned_layer_without_czcsxm_needs_the_construction_boundary(sample_dir, vp_provider):
    import processing
    from qgis.core import QgsProcessingException

    planned = _without_czcsxm(sample_dir)
    params = {"BASE": gpkg_layer(sample_dir, "DLTB"), "PLANNED": planned, "VILLAGE_CODES": "500230001003",
              "OUTPUT": "memory:"}
    with pytest.raises(QgsProcessingException, match="GHDLTB_no_CZCSXM.*CZCSXM"):
        processing.run("villageplanner:structuretable", params)
    with pytest.raises(QgsProcessingException, match="CONSTRUCTION_BOUNDARY"):
        processing.run("villageplanner:indicatortable", params)
    with_czc = processing.run("villageplanner:structuretable", dict(params, PLANNED=gpkg_layer(sample_dir, "GHDLTB")))
    res = processing.run("villageplanner:structuretable", dict(
        params, CONSTRUCTION_BOUNDARY=gpkg_layer(sample_dir, "CZJSBJ")))
    expected = {f["row_id"]: f for f in with_czc["OUTPUT"].getFeatures()}
    got = {f["row_id"]: f for f in res["OUTPUT"].getFeatures()}
    # the sample's boundary is drawn 15 m around the planned settlement: the same village land
    assert got["C12"]["target_ha"] == pytest.approx(expected["C12"]["target_ha"], abs=1e-6)
    assert got["C12"]["target_ha"] > 0
    assert got["TOTAL"]["target_ha"] == pytest.approx(expected["TOTAL"]["target_ha"], abs=1e-6)


def test_the_sample_county_splits_construction_land_three_ways(sample_dir, vp_provider):
    import os

    import processing

    from village_planner.core.structure import leaf_of, load_rows, settlement_of

    res = processing.run("villageplanner:structuretable", {
        "BASE": gpkg_layer(sample_dir, "DLTB"), "PLANNED": gpkg_layer(sample_dir, "GHDLTB"), "OUTPUT": "memory:"})
    rows = {}
    for f in res["OUTPUT"].getFeatures():
        rows.setdefault(f["village_code"], {})[f["row_id"]] = f
    # independent figures: planned parcels read with sqlite, rows chosen with the row file
    spec = load_rows()
    con = sqlite3.connect(os.path.join(sample_dir, "county.gpkg"))
    expected = {}
    for village, code, czc, mj, kcmj in con.execute("SELECT substr(ZLDWDM, 1, 12), GHDLBM, CZCSXM, MJ, KCMJ "
                                                    "FROM GHDLTB"):
        leaf = leaf_of(code, settlement_of(czc, spec), spec)
        key = {"C11": "C11", "C2": "C2", "C3": "C3"}.get(leaf, "C12" if leaf.startswith("C12") else None)
        if key:
            expected.setdefault(village, {}).setdefault(key, 0.0)
            expected[village][key] += (mj - (kcmj or 0)) / 1e4
    con.close()
    seat = rows["500230001001"]  # the county seat: urban construction land
    assert seat["C11"]["target_ha"] > 0
    for village, sums in expected.items():
        if village not in rows:
            continue
        for key, value in sums.items():
            assert rows[village][key]["target_ha"] == pytest.approx(value, abs=0.01 + 1e-9), (village, key)
    # vacant land (2301) inside the village settlement counts as village construction land
    assert any(r["C128"]["base_ha"] > 0 for r in rows.values())
