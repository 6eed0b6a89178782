"""The structure adjustment table: rows sum to subtotals and the total to the village area."""

import pandas as pd
import pytest

from village_planner.core.structure import leaf_of, load_rows, settlement_of, structure_table


def frame(rows):
    return pd.DataFrame(rows, columns=["village", "code", "settlement", "area_m2", "ridge_m2"])


BASE = frame([("v", "0101", "other", 50000, 3000), ("v", "0703", "village", 8000, 0),
              ("v", "0804", "village", 1000, 0), ("v", "0701", "urban", 2000, 0), ("v", "1202", "other", 1500, 0),
              ("v", "1311", "other", 300, 0), ("v", "1704", "other", 700, 0), ("v", "2301", "other", 400, 0),
              ("v", "1207", "village", 900, 0), ("v", "0304", "other", 10000, 0), ("v", "15", "other", 100, 0)])
PLANNED = frame([("v", "0101", "other", 52000, 3000), ("v", "0703", "village", 6500, 0),
                 ("v", "0704", "village", 1400, 0), ("v", "0701", "urban", 2000, 0), ("v", "1202", "other", 1500, 0),
                 ("v", "1311", "other", 300, 0), ("v", "1704", "other", 700, 0), ("v", "1207", "village", 900, 0),
                 ("v", "0304", "other", 10000, 0), ("v", "15", "other", 100, 0)])


def _u(value):
    """A stored figure in hundredths; it must already be rounded to two decimals."""
    assert round(value, 2) == value, value
    return int(round(value * 100))


def _check_sums(rows, spec):
    """Exactly, at two decimals: subtotals are the sum of their children, the top rows of the total, in areas
    and in shares; the change is target minus base."""
    by_id = {r["id"]: r for r in spec["rows"]}
    for rid, r in rows.items():
        if rid in by_id and "children" in by_id[rid]:
            for key in ("base_ha", "target_ha", "base_pct", "target_pct"):
                assert _u(r[key]) == sum(_u(rows[c][key]) for c in by_id[rid]["children"] if c in rows), (rid, key)
        assert _u(r["change_ha"]) == _u(r["target_ha"]) - _u(r["base_ha"])
    top = [r for r in rows.values() if r["level"] == 0 and r["row_id"] != "TOTAL"]
    for key in ("base_ha", "target_ha", "base_pct", "target_pct"):
        assert sum(_u(r[key]) for r in top) == _u(rows["TOTAL"][key]), key
    return top


def test_rows_sum_to_subtotals_and_total():
    spec = load_rows()
    rows = {r["row_id"]: r for r in structure_table(BASE, PLANNED, spec)}
    top = _check_sums(rows, spec)
    assert rows["TOTAL"]["base_ha"] == 7.79  # (74,900 + 3,000 field ridges) m2
    assert rows["TOTAL"]["base_pct"] == 100.0
    assert sum(_u(r["base_pct"]) for r in top) == 10000
    assert rows["23"]["base_ha"] == pytest.approx(0.34)  # vacant land outside settlements and field ridges
    assert rows["C121"]["change_ha"] == pytest.approx(-0.15)
    assert rows["C2"]["base_ha"] == pytest.approx(0.18)  # highway and hydraulic works
    assert rows["C11"]["base_ha"] == pytest.approx(0.2)
    assert "X" not in rows and "S" not in rows  # empty optional rows are left out


def test_settlement_kinds_from_czcsxm():
    spec = load_rows()
    for code in ("201", "202", "201A", "202A", " 202a "):
        assert settlement_of(code, spec) == "urban", code
    for code in ("203", "203A"):
        assert settlement_of(code, spec) == "village", code
    for code in ("204", "205", "204A", "", None):
        assert settlement_of(code, spec) == "other", code


def test_construction_land_splits_three_ways():
    spec = load_rows()
    assert leaf_of("0804", "village", spec) == "C123"
    assert leaf_of("0804", "urban", spec) == "C11"
    assert leaf_of("0804", "other", spec) == "C3"  # a school outside any settlement is not urban land
    assert leaf_of("080403", "other", spec) == "C3"
    assert leaf_of("0901", "other", spec) == "C3"
    assert leaf_of("0701", "other", spec) == "C3"
    assert leaf_of("1311", "other", spec) == "C2"
    assert leaf_of("1311", "village", spec) == "C2"
    assert leaf_of("1311", "urban", spec) == "C2"
    assert leaf_of("0703", "other", spec) == "C121"
    assert leaf_of("070301", "village", spec) == "C121"
    assert leaf_of("0703", "urban", spec) == "C11"
    assert leaf_of("0704", "village", spec) == "C122"
    assert leaf_of("1002", "village", spec) == "C3"
    assert leaf_of("9999", "other", spec) == "X"
    assert leaf_of("1803", "other", spec) == "S"
    assert leaf_of("0804", True, spec) == "C123"  # a plain flag still means "inside village land"


