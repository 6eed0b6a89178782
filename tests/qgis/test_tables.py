"""villageplanner:structuretable on the sample county's survey and planned layers."""

import sqlite3

import pytest
from openpyxl import load_workbook

from tests.conftest import gpkg_layer


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
    con.close()
    assert res["VILLAGES"] == len(rows) >= 12
    for code, table in rows.items():
        total = table["TOTAL"]
        assert total["base_ha"] * 1e4 == pytest.approx(areas[code], abs=0.05), code
        assert total["target_ha"] * 1e4 == pytest.approx(areas[code], abs=0.05), code
        top = [r for r in table.values() if r["level"] == 0 and r["row_id"] != "TOTAL"]
        assert sum(r["base_ha"] for r in top) == pytest.approx(total["base_ha"], abs=1e-3)
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


def test_a_planned_layer_without_area_fields_is_measured_on_the_ellipsoid(vp_provider):
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    from village_planner.processing.table_algs import read_planning_layer

    layer = QgsVectorLayer("Polygon?crs=EPSG:4545", "plan", "memory")
    layer.dataProvider().addAttributes([QgsField("GHDLBM", QVariant.String), QgsField("ZLDWDM", QVariant.String)])
    layer.updateFields()
    f = QgsFeature(layer.fields())
    f.setAttributes(["0703", "5002300010010010000"])
    f.setGeometry(QgsGeometry.fromWkt("POLYGON((480000 3300000, 480100 3300000, 480100 3300100, 480000 3300100, "
                                      "480000 3300000))"))
    layer.dataProvider().addFeature(f)
    frame = read_planning_layer(layer)
    assert frame.loc[0, "village"] == "500230001001"
    assert frame.loc[0, "code"] == "0703" and bool(frame.loc[0, "is_village"])
    assert frame.loc[0, "area_m2"] == pytest.approx(10000, rel=0.001)  # ellipsoidal, close to planar here
