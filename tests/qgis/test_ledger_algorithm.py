"""villageplanner:resourceledger on the sample county, with real GeoPackage, Shapefile and CSV files."""

import os
import sqlite3

import pytest
from openpyxl import load_workbook
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.conftest import gpkg_layer


def _run(params):
    import processing

    return processing.run("villageplanner:resourceledger", params)


def _inputs(sample_dir, file="county.gpkg"):
    return {k: gpkg_layer(sample_dir, n, file) for k, n in (
        ("PARCELS", "DLTB"), ("VILLAGES", "CJDCQ"), ("BASIC_FARMLAND", "YJJBNTTB"), ("ECO_REDLINE", "STBHHX"),
        ("DEV_BOUNDARY", "CZKFBJ"), ("HAZARDS", "DZZHD"))}


def _rows(path):
    layer = QgsVectorLayer(path, "ledger", "ogr")
    assert layer.isValid(), path
    rows = {f["village_code"]: {k.name(): f[k.name()] for k in layer.fields()} for f in layer.getFeatures()}
    return rows, layer


@pytest.fixture(scope="module")
def ledger(sample_dir, out_dir, vp_provider):
    out = os.path.join(out_dir, "ledger")
    os.makedirs(out, exist_ok=True)
    res = _run(dict(_inputs(sample_dir), VILLAGE_STATS=os.path.join(sample_dir, "village_stats.csv"),
                    SURVEY_YEAR=2023, OUTPUT=os.path.join(out, "ledger.gpkg"),
                    OUTPUT_XLSX=os.path.join(out, "ledger.xlsx"), OUTPUT_HTML=os.path.join(out, "ledger.html")))
    rows, layer = _rows(res["OUTPUT"])
    return res, rows, layer


def _independent_sums(sample_dir):
    con = sqlite3.connect(os.path.join(sample_dir, "county.gpkg"))
    q = """SELECT substr(ZLDWDM, 1, 12) AS v, sum(TBMJ), sum(KCMJ),
                  sum(CASE WHEN DLBM IN ('0101','0102','0103') THEN TBDLMJ ELSE 0 END),
                  sum(CASE WHEN DLBM LIKE '%K' THEN TBDLMJ ELSE 0 END),
                  sum(CASE WHEN DLBM = '0702' THEN TBDLMJ ELSE 0 END),
                  sum(CASE WHEN CZCSXM IN ('203', '203A') AND (substr(DLBM,1,2) IN ('05','06','07','08','09')
                       OR DLBM IN ('1001','1002','1003','1004','1005','1007','1008','1009','1109','1201'))
                      THEN TBDLMJ ELSE 0 END)
           FROM DLTB GROUP BY v"""
    out = {r[0]: r[1:] for r in con.execute(q)}
    con.close()
    return out


def test_attribute_sums_match_the_survey_exactly(ledger, sample_dir):
    res, rows, layer = ledger
    sums = _independent_sums(sample_dir)
    checked = 0
    for code, (tbmj, kcmj, cult, kland, homestead, village_cons) in sums.items():
        row = rows.get(code) or rows["UNASSIGNED"]
        if code not in rows:
            continue
        assert row["total_ha"] * 10000 == pytest.approx(tbmj, abs=0.01)
        assert row["field_ridge_ha"] * 10000 == pytest.approx(kcmj, abs=0.01)
        assert row["cultivated_ha"] * 10000 == pytest.approx(cult, abs=0.01)
        assert row["restorable_ha"] * 10000 == pytest.approx(kland, abs=0.01)
        assert row["homestead_ha"] * 10000 == pytest.approx(homestead, abs=0.01)
        assert row["village_construction_ha"] * 10000 == pytest.approx(village_cons, abs=0.01)
        parts = sum(row[c] for c in ("cultivated_ha", "ecological_ha", "construction_ha", "other_agricultural_ha",
                                     "other_ha", "field_ridge_ha"))
        assert parts == pytest.approx(row["total_ha"], abs=1e-5)  # the 4+2 land accounts add up
        checked += 1
    assert checked == 12
    total = sum(r["total_ha"] for r in rows.values())
    assert total * 10000 == pytest.approx(sum(v[0] for v in sums.values()), abs=0.01)


def test_one_row_per_village_plus_unassigned(ledger, sample_dir):
    res, rows, layer = ledger
    assert res["VILLAGES_COUNT"] == 12
    assert len(rows) == 13
    assert rows["UNASSIGNED"]["unassigned"] == 1
    assert rows["UNASSIGNED"]["parcel_count"] == 1
    assert layer.geometryType() == 2  # polygons, from VILLAGES
    required = ["village_code", "village_name", "town", "total_ha", "cultivated_ha", "field_ridge_ha",
                "cultivated_in_bnt_ha", "restorable_ha", "ecological_ha", "eco_redline_ha", "construction_ha",
                "village_construction_ha", "homestead_ha", "other_agricultural_ha", "dev_boundary_ha", "hazard_points",
                "households",
                "registered_pop", "resident_pop", "resident_ratio", "construction_per_resident_m2", "heritage"]
    names = [f.name() for f in layer.fields()]
    assert all(n in names for n in required)