def test_stations_other_transport_and_vacant_land_count_in_their_settlement():
    spec = load_rows()
    for code in ("1208", "120803", "1209"):
        assert leaf_of(code, "village", spec) == "C126", code
        assert leaf_of(code, "urban", spec) == "C11", code
        assert leaf_of(code, "other", spec) == "C2", code
    assert leaf_of("2301", "village", spec) == "C128"
    assert leaf_of("2301", "urban", spec) == "C11"
    assert leaf_of("2301", "other", spec) == "23"


def test_village_total_and_subtotals_with_the_three_way_split():
    spec = load_rows()
    base = frame([("v", "0703", "village", 5000, 0), ("v", "2301", "village", 300, 0),
                  ("v", "1208", "village", 200, 0), ("v", "0804", "urban", 400, 0), ("v", "1209", "urban", 50, 0),
                  ("v", "0804", "other", 600, 0), ("v", "1208", "other", 70, 0), ("v", "2301", "other", 80, 0),
                  ("v", "0101", "other", 9000, 500)])
    rows = {r["row_id"]: r for r in structure_table(base, base, spec)}
    _check_sums(rows, spec)
    # raw: C12 0.55, C11 0.045, C3 0.06, C2 0.007, 23 0.058, 01 0.9; total 1.62 ha. Largest remainders, top
    # down: 01 / C / 23 = 90 / 66.2 / 5.8 hundredths -> 0.90 / 0.66 / 0.06 (the .8 takes the missing unit);
    # C1 / C2 / C3 = 59.5 / 0.7 / 6 -> 0.59 / 0.01 / 0.06; C11 / C12 = 4.5 / 55 -> 0.04 / 0.55
    assert rows["TOTAL"]["base_ha"] == 1.62
    assert (rows["01"]["base_ha"], rows["C"]["base_ha"], rows["23"]["base_ha"]) == (0.9, 0.66, 0.06)
    assert (rows["C1"]["base_ha"], rows["C2"]["base_ha"], rows["C3"]["base_ha"]) == (0.59, 0.01, 0.06)
    assert (rows["C11"]["base_ha"], rows["C12"]["base_ha"]) == (0.04, 0.55)
    assert rows["C12"]["change_ha"] == 0.0 and str(rows["C12"]["change_ha"]) == "0.0"


def test_the_old_is_village_column_is_still_read():
    spec = load_rows()
    old = pd.DataFrame([("v", "0804", True, 1000, 0), ("v", "0804", False, 500, 0)],
                       columns=["village", "code", "is_village", "area_m2", "ridge_m2"])
    rows = {r["row_id"]: r for r in structure_table(old, old, spec)}
    assert rows["C123"]["base_ha"] == pytest.approx(0.1) and rows["C3"]["base_ha"] == pytest.approx(0.05)


def test_a_county_file_with_the_old_village_flag_still_works():
    spec = {"rows": [{"id": "A", "zh": "a", "en": "a", "prefixes": ["08"], "village": True},
                     {"id": "B", "zh": "b", "en": "b", "prefixes": ["08"], "village": False}]}
    assert leaf_of("0804", "village", spec) == "A"
    assert leaf_of("0804", "urban", spec) == "B" and leaf_of("0804", "other", spec) == "B"


def test_no_change_is_written_as_zero_not_minus_zero():
    same = frame([("v", "0201", "other", 1234.5678, 0)])
    rows = {r["row_id"]: r for r in structure_table(same, frame([("v", "0201", "other", 1234.5678 - 1e-9, 0)]))}
    assert str(rows["02"]["change_ha"]) == "0.0"


def test_figures_are_stored_rounded_and_add_up_where_plain_rounding_would_not():
    """Three rows of 1/3 of the area: plain rounding shows 33.33 % three times (99.99 %)."""
    spec = load_rows()
    third = frame([("v", "0101", "other", 1000, 0), ("v", "0301", "other", 1000, 0),
                   ("v", "1704", "other", 1000, 0)])
    rows = {r["row_id"]: r for r in structure_table(third, third, spec)}
    _check_sums(rows, spec)
    assert sorted(rows[k]["base_pct"] for k in ("01", "03", "17")) == [33.33, 33.33, 33.34]
    assert rows["TOTAL"]["base_ha"] == 0.3
    # an odd county: many small rows whose plain roundings add up to less than the total
    odd = frame([("v", code, "village", 44.9, 0) for code in ("0703", "0704", "08", "09", "1001", "1207", "13")]
                + [("v", "0101", "other", 10000, 0)])
    rows = {r["row_id"]: r for r in structure_table(odd, odd, spec)}
    top = _check_sums(rows, spec)
    # each village row is 0.00449 ha (0.00 when rounded alone), together 0.0314 ha: the subtotal shows 0.03 and
    # three of its rows 0.01, so that they add up to it
    assert rows["C12"]["base_ha"] == 0.03
    kids = [rows[c]["base_ha"] for c in ("C121", "C122", "C123", "C124", "C125", "C126", "C127") if c in rows]
    assert sorted(kids) == [0.0, 0.0, 0.0, 0.0, 0.01, 0.01, 0.01]
    assert rows["TOTAL"]["base_ha"] == 1.03
    assert sum(_u(r["base_ha"]) for r in top) == _u(rows["TOTAL"]["base_ha"])
