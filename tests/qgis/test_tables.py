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