def test_socio_economic_accounts_come_from_the_gbk_csv(ledger):
    _, rows, _ = ledger
    v2 = rows["500230001002"]
    assert v2["heritage"] == "国家级传统村落"
    assert v2["town"] == "三合镇"
    v5 = rows["500230001005"]
    assert v5["resident_ratio"] == pytest.approx(0.27, abs=0.001)
    assert rows["500230001003"]["hazard_points"] == 4
    last = rows["500230002006"]
    assert last["households"] is None or str(last["households"]) == "NULL"


def test_overlays_agree_with_qgis_native_algorithms(ledger, sample_dir, vp_provider):
    """Independent figures: native:intersection, then each piece's share of its parcel's official area."""
    import processing

    _, rows, _ = ledger
    fixed = processing.run("native:fixgeometries", {"INPUT": gpkg_layer(sample_dir, "DLTB"),
                                                     "OUTPUT": "memory:"})["OUTPUT"]
    for overlay, column, cultivated_only in (("STBHHX", "eco_redline_ha", False),
                                             ("CZKFBJ", "dev_boundary_ha", False),
                                             ("YJJBNTTB", "cultivated_in_bnt_ha", True)):
        inter = processing.run("native:intersection", {
            "INPUT": fixed, "OVERLAY": gpkg_layer(sample_dir, overlay), "INPUT_FIELDS": [],
            "OVERLAY_FIELDS_PREFIX": "o_", "OUTPUT": "memory:"})["OUTPUT"]
        planar = {f["BSM"]: f.geometry().area() for f in fixed.getFeatures()}
        expected = {}
        for f in inter.getFeatures():
            if cultivated_only and f["DLBM"] not in ("0101", "0102", "0103"):
                continue
            base = f["TBDLMJ"] if cultivated_only else f["TBMJ"]
            code = f["ZLDWDM"][:12]
            expected[code] = expected.get(code, 0.0) + base * f.geometry().area() / planar[f["BSM"]]
        assert expected, overlay
        for code, m2 in expected.items():
            if code not in rows or m2 < 100:
                continue
            assert rows[code][column] * 10000 == pytest.approx(m2, rel=0.01), (overlay, code)


def test_workbook_is_laid_out_for_the_county_office(ledger):
    res, rows, _ = ledger
    wb = load_workbook(res["OUTPUT_XLSX"])
    assert len(wb.sheetnames) == 3
    ws = wb.worksheets[0]
    assert ws.freeze_panes == "D4"
    merged = [str(r) for r in ws.merged_cells.ranges]
    assert len(merged) == 7  # one group header per account, plus the village columns
    assert "(ha)" in ws.cell(row=3, column=4).value
    last = ws.max_row
    assert ws.cell(row=last, column=1).value == "County total"
    total = ws.cell(row=last, column=4).value
    assert total == pytest.approx(sum(r["total_ha"] for r in rows.values()), abs=1e-3)
    problems = wb.worksheets[1]
    assert problems.max_row >= 3
    codes = {problems.cell(row=r, column=2).value for r in range(2, problems.max_row + 1)}
    assert {"invalid_geometry", "parcel_without_village"} <= codes
    meta = {r[0].value: r[1].value for r in wb.worksheets[2].iter_rows()}
    assert meta["Survey year"] == 2023
    assert len(meta["Profile hash (SHA-256)"]) == 64


def _u(value):
    """A stored figure in hundredths; it must be stored rounded to two decimals, not shown so by a format."""
    assert round(value, 2) == pytest.approx(value, abs=1e-9), value
    return int(round(value * 100))


