"""The structure adjustment table: rows sum to subtotals and the total to the village area."""

import pandas as pd
import pytest

from village_planner.core.structure import leaf_of, load_rows, structure_table


def frame(rows):
    return pd.DataFrame(rows, columns=["village", "code", "is_village", "area_m2", "ridge_m2"])


BASE = frame([("v", "0101", False, 50000, 3000), ("v", "0703", True, 8000, 0), ("v", "0804", True, 1000, 0),
              ("v", "0701", False, 2000, 0), ("v", "1202", False, 1500, 0), ("v", "1311", False, 300, 0),
              ("v", "1704", False, 700, 0), ("v", "2301", False, 400, 0), ("v", "1207", True, 900, 0),
              ("v", "0304", False, 10000, 0), ("v", "15", False, 100, 0)])
PLANNED = frame([("v", "0101", False, 52000, 3000), ("v", "0703", True, 6500, 0), ("v", "0704", True, 1400, 0),
                 ("v", "0701", False, 2000, 0), ("v", "1202", False, 1500, 0), ("v", "1311", False, 300, 0),
                 ("v", "1704", False, 700, 0), ("v", "1207", True, 900, 0), ("v", "0304", False, 10000, 0),
                 ("v", "15", False, 100, 0)])


def test_rows_sum_to_subtotals_and_total():
    spec = load_rows()
    rows = {r["row_id"]: r for r in structure_table(BASE, PLANNED, spec)}
    by_id = {r["id"]: r for r in spec["rows"]}
    for rid, r in rows.items():
        if rid in by_id and "children" in by_id[rid]:
            for key in ("base_ha", "target_ha"):
                assert r[key] == pytest.approx(sum(rows[c][key] for c in by_id[rid]["children"]), abs=1e-4)
    top = [r for r in rows.values() if r["level"] == 0 and r["row_id"] != "TOTAL"]
    for key in ("base_ha", "target_ha"):
        assert sum(r[key] for r in top) == pytest.approx(rows["TOTAL"][key], abs=1e-4)
    assert rows["TOTAL"]["base_ha"] == pytest.approx((BASE.area_m2.sum() + BASE.ridge_m2.sum()) / 1e4)
    assert rows["TOTAL"]["base_pct"] == 100.0
    assert sum(r["base_pct"] for r in top) == pytest.approx(100.0, abs=0.1)
    assert rows["23"]["base_ha"] == pytest.approx(0.34)  # vacant land and field ridges
    assert rows["C121"]["change_ha"] == pytest.approx(-0.15)
    assert rows["C2"]["base_ha"] == pytest.approx(0.18)  # highway and hydraulic works


def test_village_and_urban_construction_are_told_apart():
    spec = load_rows()
    assert leaf_of("0804", True, spec) == "C123"
    assert leaf_of("0804", False, spec) == "C11"
    assert leaf_of("1311", False, spec) == "C2"
    assert leaf_of("1311", True, spec) == "C2"
    assert leaf_of("0703", False, spec) == "C121"
    assert leaf_of("9999", False, spec) == "X"