def test_workbook_rows_and_columns_add_up_at_two_decimals(ledger, sample_dir):
    """Read back with openpyxl: each village's land accounts sum exactly to its total (and the construction
    split and the crop types to their account); every hectare column of the county row is the sum of the
    villages; the county total is the survey's total area rounded to 0.01 ha."""
    from village_planner.core.ledger_export import LEDGER_PARTITIONS

    res, _, _ = ledger
    ws = load_workbook(res["OUTPUT_XLSX"]).worksheets[0]
    heads = [ws.cell(row=3, column=c).value or "" for c in range(1, ws.max_column + 1)]
    from village_planner.core.ledger_export import column_groups

    keys = [key for _, cols in column_groups() for key, _, _ in cols]
    assert len(keys) == len(heads)
    col = {key: i for i, key in enumerate(keys)}
    body = [r for r in ws.iter_rows(min_row=4, values_only=True)]
    *villages, county = body
    assert county[0] == "County total" and len(villages) == 13  # 12 villages and the unassigned parcels
    ha_keys = [k for k in keys if k.endswith("_ha")]
    for row in villages + [county]:
        for parent, parts in LEDGER_PARTITIONS:
            if row[col[parent]] is None:
                continue
            assert sum(_u(row[col[k]] or 0) for k in parts) == _u(row[col[parent]]), (row[0], parent)
    for key in ha_keys:
        values = [r[col[key]] for r in villages if r[col[key]] is not None]
        if values:
            assert sum(_u(v) for v in values) == _u(county[col[key]]), key
    con = sqlite3.connect(os.path.join(sample_dir, "county.gpkg"))
    (official,) = con.execute("SELECT sum(TBMJ) FROM DLTB").fetchone()
    con.close()
    assert county[col["total_ha"]] == round(official / 1e4 + 1e-9, 2)
    # the overlay columns meet their own rounded county totals too
    _, rows, _ = ledger
    raw_bnt = sum(r["bnt_ha"] for r in rows.values() if r["bnt_ha"] is not None)
    assert county[col["bnt_ha"]] == round(raw_bnt + 1e-9, 2)


def test_html_report_has_a_page_per_village(ledger):
    res, rows, _ = ledger
    with open(res["OUTPUT_HTML"], encoding="utf-8") as fh:
        html = fh.read()
    assert html.count('<section class="village">') == 13
    for row in rows.values():
        if row["unassigned"] == 0:
            assert row["village_name"] in html


def test_gbk_shapefiles_and_epsg4490_give_the_same_figures(ledger, sample_dir, out_dir, vp_provider):
    _, base, _ = ledger
    shp = os.path.join(sample_dir, "shp_gbk")
    variants = {
        "shp": {k: os.path.join(shp, n + ".shp") for k, n in (
            ("PARCELS", "DLTB"), ("VILLAGES", "CJDCQ"), ("BASIC_FARMLAND", "YJJBNTTB"), ("ECO_REDLINE", "STBHHX"),
            ("DEV_BOUNDARY", "CZKFBJ"), ("HAZARDS", "DZZHD"))},
        "4490": _inputs(sample_dir, "county_4490.gpkg"),
    }
    for name, inputs in variants.items():
        res = _run(dict(inputs, VILLAGE_STATS=os.path.join(sample_dir, "village_stats.csv"),
                        OUTPUT=os.path.join(out_dir, "ledger", "ledger_%s.gpkg" % name)))
        rows, _ = _rows(res["OUTPUT"])
        assert set(rows) == set(base), name
        for code, row in rows.items():
            assert row["village_name"] == base[code]["village_name"], (name, code)
            for col in ("total_ha", "cultivated_ha", "field_ridge_ha", "construction_ha", "homestead_ha"):
                assert row[col] == pytest.approx(base[code][col], abs=1e-4), (name, code, col)
            for col in ("eco_redline_ha", "dev_boundary_ha", "cultivated_in_bnt_ha"):
                assert row[col] == pytest.approx(base[code][col], rel=1e-3, abs=1e-3), (name, code, col)
            assert row["hazard_points"] == base[code]["hazard_points"]


def test_statistics_from_a_table_layer(ledger, sample_dir, out_dir):
    _, base, _ = ledger
    res = _run({"PARCELS": gpkg_layer(sample_dir, "DLTB"), "VILLAGE_STATS": gpkg_layer(sample_dir, "CJTJ"),
                "OUTPUT": os.path.join(out_dir, "ledger", "ledger_table_stats.gpkg")})
    rows, layer = _rows(res["OUTPUT"])
    assert layer.geometryType() == 4  # no VILLAGES: a table
    assert rows["500230001002"]["heritage"] == "国家级传统村落"
    assert rows["500230001001"]["total_ha"] == pytest.approx(base["500230001001"]["total_ha"], abs=1e-6)
    assert rows["500230001001"]["eco_redline_ha"] is None or str(rows["500230001001"]["eco_redline_ha"]) == "NULL"


def test_missing_required_field_stops_with_layer_and_field(sample_dir, tmp_path, vp_provider):
    import processing

    broken = str(tmp_path / "broken.gpkg")
    processing.run("native:deletecolumn", {"INPUT": gpkg_layer(sample_dir, "DLTB"), "COLUMN": ["TBMJ"],
                                           "OUTPUT": broken})
    with pytest.raises(QgsProcessingException) as err:
        _run({"PARCELS": broken, "OUTPUT": "memory:"})
    assert "TBMJ" in str(err.value) and "broken" in str(err.value)
